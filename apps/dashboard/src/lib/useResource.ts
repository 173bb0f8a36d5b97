import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import { isAbortError } from '../api/client';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Load again now (after an action), keeping the current data on screen meanwhile. */
  reload: () => void;
  /** Replace the data with an action's answer without waiting for the next poll. */
  setData: (data: T) => void;
}

/**
 * Loads data and, with `intervalMs`, keeps it fresh by short polling. Polling pauses while the tab is
 * hidden and catches up as soon as it is visible again. A failed refresh keeps the last good data and
 * reports the error beside it.
 */
export function useResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
  intervalMs: number | null = null,
): Resource<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let stopped = false;
    let controller: AbortController | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let missedWhileHidden = false;

    const schedule = () => {
      if (stopped || intervalMs === null) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (document.hidden) missedWhileHidden = true;
        else void run();
      }, intervalMs);
    };
    const run = async () => {
      controller?.abort();
      const current = new AbortController();
      controller = current;
      setLoading(true);
      try {
        const value = await loadRef.current(current.signal);
        if (stopped || current.signal.aborted) return;
        setDataState(value);
        setError(null);
      } catch (caught) {
        if (stopped || isAbortError(caught) || current.signal.aborted) return;
        setError(caught);
      } finally {
        if (!stopped && controller === current) {
          setLoading(false);
          schedule();
        }
      }
    };
    const onVisibility = () => {
      if (!document.hidden && missedWhileHidden) {
        missedWhileHidden = false;
        void run();
      }
    };
    document.addEventListener('visibilitychange', onVisibility);
    void run();
    return () => {
      stopped = true;
      controller?.abort();
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
    // The caller lists what `load` depends on; `generation` forces a reload.
  }, [...deps, generation, intervalMs]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const setData = useCallback((value: T) => setDataState(value), []);
  return { data, error, loading, reload, setData };
}

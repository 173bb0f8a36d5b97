import { useI18n } from '../i18n/I18nProvider';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';

type Tone = 'success' | 'error' | 'info';
interface Toast {
  id: number;
  tone: Tone;
  text: string;
}

export interface Toaster {
  success: (text: string) => void;
  error: (text: string) => void;
  info: (text: string) => void;
}

const ToastContext = createContext<Toaster | null>(null);
const TIMEOUT_MS: Readonly<Record<Tone, number>> = { success: 4000, info: 5000, error: 8000 };

/** Short messages after actions, announced to screen readers (errors assertively). */
export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const dismiss = useCallback(
    (id: number) => setToasts((list) => list.filter((toast) => toast.id !== id)),
    [],
  );
  const push = useCallback(
    (tone: Tone, text: string) => {
      const id = next.current++;
      setToasts((list) => [...list.slice(-3), { id, tone, text }]);
      setTimeout(() => dismiss(id), TIMEOUT_MS[tone]);
    },
    [dismiss],
  );
  const toaster = useMemo<Toaster>(
    () => ({
      success: (text) => push('success', text),
      error: (text) => push('error', text),
      info: (text) => push('info', text),
    }),
    [push],
  );
  const render = (filter: (toast: Toast) => boolean) =>
    toasts.filter(filter).map((toast) => (
      <div
        key={toast.id}
        className={`toast toast-${toast.tone}`}
        role={toast.tone === 'error' ? 'alert' : 'status'}
      >
        <span>{toast.text}</span>
        <button
          type="button"
          className="toast-close"
          aria-label={t('common.dismiss')}
          onClick={() => dismiss(toast.id)}
        >
          ×
        </button>
      </div>
    ));
  return (
    <ToastContext.Provider value={toaster}>
      {children}
      <div className="toasts">
        <div aria-live="polite">{render((toast) => toast.tone !== 'error')}</div>
        <div aria-live="assertive">{render((toast) => toast.tone === 'error')}</div>
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): Toaster {
  const value = useContext(ToastContext);
  if (!value) throw new Error('useToast outside ToastProvider');
  return value;
}

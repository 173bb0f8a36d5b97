import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';

/** Puts text on the clipboard: the async Clipboard API, else the old `execCommand` way. */
export async function copyText(text: string, fallbackSource?: HTMLInputElement | HTMLTextAreaElement | null) {
  if (typeof navigator !== 'undefined' && navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch {
      // Denied (no permission, document not focused): try the selection route below.
    }
  }
  if (fallbackSource) {
    fallbackSource.focus();
    fallbackSource.select();
    if (document.execCommand('copy')) return;
  }
  throw new Error('copy failed');
}

interface CopyFieldProps {
  label: string;
  value: string;
  hint?: string;
  /** Shown as a multi-line block (code snippets). */
  multiline?: boolean;
  /** For tests and screen readers: a stable name of what is copied. */
  testId?: string;
}

/** A read-only value with a Copy button; the value can also be selected by hand. */
export function CopyField({ label, value, hint, multiline = false, testId }: CopyFieldProps) {
  const { t } = useI18n();
  const id = useId();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const inputRef = useRef<HTMLInputElement>(null);
  const areaRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (state === 'idle') return undefined;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      await copyText(value, inputRef.current ?? areaRef.current);
      setState('copied');
    } catch {
      setState('failed');
    }
  };

  return (
    <div className="copy-field">
      <label htmlFor={id}>{label}</label>
      <div className={`copy-row${multiline ? ' stacked' : ''}`}>
        {multiline ? (
          <textarea
            id={id}
            ref={areaRef}
            readOnly
            value={value}
            rows={Math.min(
              18,
              value.split('\n').reduce((rows, line) => rows + Math.max(1, Math.ceil(line.length / 46)), 0),
            )}
            spellCheck={false}
            data-testid={testId}
            onFocus={(event) => event.currentTarget.select()}
          />
        ) : (
          <input
            id={id}
            ref={inputRef}
            readOnly
            value={value}
            spellCheck={false}
            data-testid={testId}
            onFocus={(event) => event.currentTarget.select()}
          />
        )}
        <button
          type="button"
          className="button secondary copy-button"
          onClick={() => void copy()}
          aria-label={`${t('copy.button')}: ${label}`}
        >
          {state === 'copied' ? t('copy.done') : t('copy.button')}
        </button>
      </div>
      {hint ? <p className="hint">{hint}</p> : null}
      <p className="visually-hidden" role="status" aria-live="polite">
        {state === 'copied' ? t('copy.announce', { label }) : state === 'failed' ? t('copy.failed') : ''}
      </p>
      {state === 'failed' ? <p className="field-error">{t('copy.failed')}</p> : null}
    </div>
  );
}

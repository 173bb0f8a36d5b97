import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { Notice } from './Notice';

interface SecretOnceProps {
  title: string;
  /** The copy fields (and any hint) of what is shown only this once. */
  children: ReactNode;
  /** "I have stored it": the parent forgets the secret and decides where focus goes. */
  onDone?: () => void;
  testId?: string;
  /** Take focus on appearing (off when something else on the page should have it first). */
  autoFocus?: boolean;
}

/**
 * A secret the API returns only once (after create or rotation). It takes focus when it appears, so
 * keyboard and screen-reader users land on it after the dialog or form that produced it.
 */
export function SecretOnce({ title, children, onDone, testId, autoFocus = true }: SecretOnceProps) {
  const { t } = useI18n();
  const titleId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (autoFocus) headingRef.current?.focus();
    // Only when it appears, not when the flag changes later.
  }, []);
  return (
    <section className="key-once secret-once" aria-labelledby={titleId} data-testid={testId}>
      <h2 id={titleId} ref={headingRef} tabIndex={-1}>
        {title}
      </h2>
      <Notice tone="warning">{t('secret.once')}</Notice>
      {children}
      {onDone ? (
        <button type="button" className="button ghost small" onClick={onDone}>
          {t('keys.stored')}
        </button>
      ) : null}
    </section>
  );
}

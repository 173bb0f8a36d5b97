import { useI18n } from '../i18n/I18nProvider';
import { useFormat } from '../i18n/useFormat';

export type LiveState = 'waiting' | 'connected' | 'offline' | 'error';

interface LiveIndicatorProps {
  state: LiveState;
  lastPollAt?: string | null;
  timeZone: string | null | undefined;
  /** Why the state could not be checked (state `error`). */
  error?: string;
}

/** Whether the printer has called in: the moment a technician waits for during setup. */
export function LiveIndicator({ state, lastPollAt, timeZone, error }: LiveIndicatorProps) {
  const { t } = useI18n();
  const format = useFormat(timeZone);
  const time = lastPollAt ? format.time(lastPollAt, true) : '';
  let title: string;
  let detail: string;
  switch (state) {
    case 'waiting':
      title = t('live.waiting.title');
      detail = t('live.waiting.detail');
      break;
    case 'connected':
      title = t('live.connected.title');
      detail = t('live.connected.detail', { time });
      break;
    case 'offline':
      title = t('live.offline.title');
      detail = t('live.offline.detail', { time });
      break;
    case 'error':
      title = t('live.error.title');
      detail = error ?? '';
      break;
  }
  return (
    <div className={`live-indicator live-${state}`} role="status" aria-live="polite" data-state={state}>
      <span className="live-light" aria-hidden="true" />
      <div>
        <p className="live-title">{title}</p>
        <p className="live-detail">{detail}</p>
      </div>
    </div>
  );
}

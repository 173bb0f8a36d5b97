import type { PrinterView } from '@shared/types';
import { Link } from 'react-router-dom';
import { api } from '../api/endpoints';
import { PrinterStatusBadge } from '../components/Badges';
import { EmptyState, ErrorNotice, LiveMark, Loading, Notice, PageHeader } from '../components/Notice';
import { useI18n } from '../i18n/I18nProvider';
import { useFormat } from '../i18n/useFormat';
import { useNow } from '../lib/useNow';
import { useResource } from '../lib/useResource';
import { useSignedIn } from '../session/SessionProvider';

export function PrinterCard({ printer, timeZone }: { printer: PrinterView; timeZone: string }) {
  const { t, tn } = useI18n();
  const format = useFormat(printer.settings.timeZone ?? timeZone);
  const now = useNow();
  const stale = !printer.online && printer.queueDepth > 0;
  return (
    <li className={`printer-card${stale ? ' is-stale' : ''}`}>
      <div className="printer-card-head">
        <h2>
          <Link to={`/printers/${printer.id}`}>{printer.name}</Link>
        </h2>
        <PrinterStatusBadge printer={printer} />
        {printer.isDefault ? <span className="badge badge-neutral">{t('printer.default')}</span> : null}
      </div>
      {stale ? (
        <Notice tone="warning">{tn('printers.staleWarning', printer.queueDepth)}</Notice>
      ) : printer.lastPollAt === null ? (
        <Notice tone="info">{t('printers.neverPolled')}</Notice>
      ) : null}
      <dl className="facts">
        <div>
          <dt>{t('printer.lastPoll')}</dt>
          <dd>{printer.lastPollAt ? format.relative(printer.lastPollAt, now) : '—'}</dd>
        </div>
        <div>
          <dt>{t('printer.lastCallback')}</dt>
          <dd>{printer.lastCallbackAt ? format.relative(printer.lastCallbackAt, now) : '—'}</dd>
        </div>
        <div>
          <dt>{t('printer.queue')}</dt>
          <dd>{tn('printer.queueDepth', printer.queueDepth)}</dd>
        </div>
      </dl>
      <div className="card-actions">
        <Link className="button primary small" to={`/printers/${printer.id}/queue`}>
          {t('printers.openQueue')}
        </Link>
        <Link className="button secondary small" to={`/printers/${printer.id}`}>
          {t('printers.settings')}
        </Link>
        <Link className="button ghost small" to={`/printers/${printer.id}/connect`}>
          {t('printers.connect')}
        </Link>
      </div>
    </li>
  );
}

export function PrintersPage() {
  const { t } = useI18n();
  const { isOwner, timeZone } = useSignedIn();
  const printers = useResource((signal) => api.printers(signal).then((r) => r.items), [], 5000);
  const list = printers.data;
  return (
    <div className="page">
      <PageHeader
        title={t('printers.title')}
        subtitle={<LiveMark />}
        actions={
          isOwner ? (
            <Link to="/printers/new" className="button primary">
              {t('printers.add')}
            </Link>
          ) : null
        }
      />
      {printers.error ? <ErrorNotice error={printers.error} onRetry={printers.reload} /> : null}
      {!list ? (
        printers.error ? null : (
          <Loading />
        )
      ) : list.length === 0 ? (
        <EmptyState
          title={t('printers.empty')}
          action={
            isOwner ? (
              <Link to="/setup" className="button primary">
                {t('printers.addFirst')}
              </Link>
            ) : null
          }
        >
          <p>{t('printers.emptyBody')}</p>
        </EmptyState>
      ) : (
        <ul className="printer-grid">
          {list.map((printer) => (
            <PrinterCard key={printer.id} printer={printer} timeZone={timeZone} />
          ))}
        </ul>
      )}
    </div>
  );
}

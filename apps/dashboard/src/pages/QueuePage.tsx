import type { OrderSummary, PrinterView } from '@shared/types';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/endpoints';
import { AttentionBadge, OrderStatusBadge, PrinterStatusBadge } from '../components/Badges';
import { EmptyState, ErrorNotice, LiveMark, Loading, Notice, PageHeader } from '../components/Notice';
import { OrderActions } from '../components/OrderActions';
import { useI18n } from '../i18n/I18nProvider';
import { type Formatters, useFormat } from '../i18n/useFormat';
import { isNotFound } from '../lib/errors';
import { useNow } from '../lib/useNow';
import { useResource } from '../lib/useResource';
import { useSignedIn } from '../session/SessionProvider';
import { NotFoundPage } from './NotFoundPage';

function OrderLine({ order, format }: { order: OrderSummary; format: Formatters }) {
  const { t } = useI18n();
  return (
    <div className="order-line">
      <Link to={`/orders/${order.id}`} className="order-number">
        #{order.number}
      </Link>
      <span className="order-who">{order.customerName ?? t(`orderType.${order.type}`)}</span>
      <span className="order-total">{format.money(order.total, order.currency)}</span>
      <span className="muted order-when">
        {order.receivedAt ? t('queue.received', { time: format.when(order.receivedAt) }) : null}
      </span>
    </div>
  );
}

function ServingCard({
  order,
  printer,
  printers,
  format,
  onDone,
}: {
  order: OrderSummary;
  printer: PrinterView;
  printers: PrinterView[];
  format: Formatters;
  onDone: () => void;
}) {
  const { t, tn } = useI18n();
  const now = useNow(5000);
  const since = order.lastServedAt ?? order.firstServedAt;
  const waitedSeconds = since ? (now - new Date(since).getTime()) / 1000 : 0;
  return (
    <section
      className={`card serving${order.needsAttention ? ' attention' : ''}`}
      aria-labelledby="serving-title"
      data-testid="serving"
    >
      <div className="serving-head">
        <h2 id="serving-title">{t('queue.serving')}</h2>
        {order.needsAttention ? <AttentionBadge /> : <OrderStatusBadge status={order.status} />}
      </div>
      <OrderLine order={order} format={format} />
      <p className="serving-meta">
        {tn('queue.servedTimes', order.serveCount)}
        {since
          ? ` · ${t('queue.since', { time: format.time(since), duration: format.duration(waitedSeconds) })}`
          : ''}
      </p>
      {order.needsAttention ? (
        <Notice tone="warning">
          {t('queue.attentionHelp', { limit: format.duration(printer.settings.unansweredLimitSeconds) })}
        </Notice>
      ) : (
        <p className="hint">{t('queue.servingHelp')}</p>
      )}
      <OrderActions order={order} printers={printers} onDone={onDone} />
    </section>
  );
}

export function QueuePage() {
  const { id = '' } = useParams();
  const { t, tn } = useI18n();
  const { isSupport, timeZone: tenantZone } = useSignedIn();
  const printer = useResource((signal) => api.printer(id, signal), [id], 4000);
  const queue = useResource((signal) => api.printerQueue(id, signal), [id], 3000);
  const printers = useResource((signal) => api.printers(signal).then((r) => r.items), [id]);
  const format = useFormat(printer.data?.settings.timeZone ?? tenantZone);
  const now = useNow();

  if (isNotFound(printer.error) || isNotFound(queue.error)) return <NotFoundPage what="printer" />;
  const view = printer.data;
  const data = queue.data;
  if (!view || !data) {
    const error = printer.error ?? queue.error;
    return error ? (
      <ErrorNotice error={error} onRetry={() => (printer.reload(), queue.reload())} />
    ) : (
      <Loading />
    );
  }
  const siblings = (printers.data ?? []).filter((p) => p.tenantId === view.tenantId);
  const refresh = () => {
    queue.reload();
    printer.reload();
  };

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to={isSupport ? `/support/restaurants/${view.tenantId}` : '/printers'}>
          ← {isSupport ? t('support.backToRestaurant') : t('printers.title')}
        </Link>
      </p>
      <PageHeader
        title={t('queue.title', { name: view.name })}
        subtitle={
          <>
            <PrinterStatusBadge printer={view} />{' '}
            <span className="muted">
              {view.lastPollAt
                ? t('queue.lastPoll', { when: format.relative(view.lastPollAt, now) })
                : t('printer.neverShort')}
            </span>{' '}
            <LiveMark />
          </>
        }
        actions={
          <Link className="button secondary" to={`/printers/${view.id}`}>
            {t('printers.settings')}
          </Link>
        }
      />
      {queue.error ? <ErrorNotice error={queue.error} onRetry={queue.reload} /> : null}
      {!view.online && (data.serving || data.waiting.length > 0) ? (
        <Notice tone="warning">{tn('printers.staleWarning', view.queueDepth)}</Notice>
      ) : null}

      {data.serving ? (
        <ServingCard
          order={data.serving}
          printer={view}
          printers={siblings}
          format={format}
          onDone={refresh}
        />
      ) : (
        <section className="card serving idle" aria-labelledby="serving-title">
          <h2 id="serving-title">{t('queue.serving')}</h2>
          <p className="muted">{t('queue.nothingServing')}</p>
        </section>
      )}

      <section className="card" aria-labelledby="waiting-title">
        <h2 id="waiting-title">
          {t('queue.waiting')} <span className="count">{data.waiting.length}</span>
        </h2>
        {data.waiting.length === 0 ? (
          <p className="muted">{t('queue.noneWaiting')}</p>
        ) : (
          <ol className="queue-list" data-testid="waiting">
            {data.waiting.map((order, index) => (
              <li key={order.id} className={order.needsAttention ? 'attention' : undefined}>
                <span className="position" aria-label={t('queue.position', { position: index + 1 })}>
                  {index + 1}
                </span>
                <OrderLine order={order} format={format} />
                {order.needsAttention ? <AttentionBadge /> : null}
                <OrderActions order={order} printers={siblings} onDone={refresh} compact />
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="card" aria-labelledby="recent-title">
        <h2 id="recent-title">{t('queue.recent')}</h2>
        {data.recent.length === 0 ? (
          <EmptyState title={t('queue.noRecent')} />
        ) : (
          <ul className="queue-list recent" data-testid="recent">
            {data.recent.map((order) => (
              <li key={order.id}>
                <OrderLine order={order} format={format} />
                <OrderStatusBadge status={order.status} />
                <span className="muted">{order.updatedAt ? format.when(order.updatedAt) : ''}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

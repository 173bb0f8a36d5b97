import type { DeliveryAttemptView, DeliveryDetail as DeliveryDetailView, DeliveryView } from '@shared/types';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/endpoints';
import { DeliveryStatusBadge } from '../components/Badges';
import { CopyField } from '../components/CopyField';
import { IntegrationsTabs } from '../components/IntegrationsTabs';
import { EmptyState, ErrorNotice, LiveMark, Loading, Notice, PageHeader } from '../components/Notice';
import { useToast } from '../components/Toasts';
import { type I18n, useI18n } from '../i18n/I18nProvider';
import { type Formatters, useFormat } from '../i18n/useFormat';
import { describeError, isNotFound } from '../lib/errors';
import { useNow } from '../lib/useNow';
import { useResource } from '../lib/useResource';
import { useSignedIn } from '../session/SessionProvider';
import { NotFoundPage } from './NotFoundPage';

/** Where a delivery's own page leads back to: its webhook endpoint or its shop connection. */
export function deliveryOwnerPath(delivery: Pick<DeliveryView, 'channel' | 'targetId'>): string {
  return delivery.channel === 'webhook'
    ? `/integrations/webhooks/${delivery.targetId}`
    : `/integrations/shops/${delivery.targetId}`;
}

/** "HTTP 500 · connection refused": the outcome of the last attempt, in one line. */
export function lastResult(delivery: Pick<DeliveryView, 'lastStatusCode' | 'lastError'>): string {
  const parts = [
    delivery.lastStatusCode === null ? null : `HTTP ${delivery.lastStatusCode}`,
    delivery.lastError,
  ];
  return parts.filter((part) => part !== null && part !== '').join(' · ');
}

function nextAttemptText(delivery: DeliveryView, t: I18n['t'], format: Formatters, now: number): string {
  if (delivery.status !== 'pending' || delivery.nextAttemptAt === null) return '—';
  return new Date(delivery.nextAttemptAt).getTime() <= now
    ? t('delivery.due')
    : format.relative(delivery.nextAttemptAt, now);
}

interface DeliveryTableProps {
  deliveries: DeliveryView[];
  timeZone: string;
  /** "Retry now" for shop status pushes, "Redeliver" for webhooks. */
  retryLabel: string;
  /** Owners can send again; others only read. */
  canRetry: boolean;
  /** Webhooks can be sent again after success (a receiver that lost it); shop pushes only when not delivered. */
  retryDelivered: boolean;
  onRetried: () => void;
  testId?: string;
}

/** Outgoing messages, newest first: status, attempts, last error, next attempt; retry and details. */
export function DeliveryTable({
  deliveries,
  timeZone,
  retryLabel,
  canRetry,
  retryDelivered,
  onRetried,
  testId,
}: DeliveryTableProps) {
  const { t } = useI18n();
  const toast = useToast();
  const format = useFormat(timeZone);
  const now = useNow(5000);
  const [busy, setBusy] = useState<number | null>(null);

  const retry = async (delivery: DeliveryView) => {
    setBusy(delivery.id);
    try {
      await api.redeliver(delivery.id);
      toast.success(t('delivery.retried', { id: delivery.id }));
      onRetried();
    } catch (caught) {
      toast.error(describeError(caught, t));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="table-wrap">
      <table className="orders-table deliveries-table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t('delivery.when')}</th>
            <th scope="col">{t('delivery.event')}</th>
            <th scope="col">{t('delivery.status')}</th>
            <th scope="col" className="num">
              {t('delivery.attempts')}
            </th>
            <th scope="col">{t('delivery.lastResult')}</th>
            <th scope="col">{t('delivery.nextAttempt')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('delivery.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((delivery) => (
            <tr key={delivery.id} className={`delivery-${delivery.status}`}>
              <td data-label={t('delivery.when')}>
                <Link to={`/integrations/deliveries/${delivery.id}`}>
                  <time dateTime={delivery.createdAt}>{format.when(delivery.createdAt)}</time>
                </Link>
              </td>
              <td data-label={t('delivery.event')}>
                <code>{delivery.event}</code>
              </td>
              <td data-label={t('delivery.status')}>
                <DeliveryStatusBadge status={delivery.status} />
              </td>
              <td data-label={t('delivery.attempts')} className="num">
                {delivery.attempts}
              </td>
              <td data-label={t('delivery.lastResult')} className="delivery-result">
                {lastResult(delivery) || '—'}
              </td>
              <td data-label={t('delivery.nextAttempt')}>{nextAttemptText(delivery, t, format, now)}</td>
              <td className="row-actions">
                <Link
                  className="button ghost small"
                  to={`/integrations/deliveries/${delivery.id}`}
                  aria-label={t('delivery.detailsOf', { id: delivery.id })}
                >
                  {t('delivery.details')}
                </Link>
                {canRetry && (retryDelivered || delivery.status !== 'delivered') ? (
                  <button
                    type="button"
                    className="button secondary small"
                    disabled={busy === delivery.id}
                    aria-busy={busy === delivery.id}
                    onClick={() => void retry(delivery)}
                  >
                    {busy === delivery.id ? t('common.working') : retryLabel}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A delivery log section with its loading, error and empty states. */
export function DeliveryLog({
  load,
  deps,
  timeZone,
  retryLabel,
  canRetry,
  retryDelivered,
  emptyTitle,
  testId,
}: {
  load: (signal: AbortSignal) => Promise<DeliveryView[]>;
  deps: readonly unknown[];
  timeZone: string;
  retryLabel: string;
  canRetry: boolean;
  retryDelivered: boolean;
  emptyTitle: string;
  testId?: string;
}) {
  const log = useResource(load, [...deps], 5000);
  if (!log.data) return log.error ? <ErrorNotice error={log.error} onRetry={log.reload} /> : <Loading />;
  return (
    <>
      {log.error ? <ErrorNotice error={log.error} onRetry={log.reload} /> : null}
      {log.data.length === 0 ? (
        <EmptyState title={emptyTitle} />
      ) : (
        <DeliveryTable
          deliveries={log.data}
          timeZone={timeZone}
          retryLabel={retryLabel}
          canRetry={canRetry}
          retryDelivered={retryDelivered}
          onRetried={log.reload}
          testId={testId}
        />
      )}
    </>
  );
}

function AttemptLog({ attempts, format }: { attempts: DeliveryAttemptView[]; format: Formatters }) {
  const { t } = useI18n();
  if (attempts.length === 0) return <EmptyState title={t('delivery.noAttempts')} />;
  return (
    <ol className="attempt-log" data-testid="attempt-log">
      {attempts.map((attempt) => (
        <li key={attempt.id} className={attempt.ok ? 'attempt-ok' : 'attempt-failed'}>
          <div className="attempt-head">
            <time dateTime={attempt.at}>{format.when(attempt.at)}</time>
            <span className={`badge ${attempt.ok ? 'badge-delivery-delivered' : 'badge-delivery-failed'}`}>
              {attempt.ok ? t('delivery.attemptOk') : t('delivery.attemptFailed')}
            </span>
            <span className="muted small">
              {attempt.statusCode === null ? t('delivery.noAnswer') : `HTTP ${attempt.statusCode}`} ·{' '}
              {t('delivery.latency', { ms: attempt.latencyMs })}
            </span>
          </div>
          {attempt.error ? <p className="field-error">{attempt.error}</p> : null}
          {attempt.response ? (
            <details>
              <summary>{t('delivery.response')}</summary>
              <pre className="response-body">{attempt.response}</pre>
            </details>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function payloadText(payload: unknown): string {
  return typeof payload === 'string' ? payload : JSON.stringify(payload, null, 2);
}

/** One outgoing message: what was sent and every attempt, with "send again". */
export function DeliveryDetailPage() {
  const { isOwner } = useSignedIn();
  return isOwner ? <DeliveryDetail /> : <OwnerOnlyIntegrations />;
}

function DeliveryDetail() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const toast = useToast();
  const { timeZone } = useSignedIn();
  const numericId = /^\d+$/.test(id) ? Number(id) : null;
  const delivery = useResource(
    (signal) =>
      numericId === null ? Promise.reject(new Error('not a delivery id')) : api.delivery(numericId, signal),
    [numericId],
    5000,
  );
  const [sending, setSending] = useState(false);
  const format = useFormat(timeZone);
  const view: DeliveryDetailView | undefined = delivery.data;

  if (numericId === null || (!view && isNotFound(delivery.error))) return <NotFoundPage what="delivery" />;
  if (!view)
    return delivery.error ? <ErrorNotice error={delivery.error} onRetry={delivery.reload} /> : <Loading />;

  const sendAgain = async () => {
    setSending(true);
    try {
      await api.redeliver(view.id);
      toast.success(t('delivery.retried', { id: view.id }));
      delivery.reload();
    } catch (caught) {
      toast.error(describeError(caught, t));
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="page">
      <IntegrationsTabs />
      <p className="breadcrumb">
        <Link to={deliveryOwnerPath(view)}>
          ← {view.channel === 'webhook' ? t('delivery.backToWebhook') : t('delivery.backToShop')}
        </Link>
      </p>
      <PageHeader
        title={t('delivery.title', { id: view.id })}
        subtitle={
          <>
            <DeliveryStatusBadge status={view.status} /> <LiveMark />
          </>
        }
        actions={
          <button
            type="button"
            className="button primary"
            onClick={() => void sendAgain()}
            disabled={sending}
            aria-busy={sending}
          >
            {sending
              ? t('common.working')
              : view.channel === 'webhook'
                ? t('delivery.redeliver')
                : t('delivery.retryNow')}
          </button>
        }
      />
      {delivery.error ? <ErrorNotice error={delivery.error} onRetry={delivery.reload} /> : null}
      {view.status === 'failed' ? <Notice tone="warning">{t('delivery.failedHint')}</Notice> : null}
      <section className="card" aria-labelledby="delivery-facts">
        <h2 id="delivery-facts">{t('delivery.summary')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('delivery.event')}</dt>
            <dd>
              <code>{view.event}</code>
            </dd>
          </div>
          <div>
            <dt>{t('delivery.created')}</dt>
            <dd>{format.dateTime(view.createdAt)}</dd>
          </div>
          <div>
            <dt>{t('delivery.attempts')}</dt>
            <dd>{view.attempts}</dd>
          </div>
          <div>
            <dt>{t('delivery.lastResult')}</dt>
            <dd>{lastResult(view) || '—'}</dd>
          </div>
          <div>
            <dt>{t('delivery.nextAttempt')}</dt>
            <dd>
              {view.status === 'pending' && view.nextAttemptAt ? format.dateTime(view.nextAttemptAt) : '—'}
            </dd>
          </div>
          <div>
            <dt>{t('delivery.deliveredAt')}</dt>
            <dd>{view.deliveredAt ? format.dateTime(view.deliveredAt) : '—'}</dd>
          </div>
          {view.orderId ? (
            <div>
              <dt>{t('delivery.order')}</dt>
              <dd>
                <Link to={`/orders/${view.orderId}`}>{t('orders.open')}</Link>
              </dd>
            </div>
          ) : null}
        </dl>
      </section>
      <div className="grid-2">
        <section className="card" aria-labelledby="delivery-payload">
          <h2 id="delivery-payload">{t('delivery.payload')}</h2>
          <CopyField
            label={t('delivery.payloadLabel')}
            value={payloadText(view.payload)}
            multiline
            testId="delivery-payload"
          />
        </section>
        <section className="card" aria-labelledby="delivery-attempts">
          <h2 id="delivery-attempts">{t('delivery.attemptLog')}</h2>
          <AttemptLog attempts={view.log} format={format} />
        </section>
      </div>
    </div>
  );
}

/** What a person who is not the owner sees in the shop and webhook pages (the API is owner-only). */
export function OwnerOnlyIntegrations() {
  const { t } = useI18n();
  return (
    <div className="page">
      <IntegrationsTabs />
      <Notice tone="info">{t('integration.ownerOnly')}</Notice>
    </div>
  );
}

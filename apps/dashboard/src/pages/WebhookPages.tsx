import {
  WEBHOOK_EVENTS,
  type WebhookEndpointView,
  type WebhookEndpointWithSecret,
  type WebhookEvent,
} from '@shared/types';
import { type FormEvent, useId, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../api/endpoints';
import { ActionRow } from '../components/ActionRow';
import { EnabledBadge } from '../components/Badges';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { CopyField } from '../components/CopyField';
import { TextField } from '../components/Field';
import { IntegrationsTabs } from '../components/IntegrationsTabs';
import { EmptyState, ErrorNotice, LiveMark, Loading, Notice, PageHeader } from '../components/Notice';
import { SecretOnce } from '../components/SecretOnce';
import { useToast } from '../components/Toasts';
import { type I18n, useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';
import { useFormat } from '../i18n/useFormat';
import { describeError, fieldProblems, isNotFound } from '../lib/errors';
import { useNow } from '../lib/useNow';
import { isHttpUrl } from '../lib/url';
import { useResource } from '../lib/useResource';
import { useSignedIn } from '../session/SessionProvider';
import { DeliveryLog, OwnerOnlyIntegrations } from './DeliveryPages';
import { NotFoundPage } from './NotFoundPage';

const EVENT_KEYS: Readonly<Record<WebhookEvent, MessageKey>> = {
  'order.queued': 'webhooks.event.queued',
  'order.printing': 'webhooks.event.printing',
  'order.completed': 'webhooks.event.completed',
  'order.cancelled': 'webhooks.event.cancelled',
  'order.needs_attention': 'webhooks.event.needsAttention',
  'order.skipped': 'webhooks.event.skipped',
};

/** The `events` to send: null (every event, also future ones) when all are ticked. */
export function eventsToSend(chosen: readonly WebhookEvent[]): WebhookEvent[] | null {
  if (WEBHOOK_EVENTS.every((event) => chosen.includes(event))) return null;
  return WEBHOOK_EVENTS.filter((event) => chosen.includes(event));
}

function eventsSummary(events: WebhookEvent[] | null, t: I18n['t']): string {
  return events === null ? t('webhooks.allEvents') : events.join(', ');
}

function VerifyHint() {
  const { t } = useI18n();
  return (
    <p className="hint" data-testid="verify-hint">
      {t('webhooks.verifyHint')} <code>docs/webhooks.md</code>
    </p>
  );
}

function AddEndpointForm({ onCreated }: { onCreated: (endpoint: WebhookEndpointWithSecret) => void }) {
  const { t } = useI18n();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>([...WEBHOOK_EVENTS]);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const legendId = useId();

  const toggle = (event: WebhookEvent, on: boolean) =>
    setEvents((list) => (on ? [...list, event] : list.filter((item) => item !== event)));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (url.trim() === '') found['url'] = t('form.required');
    else if (!isHttpUrl(url.trim())) found['url'] = t('form.urlInvalid');
    if (events.length === 0) found['events'] = t('webhooks.eventsRequired');
    setErrors(found);
    setError(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const created = await api.createWebhook({
        url: url.trim(),
        description: description.trim(),
        events: eventsToSend(events),
      });
      setUrl('');
      setDescription('');
      setEvents([...WEBHOOK_EVENTS]);
      onCreated(created);
    } catch (caught) {
      setErrors(fieldProblems(caught));
      setError(describeError(caught, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate data-testid="add-webhook">
      {error ? (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      <TextField
        label={t('webhooks.url')}
        type="url"
        inputMode="url"
        value={url}
        placeholder="https://shop.example/goodcom-events"
        maxLength={2048}
        onChange={(event) => setUrl(event.target.value)}
        error={errors['url']}
        hint={t('webhooks.urlHint')}
        required
      />
      <TextField
        label={t('webhooks.description')}
        value={description}
        maxLength={200}
        placeholder={t('webhooks.descriptionPlaceholder')}
        onChange={(event) => setDescription(event.target.value)}
        error={errors['description']}
      />
      <fieldset
        className="choice"
        aria-describedby={errors['events'] ? `${legendId}-error` : undefined}
        aria-invalid={errors['events'] ? true : undefined}
      >
        <legend id={legendId}>{t('webhooks.events')}</legend>
        {WEBHOOK_EVENTS.map((name) => (
          <label className="checkbox" key={name}>
            <input
              type="checkbox"
              checked={events.includes(name)}
              onChange={(event) => toggle(name, event.target.checked)}
            />
            <span>
              <code>{name}</code> — {t(EVENT_KEYS[name])}
            </span>
          </label>
        ))}
        <p className="hint">{t('webhooks.eventsHint')}</p>
        {errors['events'] ? (
          <p className="field-error" id={`${legendId}-error`}>
            {errors['events']}
          </p>
        ) : null}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy} aria-busy={busy}>
          {busy ? t('common.working') : t('webhooks.add')}
        </button>
      </div>
    </form>
  );
}

/**
 * One endpoint: state, events, failures, waiting deliveries. `readOnly` (the support console) shows the
 * URL without the link to the endpoint's own page, which only the owner can open.
 */
export function EndpointItem({
  endpoint,
  timeZone,
  readOnly = false,
}: {
  endpoint: WebhookEndpointView;
  timeZone: string;
  readOnly?: boolean;
}) {
  const { t } = useI18n();
  const format = useFormat(timeZone);
  const now = useNow();
  return (
    <li className="endpoint-item" data-testid="webhook-endpoint">
      <div className="endpoint-head">
        {readOnly ? (
          <span className="endpoint-url">{endpoint.url}</span>
        ) : (
          <Link to={`/integrations/webhooks/${endpoint.id}`} className="endpoint-url">
            {endpoint.url}
          </Link>
        )}
        <EnabledBadge enabled={endpoint.enabled} />
      </div>
      {endpoint.description ? <p className="muted small">{endpoint.description}</p> : null}
      {endpoint.disabledReason ? (
        <Notice tone="warning">{t('integration.disabledReason', { reason: endpoint.disabledReason })}</Notice>
      ) : null}
      <dl className="facts compact">
        <div>
          <dt>{t('webhooks.events')}</dt>
          <dd>{eventsSummary(endpoint.events, t)}</dd>
        </div>
        <div>
          <dt>{t('webhooks.failures')}</dt>
          <dd className={endpoint.consecutiveFailures > 0 ? 'tone-bad' : undefined}>
            {endpoint.consecutiveFailures}
          </dd>
        </div>
        <div>
          <dt>{t('webhooks.pending')}</dt>
          <dd>{endpoint.pendingDeliveries}</dd>
        </div>
        <div>
          <dt>{t('webhooks.lastSuccess')}</dt>
          <dd>{endpoint.lastSuccessAt ? format.relative(endpoint.lastSuccessAt, now) : '—'}</dd>
        </div>
      </dl>
    </li>
  );
}

/** Webhook endpoints of the restaurant: add one (secret shown once) and see how each is doing. */
export function WebhooksPage() {
  const { isOwner } = useSignedIn();
  return isOwner ? <Webhooks /> : <OwnerOnlyIntegrations />;
}

function Webhooks() {
  const { t } = useI18n();
  const { timeZone } = useSignedIn();
  const endpoints = useResource((signal) => api.webhooks(signal).then((r) => r.items), [], 5000);
  const [created, setCreated] = useState<WebhookEndpointWithSecret | null>(null);
  const listTitle = useRef<HTMLHeadingElement>(null);

  return (
    <div className="page">
      <IntegrationsTabs />
      <PageHeader title={t('webhooks.title')} subtitle={t('webhooks.subtitle')} />
      {created ? (
        <SecretOnce
          title={t('webhooks.created', { url: created.url })}
          testId="webhook-secret-once"
          onDone={() => {
            setCreated(null);
            listTitle.current?.focus();
          }}
        >
          <CopyField label={t('webhooks.secret')} value={created.secret} testId="webhook-secret" />
          <VerifyHint />
        </SecretOnce>
      ) : null}
      <div className="grid-2">
        <section className="card" aria-labelledby="endpoints-title">
          <h2 id="endpoints-title" ref={listTitle} tabIndex={-1}>
            {t('webhooks.list')} <LiveMark />
          </h2>
          {endpoints.error ? <ErrorNotice error={endpoints.error} onRetry={endpoints.reload} /> : null}
          {!endpoints.data ? (
            endpoints.error ? null : (
              <Loading />
            )
          ) : endpoints.data.length === 0 ? (
            <EmptyState title={t('webhooks.empty')}>
              <p>{t('webhooks.emptyBody')}</p>
            </EmptyState>
          ) : (
            <ul className="endpoint-list">
              {endpoints.data.map((endpoint) => (
                <EndpointItem key={endpoint.id} endpoint={endpoint} timeZone={timeZone} />
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="add-webhook-title">
          <h2 id="add-webhook-title">{t('webhooks.addTitle')}</h2>
          <AddEndpointForm
            onCreated={(endpoint) => {
              setCreated(endpoint);
              endpoints.reload();
            }}
          />
        </section>
      </div>
    </div>
  );
}

type WebhookDialog = 'rotate' | 'delete' | null;

/** One endpoint: health, test ping, enable/disable, new secret, delete, and its delivery log. */
export function WebhookDetailPage() {
  const { isOwner } = useSignedIn();
  return isOwner ? <WebhookDetail /> : <OwnerOnlyIntegrations />;
}

function WebhookDetail() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const toast = useToast();
  const navigate = useNavigate();
  const { timeZone } = useSignedIn();
  const endpoint = useResource((signal) => api.webhook(id, signal), [id], 5000);
  const [dialog, setDialog] = useState<WebhookDialog>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [busy, setBusy] = useState<'ping' | 'toggle' | null>(null);
  const [logGeneration, setLogGeneration] = useState(0);
  const format = useFormat(timeZone);
  const actionsTitle = useRef<HTMLHeadingElement>(null);
  const view = endpoint.data;

  if (!view && isNotFound(endpoint.error)) return <NotFoundPage what="webhook" />;
  if (!view)
    return endpoint.error ? <ErrorNotice error={endpoint.error} onRetry={endpoint.reload} /> : <Loading />;

  const ping = async () => {
    setBusy('ping');
    try {
      await api.pingWebhook(view.id);
      toast.success(t('webhooks.pingQueued'));
      setLogGeneration((value) => value + 1);
    } catch (caught) {
      toast.error(describeError(caught, t));
    } finally {
      setBusy(null);
    }
  };

  const toggle = async () => {
    setBusy('toggle');
    try {
      const saved = await api.updateWebhook(view.id, { enabled: !view.enabled });
      endpoint.setData(saved);
      toast.success(saved.enabled ? t('webhooks.enabledToast') : t('webhooks.disabledToast'));
    } catch (caught) {
      toast.error(describeError(caught, t));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="page">
      <IntegrationsTabs />
      <p className="breadcrumb">
        <Link to="/integrations/webhooks">← {t('webhooks.title')}</Link>
      </p>
      <PageHeader
        title={view.description || t('webhooks.endpoint')}
        subtitle={
          <>
            <code className="endpoint-url">{view.url}</code> <EnabledBadge enabled={view.enabled} />{' '}
            <LiveMark />
          </>
        }
      />
      {endpoint.error ? <ErrorNotice error={endpoint.error} onRetry={endpoint.reload} /> : null}
      {view.disabledReason ? (
        <Notice tone="warning">{t('integration.disabledReason', { reason: view.disabledReason })}</Notice>
      ) : view.consecutiveFailures > 0 ? (
        <Notice tone="warning">
          {t('webhooks.failing', {
            count: view.consecutiveFailures,
            since: view.failingSince ? format.when(view.failingSince) : '—',
          })}
        </Notice>
      ) : null}
      {secret ? (
        <SecretOnce
          title={t('webhooks.newSecret')}
          testId="webhook-secret-once"
          onDone={() => {
            setSecret(null);
            actionsTitle.current?.focus();
          }}
        >
          <CopyField label={t('webhooks.secret')} value={secret} testId="webhook-secret" />
          <VerifyHint />
        </SecretOnce>
      ) : null}
      <div className="grid-2">
        <section className="card" aria-labelledby="endpoint-health">
          <h2 id="endpoint-health">{t('integration.health')}</h2>
          <dl className="facts">
            <div>
              <dt>{t('webhooks.events')}</dt>
              <dd>{eventsSummary(view.events, t)}</dd>
            </div>
            <div>
              <dt>{t('webhooks.lastSuccess')}</dt>
              <dd>{view.lastSuccessAt ? format.when(view.lastSuccessAt) : '—'}</dd>
            </div>
            <div>
              <dt>{t('webhooks.lastFailure')}</dt>
              <dd>{view.lastFailureAt ? format.when(view.lastFailureAt) : '—'}</dd>
            </div>
            <div>
              <dt>{t('webhooks.failures')}</dt>
              <dd>{view.consecutiveFailures}</dd>
            </div>
            <div>
              <dt>{t('webhooks.pending')}</dt>
              <dd>{view.pendingDeliveries}</dd>
            </div>
            <div>
              <dt>{t('integration.createdAt')}</dt>
              <dd>{format.dateTime(view.createdAt)}</dd>
            </div>
          </dl>
        </section>
        <section className="card" aria-labelledby="endpoint-actions">
          <h2 id="endpoint-actions" ref={actionsTitle} tabIndex={-1}>
            {t('integration.actions')}
          </h2>
          <ActionRow
            title={t('webhooks.ping')}
            hint={t('webhooks.pingHint')}
            label={t('webhooks.ping')}
            tone="primary"
            onClick={() => void ping()}
            busy={busy === 'ping'}
            busyLabel={t('common.working')}
          />
          <ActionRow
            title={view.enabled ? t('webhooks.disable') : t('webhooks.enable')}
            hint={view.enabled ? t('webhooks.disableHint') : t('webhooks.enableHint')}
            label={view.enabled ? t('webhooks.disable') : t('webhooks.enable')}
            onClick={() => void toggle()}
            busy={busy === 'toggle'}
            busyLabel={t('common.working')}
          />
          <ActionRow
            title={t('integration.rotate')}
            hint={t('webhooks.rotateHint')}
            label={t('integration.rotate')}
            onClick={() => setDialog('rotate')}
          />
          <ActionRow
            title={t('webhooks.delete')}
            hint={t('webhooks.deleteHint')}
            label={t('webhooks.delete')}
            tone="danger"
            onClick={() => setDialog('delete')}
          />
        </section>
      </div>
      <section className="card" aria-labelledby="endpoint-log">
        <h2 id="endpoint-log">{t('webhooks.log')}</h2>
        <p className="hint">{t('webhooks.logHint')}</p>
        <DeliveryLog
          load={(signal) => api.webhookDeliveries(view.id, signal).then((r) => r.items)}
          deps={[view.id, logGeneration]}
          timeZone={timeZone}
          retryLabel={t('delivery.redeliver')}
          canRetry
          retryDelivered
          emptyTitle={t('webhooks.logEmpty')}
          testId="webhook-deliveries"
        />
      </section>
      {dialog === 'rotate' ? (
        <ConfirmDialog
          title={t('webhooks.rotateTitle')}
          confirmLabel={t('integration.rotate')}
          tone="danger"
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            const rotated = await api.rotateWebhookSecret(view.id);
            endpoint.setData(rotated);
            setSecret(rotated.secret);
            setDialog(null);
          }}
        >
          <p>{t('webhooks.rotateBody')}</p>
        </ConfirmDialog>
      ) : null}
      {dialog === 'delete' ? (
        <ConfirmDialog
          title={t('webhooks.deleteTitle')}
          confirmLabel={t('webhooks.delete')}
          tone="danger"
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.deleteWebhook(view.id);
            toast.success(t('webhooks.deleted'));
            void navigate('/integrations/webhooks');
          }}
        >
          <p>{t('webhooks.deleteBody', { url: view.url })}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

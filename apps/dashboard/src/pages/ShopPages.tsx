import type {
  InboundDeliveryView,
  PrinterView,
  ShopConnectionView,
  ShopConnectionWithSecret,
} from '@shared/types';
import { type FormEvent, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../api/endpoints';
import { ActionRow } from '../components/ActionRow';
import { EnabledBadge, InboundOutcomeBadge } from '../components/Badges';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { CopyField } from '../components/CopyField';
import { TextField } from '../components/Field';
import { IntegrationsTabs } from '../components/IntegrationsTabs';
import { EmptyState, ErrorNotice, LiveMark, Loading, Notice, PageHeader } from '../components/Notice';
import { SecretOnce } from '../components/SecretOnce';
import { useToast } from '../components/Toasts';
import { type I18n, useI18n } from '../i18n/I18nProvider';
import { type Formatters, useFormat } from '../i18n/useFormat';
import { describeError, fieldProblems, isNotFound } from '../lib/errors';
import { useNow } from '../lib/useNow';
import { useResource } from '../lib/useResource';
import { useSignedIn } from '../session/SessionProvider';
import { PLATFORM_NAMES, PrinterSelect, StatusMapForm, WooCommerceSteps } from './ConnectShopPage';
import { DeliveryLog, OwnerOnlyIntegrations } from './DeliveryPages';
import { NotFoundPage } from './NotFoundPage';

type Health = ShopConnectionView['health'];

function pushesFailing(health: Health): boolean {
  return health.consecutiveFailures > 0 || health.failedPushes > 0;
}

/**
 * Whether the last error still matters: pushes are failing, or nothing worked since it happened (no
 * order came in and no status went out after it, e.g. the shop's deliveries are refused for their
 * signature after a new secret).
 */
export function errorStillCurrent(health: Health): boolean {
  if (health.lastError === null || health.lastFailureAt === null) return false;
  if (pushesFailing(health)) return true;
  const failedAt = Date.parse(health.lastFailureAt);
  return [health.lastOrderAt, health.lastPushAt].every((at) => at === null || Date.parse(at) < failedAt);
}

/** Something the owner should act on: stopped pushes, failing pushes, or a fresh error. */
export function connectionProblem(connection: ShopConnectionView): 'disabled' | 'failing' | null {
  if (connection.disabledReason !== null) return 'disabled';
  if (pushesFailing(connection.health) || errorStillCurrent(connection.health)) return 'failing';
  return null;
}

function PlatformBadge({ platform }: { platform: ShopConnectionView['platform'] }) {
  return (
    <span className={`badge badge-platform badge-platform-${platform}`}>{PLATFORM_NAMES[platform]}</span>
  );
}

/** Disabled reason, and failing pushes with the last error: the warnings of a connection. */
function ConnectionWarnings({ connection, format }: { connection: ShopConnectionView; format: Formatters }) {
  const { t, tn } = useI18n();
  const { health } = connection;
  return (
    <>
      {connection.disabledReason !== null ? (
        <Notice tone="warning">
          <strong>{t('shops.disabledTitle')}</strong>{' '}
          {t('integration.disabledReason', { reason: connection.disabledReason })}
        </Notice>
      ) : !connection.enabled ? (
        <Notice tone="info">{t('shops.disabledByOwner')}</Notice>
      ) : null}
      {pushesFailing(health) || errorStillCurrent(health) ? (
        <Notice tone="warning">
          {pushesFailing(health) ? (
            <p>
              {health.consecutiveFailures > 0 ? tn('shops.failing', health.consecutiveFailures) : null}{' '}
              {health.failedPushes > 0 ? tn('shops.failedPushes', health.failedPushes) : null}
            </p>
          ) : null}
          {health.lastError ? (
            <p className="small" data-testid="connection-last-error">
              {t('shops.lastError', {
                error: health.lastError,
                when: health.lastFailureAt ? format.when(health.lastFailureAt) : '—',
              })}
            </p>
          ) : null}
        </Notice>
      ) : null}
    </>
  );
}

function ago(iso: string | null, format: Formatters, now: number, never: string): string {
  return iso ? format.relative(iso, now) : never;
}

/**
 * One shop's health at a glance. `readOnly` (the support console) leaves out the links to the shop's
 * own page, which only the owner can open.
 */
export function ConnectionCard({
  connection,
  timeZone,
  readOnly = false,
}: {
  connection: ShopConnectionView;
  timeZone: string;
  readOnly?: boolean;
}) {
  const { t } = useI18n();
  const format = useFormat(timeZone);
  const now = useNow();
  const { health } = connection;
  return (
    <li
      className={`printer-card connection-card${connectionProblem(connection) ? ' is-stale' : ''}`}
      data-testid="connection"
    >
      <div className="printer-card-head">
        <h2>
          {readOnly ? (
            connection.name
          ) : (
            <Link to={`/integrations/shops/${connection.id}`}>{connection.name}</Link>
          )}
        </h2>
        <PlatformBadge platform={connection.platform} />
        <EnabledBadge enabled={connection.enabled} />
      </div>
      <p className="muted small site-url">{connection.siteUrl}</p>
      <ConnectionWarnings connection={connection} format={format} />
      <dl className="facts">
        <div>
          <dt>{t('shops.lastOrder')}</dt>
          <dd>{ago(health.lastOrderAt, format, now, t('shops.noOrdersYet'))}</dd>
        </div>
        <div>
          <dt>{t('shops.lastPush')}</dt>
          <dd>{ago(health.lastPushAt, format, now, t('shops.nothingPushed'))}</dd>
        </div>
        <div>
          <dt>{t('shops.pendingPushes')}</dt>
          <dd>{health.pendingPushes}</dd>
        </div>
      </dl>
      {readOnly ? null : (
        <div className="card-actions">
          <Link className="button secondary small" to={`/integrations/shops/${connection.id}`}>
            {t('shops.open')}
          </Link>
        </div>
      )}
    </li>
  );
}

/** Connected shops with their health at a glance. */
export function ShopsPage() {
  const { isOwner } = useSignedIn();
  return isOwner ? <Shops /> : <OwnerOnlyIntegrations />;
}

function Shops() {
  const { t } = useI18n();
  const { timeZone } = useSignedIn();
  const connections = useResource((signal) => api.connections(signal).then((r) => r.items), [], 5000);
  const list = connections.data;
  const connect = (
    <Link to="/integrations/shops/new" className="button primary">
      {t('shops.connect')}
    </Link>
  );
  return (
    <div className="page">
      <IntegrationsTabs />
      <PageHeader
        title={t('shops.title')}
        subtitle={
          <>
            {t('shops.subtitle')} <LiveMark />
          </>
        }
        actions={connect}
      />
      {connections.error ? <ErrorNotice error={connections.error} onRetry={connections.reload} /> : null}
      {!list ? (
        connections.error ? null : (
          <Loading />
        )
      ) : list.length === 0 ? (
        <EmptyState title={t('shops.empty')} action={connect}>
          <p>{t('shops.emptyBody')}</p>
        </EmptyState>
      ) : (
        <ul className="printer-grid" data-testid="connections">
          {list.map((connection) => (
            <ConnectionCard key={connection.id} connection={connection} timeZone={timeZone} />
          ))}
        </ul>
      )}
    </div>
  );
}

function InboundTable({ items, format }: { items: InboundDeliveryView[]; format: Formatters }) {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
      <table className="orders-table" data-testid="inbound">
        <thead>
          <tr>
            <th scope="col">{t('inbound.when')}</th>
            <th scope="col">{t('inbound.shopOrder')}</th>
            <th scope="col">{t('inbound.outcome')}</th>
            <th scope="col">{t('inbound.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <td data-label={t('inbound.when')}>
                <time dateTime={item.receivedAt}>{format.when(item.receivedAt)}</time>
              </td>
              <td data-label={t('inbound.shopOrder')}>
                {item.orderId ? (
                  <Link to={`/orders/${item.orderId}`}>{item.shopOrderId ?? t('orders.open')}</Link>
                ) : (
                  (item.shopOrderId ?? '—')
                )}
              </td>
              <td data-label={t('inbound.outcome')}>
                <InboundOutcomeBadge outcome={item.outcome} />
              </td>
              <td data-label={t('inbound.detail')} className="delivery-result">
                {item.detail ?? '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function InboundLog({ connectionId, format }: { connectionId: string; format: Formatters }) {
  const { t } = useI18n();
  const inbound = useResource(
    (signal) => api.connectionInbound(connectionId, signal).then((r) => r.items),
    [connectionId],
    5000,
  );
  if (!inbound.data)
    return inbound.error ? <ErrorNotice error={inbound.error} onRetry={inbound.reload} /> : <Loading />;
  return (
    <>
      {inbound.error ? <ErrorNotice error={inbound.error} onRetry={inbound.reload} /> : null}
      {inbound.data.length === 0 ? (
        <EmptyState title={t('inbound.empty')}>
          <p>{t('inbound.emptyBody')}</p>
        </EmptyState>
      ) : (
        <InboundTable items={inbound.data} format={format} />
      )}
    </>
  );
}

function SettingsForm({
  connection,
  printers,
  onSaved,
}: {
  connection: ShopConnectionView;
  printers: PrinterView[] | undefined;
  onSaved: (saved: ShopConnectionView) => void;
}) {
  const { t } = useI18n();
  const toast = useToast();
  const [name, setName] = useState(connection.name);
  const [printerId, setPrinterId] = useState(connection.printerId ?? '');
  const [poll, setPoll] = useState(connection.poll);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') {
      setErrors({ name: t('form.required') });
      return;
    }
    setErrors({});
    setError(null);
    setBusy(true);
    try {
      const saved = await api.updateConnection(connection.id, {
        name: name.trim(),
        printerId: printerId === '' ? null : printerId,
        ...(connection.platform === 'framework360' ? { poll } : {}),
      });
      onSaved(saved);
      toast.success(t('shops.saved'));
    } catch (caught) {
      setErrors(fieldProblems(caught));
      setError(describeError(caught, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void save(event)} noValidate>
      {error ? (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      ) : null}
      <fieldset className="plain" disabled={busy}>
        <legend className="visually-hidden">{t('shops.settings')}</legend>
        <TextField
          label={t('shops.name')}
          value={name}
          maxLength={100}
          onChange={(event) => setName(event.target.value)}
          error={errors['name']}
        />
        <PrinterSelect
          printers={printers}
          value={printerId}
          onChange={setPrinterId}
          error={errors['printerId']}
        />
        {connection.platform === 'framework360' ? (
          <label className="checkbox">
            <input type="checkbox" checked={poll} onChange={(event) => setPoll(event.target.checked)} />
            <span>
              {t('shops.poll')}
              <span className="hint block">{t('shops.pollHint')}</span>
            </span>
          </label>
        ) : null}
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy} aria-busy={busy}>
          {busy ? t('common.working') : t('common.save')}
        </button>
      </div>
    </form>
  );
}

function HealthFacts({
  connection,
  format,
  now,
}: {
  connection: ShopConnectionView;
  format: Formatters;
  now: number;
}) {
  const { t } = useI18n();
  const { health } = connection;
  const at = (iso: string | null, never: string) =>
    iso ? (
      <>
        <time dateTime={iso}>{format.when(iso)}</time>
        <span className="muted"> · {format.relative(iso, now)}</span>
      </>
    ) : (
      never
    );
  return (
    <dl className="facts" data-testid="connection-health">
      <div>
        <dt>{t('shops.lastOrder')}</dt>
        <dd>{at(health.lastOrderAt, t('shops.noOrdersYet'))}</dd>
      </div>
      <div>
        <dt>{t('shops.lastPush')}</dt>
        <dd>{at(health.lastPushAt, t('shops.nothingPushed'))}</dd>
      </div>
      {connection.platform === 'framework360' ? (
        <div>
          <dt>{t('shops.lastPoll')}</dt>
          <dd>{connection.poll ? at(health.lastPollAt, t('shops.notPolledYet')) : t('shops.pollOff')}</dd>
        </div>
      ) : null}
      <div>
        <dt>{t('shops.failingPushes')}</dt>
        <dd className={health.consecutiveFailures > 0 ? 'tone-bad' : undefined}>
          {health.consecutiveFailures}
        </dd>
      </div>
      <div>
        <dt>{t('shops.pendingPushes')}</dt>
        <dd>{health.pendingPushes}</dd>
      </div>
      <div>
        <dt>{t('shops.failedPushesLabel')}</dt>
        <dd className={health.failedPushes > 0 ? 'tone-bad' : undefined}>{health.failedPushes}</dd>
      </div>
      <div className="wide-fact">
        <dt>{t('shops.lastErrorLabel')}</dt>
        <dd>{health.lastError ? at(health.lastFailureAt, '—') : '—'}</dd>
        {health.lastError ? <dd className="delivery-result muted">{health.lastError}</dd> : null}
      </div>
    </dl>
  );
}

function credentialList(hints: Record<string, string>, t: I18n['t']): string {
  const names: Record<string, string> = {
    consumerKey: t('shops.consumerKey'),
    consumerSecret: t('shops.consumerSecret'),
    apiKey: t('shops.apiKey'),
  };
  return Object.entries(hints)
    .map(([key, hint]) => `${names[key] ?? key}: ${hint}`)
    .join(' · ');
}

/** The chosen statuses by name (the shop is asked once; its ids are shown if it cannot answer). */
function MappedStatuses({ connection }: { connection: ShopConnectionView }) {
  const { t } = useI18n();
  const statuses = useResource(
    (signal) => api.connectionStatuses(connection.id, signal).then((r) => r.items),
    [connection.id],
  );
  const name = (statusId: string | null | undefined) =>
    statusId == null
      ? t('statusMap.notSet')
      : (statuses.data?.find((option) => option.id === statusId)?.name ?? statusId);
  return (
    <dl className="facts" data-testid="mapped-statuses">
      <div>
        <dt>{t('statusMap.completed')}</dt>
        <dd>{name(connection.statusMap?.completed)}</dd>
      </div>
      <div>
        <dt>{t('statusMap.cancelled')}</dt>
        <dd>{name(connection.statusMap?.cancelled)}</dd>
      </div>
    </dl>
  );
}

type ConnectionDialog = 'rotate' | 'delete' | null;

/** One shop: health, what it sent, status pushes (retry, details), settings and the dangerous buttons. */
export function ConnectionDetailPage() {
  const { isOwner } = useSignedIn();
  return isOwner ? <ConnectionDetail /> : <OwnerOnlyIntegrations />;
}

function ConnectionDetail() {
  const { id = '' } = useParams();
  const { t, tn } = useI18n();
  const toast = useToast();
  const navigate = useNavigate();
  const { timeZone } = useSignedIn();
  const connection = useResource((signal) => api.connection(id, signal), [id], 5000);
  const printers = useResource((signal) => api.printers(signal).then((r) => r.items), []);
  const [dialog, setDialog] = useState<ConnectionDialog>(null);
  const [rotated, setRotated] = useState<ShopConnectionWithSecret | null>(null);
  const [busy, setBusy] = useState<'toggle' | 'poll' | null>(null);
  const [editingMap, setEditingMap] = useState(false);
  const actionsTitle = useRef<HTMLHeadingElement>(null);
  const format = useFormat(timeZone);
  const now = useNow(5000);
  const view = connection.data;

  if (!view && isNotFound(connection.error)) return <NotFoundPage what="connection" />;
  if (!view)
    return connection.error ? (
      <ErrorNotice error={connection.error} onRetry={connection.reload} />
    ) : (
      <Loading />
    );

  const toggle = async () => {
    setBusy('toggle');
    try {
      const saved = await api.updateConnection(view.id, { enabled: !view.enabled });
      connection.setData(saved);
      toast.success(saved.enabled ? t('shops.enabledToast') : t('shops.disabledToast'));
    } catch (caught) {
      toast.error(describeError(caught, t));
    } finally {
      setBusy(null);
    }
  };

  const pollNow = async () => {
    setBusy('poll');
    try {
      const result = await api.pollConnection(view.id);
      toast.success(tn('shops.polled', result.imported));
      connection.reload();
    } catch (caught) {
      toast.error(describeError(caught, t));
    } finally {
      setBusy(null);
    }
  };

  const f360 = view.platform === 'framework360';
  const mapMissing = f360 && (view.statusMap?.completed == null || view.statusMap.cancelled == null);

  return (
    <div className="page">
      <IntegrationsTabs />
      <p className="breadcrumb">
        <Link to="/integrations/shops">← {t('shops.title')}</Link>
      </p>
      <PageHeader
        title={view.name}
        subtitle={
          <>
            <PlatformBadge platform={view.platform} /> <EnabledBadge enabled={view.enabled} /> <LiveMark />
          </>
        }
        actions={
          f360 && view.poll ? (
            <button
              type="button"
              className="button secondary"
              onClick={() => void pollNow()}
              disabled={busy === 'poll'}
              aria-busy={busy === 'poll'}
            >
              {busy === 'poll' ? t('common.working') : t('shops.pollNow')}
            </button>
          ) : null
        }
      />
      {connection.error ? <ErrorNotice error={connection.error} onRetry={connection.reload} /> : null}
      <ConnectionWarnings connection={view} format={format} />
      {mapMissing ? <Notice tone="warning">{t('statusMap.missing')}</Notice> : null}
      {rotated ? (
        <SecretOnce
          title={t('shops.newSecret')}
          testId="shop-secret-once"
          onDone={() => {
            setRotated(null);
            actionsTitle.current?.focus();
          }}
        >
          <p className="hint">{f360 ? t('shops.newSecretF360') : t('shops.newSecretWoo')}</p>
          <CopyField
            label={f360 ? t('shops.webhookUrl') : t('shops.deliveryUrl')}
            value={rotated.webhookUrl}
            testId="shop-webhook-url"
          />
          {f360 ? null : (
            <CopyField label={t('shops.secret')} value={rotated.webhookSecret} testId="shop-webhook-secret" />
          )}
        </SecretOnce>
      ) : null}

      <section className="card" aria-labelledby="health-title">
        <h2 id="health-title">{t('integration.health')}</h2>
        <HealthFacts connection={view} format={format} now={now} />
      </section>

      <section className="card" aria-labelledby="inbound-title">
        <h2 id="inbound-title">{t('inbound.title')}</h2>
        <p className="hint">{t('inbound.hint')}</p>
        <InboundLog connectionId={view.id} format={format} />
      </section>
      <section className="card" aria-labelledby="pushes-title">
        <h2 id="pushes-title">{t('shops.pushes')}</h2>
        <p className="hint">{t('shops.pushesHint')}</p>
        <DeliveryLog
          load={(signal) => api.connectionDeliveries(view.id, signal).then((r) => r.items)}
          deps={[view.id]}
          timeZone={timeZone}
          retryLabel={t('delivery.retryNow')}
          canRetry
          retryDelivered={false}
          emptyTitle={t('shops.noPushes')}
          testId="connection-pushes"
        />
      </section>

      {f360 ? (
        <section className="card" aria-labelledby="map-title">
          <h2 id="map-title">{t('statusMap.title')}</h2>
          <p className="hint">{t('statusMap.body')}</p>
          {editingMap ? (
            <StatusMapForm
              connection={view}
              onSaved={(saved) => {
                connection.setData(saved);
                setEditingMap(false);
              }}
            />
          ) : (
            <>
              <MappedStatuses connection={view} />
              <div className="form-actions">
                <button type="button" className="button secondary" onClick={() => setEditingMap(true)}>
                  {t('statusMap.choose')}
                </button>
              </div>
            </>
          )}
        </section>
      ) : null}

      <div className="grid-2">
        <section className="card" aria-labelledby="setup-title">
          <h2 id="setup-title">{t('shops.setup')}</h2>
          <dl className="facts vertical">
            <div>
              <dt>{f360 ? t('shops.apiBaseUrl') : t('shops.siteUrl')}</dt>
              <dd>{view.siteUrl}</dd>
            </div>
            {Object.keys(view.credentialHints).length > 0 ? (
              <div>
                <dt>{t('shops.credentials')}</dt>
                <dd>
                  <code>{credentialList(view.credentialHints, t)}</code>
                </dd>
              </div>
            ) : null}
            <div>
              <dt>{t('integration.createdAt')}</dt>
              <dd>{format.dateTime(view.createdAt)}</dd>
            </div>
          </dl>
          <CopyField
            label={f360 ? t('shops.webhookUrl') : t('shops.deliveryUrl')}
            value={view.webhookUrl}
            testId="connection-webhook-url"
            hint={f360 ? t('shops.f360UrlHidden') : t('shops.secretNotShown')}
          />
          {view.lastPayload ? (
            <details className="steps-details">
              <summary>{t('shops.lastPayload')}</summary>
              <pre className="response-body" data-testid="last-payload">
                {view.lastPayload}
              </pre>
            </details>
          ) : null}
          {f360 ? null : (
            <details className="steps-details">
              <summary>{t('wooSteps.title')}</summary>
              <WooCommerceSteps />
            </details>
          )}
        </section>
        <section className="card" aria-labelledby="settings-title">
          <h2 id="settings-title">{t('shops.settings')}</h2>
          <SettingsForm
            key={view.id}
            connection={view}
            printers={printers.data}
            onSaved={connection.setData}
          />
        </section>
      </div>

      <section className="card danger-zone" aria-labelledby="connection-actions">
        <h2 id="connection-actions" ref={actionsTitle} tabIndex={-1}>
          {t('integration.actions')}
        </h2>
        <ActionRow
          title={view.enabled ? t('shops.disable') : t('shops.enable')}
          hint={view.enabled ? t('shops.disableHint') : t('shops.enableHint')}
          label={view.enabled ? t('shops.disable') : t('shops.enable')}
          onClick={() => void toggle()}
          busy={busy === 'toggle'}
          busyLabel={t('common.working')}
        />
        <ActionRow
          title={t('integration.rotate')}
          hint={t('shops.rotateHint')}
          label={t('integration.rotate')}
          onClick={() => setDialog('rotate')}
        />
        <ActionRow
          title={t('shops.disconnect')}
          hint={t('shops.disconnectHint')}
          label={t('shops.disconnect')}
          tone="danger"
          onClick={() => setDialog('delete')}
        />
      </section>

      {dialog === 'rotate' ? (
        <ConfirmDialog
          title={t('shops.rotateTitle', { name: view.name })}
          confirmLabel={t('integration.rotate')}
          tone="danger"
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            const fresh = await api.rotateConnectionSecret(view.id);
            connection.setData(fresh);
            setRotated(fresh);
            setDialog(null);
          }}
        >
          <p>{f360 ? t('shops.rotateBodyF360') : t('shops.rotateBodyWoo')}</p>
        </ConfirmDialog>
      ) : null}
      {dialog === 'delete' ? (
        <ConfirmDialog
          title={t('shops.disconnectTitle', { name: view.name })}
          confirmLabel={t('shops.disconnect')}
          tone="danger"
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api.deleteConnection(view.id);
            toast.success(t('shops.disconnected', { name: view.name }));
            void navigate('/integrations/shops');
          }}
        >
          <p>{t('shops.disconnectBody')}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

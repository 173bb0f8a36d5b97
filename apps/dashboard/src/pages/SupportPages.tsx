import type { OrderSummary, TenantView } from '@shared/types';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/endpoints';
import { AttentionBadge, PrinterStatusBadge } from '../components/Badges';
import { TextField } from '../components/Field';
import { EmptyState, ErrorNotice, LiveMark, Loading, Notice, PageHeader } from '../components/Notice';
import { OrderActions } from '../components/OrderActions';
import { useI18n } from '../i18n/I18nProvider';
import { useFormat } from '../i18n/useFormat';
import { type Directory, tenantDirectory, useDirectory } from '../lib/directory';
import { describeError, isNotFound } from '../lib/errors';
import { useNow } from '../lib/useNow';
import { type Resource, useResource } from '../lib/useResource';
import { mergeOrders, OrderTable } from './OrdersPage';
import { NotFoundPage } from './NotFoundPage';
import { PrinterCard } from './PrintersPage';
import { ConnectionCard } from './ShopPages';
import { EndpointItem } from './WebhookPages';

interface SearchResult {
  query: string;
  tenants: TenantView[];
  orders: OrderSummary[];
}

/** One box for what support is asked about: a restaurant's name, a ticket number, a shop order id. */
export async function supportSearch(query: string): Promise<SearchResult> {
  const text = query.trim().replace(/^#/, '');
  const [tenants, byNumber, byExternal] = await Promise.all([
    api.tenants(query.trim()),
    /^\d{1,9}$/.test(text) ? api.orders({ number: Number(text), limit: 50 }) : Promise.resolve({ items: [] }),
    api.orders({ externalId: text, limit: 50 }),
  ]);
  return { query, tenants: tenants.items, orders: mergeOrders([byNumber.items, byExternal.items]) };
}

function StuckOrder({ order, directory }: { order: OrderSummary; directory: Directory }) {
  const { t } = useI18n();
  const format = useFormat(directory.timeZoneOf(order.tenantId));
  const now = useNow();
  const since = order.lastServedAt ?? order.firstServedAt;
  return (
    <div className="stuck-order">
      <div>
        <Link to={`/orders/${order.id}`} className="order-number">
          #{order.number}
        </Link>{' '}
        <AttentionBadge />
        <p>
          <strong>{directory.tenant(order.tenantId)?.name ?? '—'}</strong> ·{' '}
          {directory.printerName(order.printerId) ?? '—'}
        </p>
        <p className="muted small">
          {order.customerName ?? ''} {format.money(order.total, order.currency)}
          {since ? ` · ${t('support.servedAgo', { when: format.relative(since, now) })}` : ''}
        </p>
      </div>
    </div>
  );
}

export function SupportPage() {
  const { t } = useI18n();
  const directory = useDirectory(10_000);
  const stuck = useResource((signal) => api.orders({ needsAttention: true, limit: 100 }, signal), [], 5000);
  const [query, setQuery] = useState('');
  const [searching, setSearching] = useState(false);
  const [result, setResult] = useState<SearchResult | null>(null);
  const [searchError, setSearchError] = useState<unknown>(null);
  const now = useNow();
  const format = useFormat('UTC');

  const search = async (event: FormEvent) => {
    event.preventDefault();
    if (query.trim() === '') return;
    setSearching(true);
    setSearchError(null);
    try {
      setResult(await supportSearch(query));
    } catch (caught) {
      setSearchError(caught);
    } finally {
      setSearching(false);
    }
  };

  const offline = directory.printers.filter((p) => !p.online && p.lastPollAt !== null);
  const neverConnected = directory.printers.filter((p) => p.lastPollAt === null);
  const restaurants = useResource((signal) => api.tenants(undefined, signal).then((r) => r.items), []);

  return (
    <div className="page">
      <PageHeader title={t('support.title')} subtitle={<LiveMark />} />
      <form
        className="card search-card"
        role="search"
        onSubmit={(event) => void search(event)}
        aria-label={t('support.search')}
      >
        <TextField
          label={t('support.search')}
          type="search"
          value={query}
          placeholder={t('support.searchPlaceholder')}
          onChange={(event) => setQuery(event.target.value)}
        />
        <button type="submit" className="button primary" disabled={searching} aria-busy={searching}>
          {searching ? t('common.working') : t('support.searchButton')}
        </button>
      </form>
      {searchError ? (
        <p className="notice notice-error" role="alert">
          {describeError(searchError, t)}
        </p>
      ) : null}
      {result ? (
        <section className="card" aria-labelledby="results-title" data-testid="search-results">
          <h2 id="results-title">{t('support.results', { query: result.query })}</h2>
          {result.tenants.length === 0 && result.orders.length === 0 ? (
            <p className="muted">{t('support.noResults')}</p>
          ) : null}
          {result.tenants.length > 0 ? (
            <>
              <h3>{t('support.restaurants')}</h3>
              <ul className="plain-list">
                {result.tenants.map((tenant) => (
                  <li key={tenant.id}>
                    <Link to={`/support/restaurants/${tenant.id}`}>{tenant.name}</Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {result.orders.length > 0 ? (
            <>
              <h3>{t('nav.orders')}</h3>
              <OrderTable orders={result.orders} directory={directory} showRestaurant />
            </>
          ) : null}
        </section>
      ) : null}

      <div className="grid-2">
        <section className="card" aria-labelledby="stuck-title" data-testid="stuck-orders">
          <h2 id="stuck-title">
            {t('support.stuck')} <span className="count">{stuck.data?.items.length ?? ''}</span>
          </h2>
          <p className="hint">{t('support.stuckHint')}</p>
          {stuck.error ? <ErrorNotice error={stuck.error} onRetry={stuck.reload} /> : null}
          {!stuck.data ? (
            stuck.error ? null : (
              <Loading />
            )
          ) : stuck.data.items.length === 0 ? (
            <EmptyState title={t('support.noStuck')} />
          ) : (
            <ul className="stuck-list">
              {stuck.data.items.map((order) => (
                <li key={order.id}>
                  <StuckOrder order={order} directory={directory} />
                  <OrderActions
                    order={order}
                    printers={directory.printersOf(order.tenantId)}
                    onDone={stuck.reload}
                    compact
                  />
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="card" aria-labelledby="offline-title" data-testid="offline-printers">
          <h2 id="offline-title">
            {t('support.offline')} <span className="count">{offline.length}</span>
          </h2>
          <p className="hint">{t('support.offlineHint')}</p>
          {directory.resource.error ? (
            <ErrorNotice error={directory.resource.error} onRetry={directory.resource.reload} />
          ) : null}
          {offline.length === 0 ? (
            <EmptyState title={t('support.noOffline')} />
          ) : (
            <ul className="plain-list offline-list">
              {offline.map((printer) => (
                <li key={printer.id}>
                  <Link to={`/printers/${printer.id}/queue`}>
                    {directory.tenant(printer.tenantId)?.name ?? '—'} · {printer.name}
                  </Link>{' '}
                  <PrinterStatusBadge printer={printer} />
                  <p className="muted small">
                    {printer.lastPollAt
                      ? t('queue.lastPoll', { when: format.relative(printer.lastPollAt, now) })
                      : ''}{' '}
                    · {t('support.waitingCount', { count: printer.queueDepth })}
                  </p>
                </li>
              ))}
            </ul>
          )}
          {neverConnected.length > 0 ? (
            <p className="hint">{t('support.neverConnected', { count: neverConnected.length })}</p>
          ) : null}
        </section>
      </div>

      <section className="card" aria-labelledby="restaurants-title">
        <h2 id="restaurants-title">{t('support.allRestaurants')}</h2>
        {restaurants.error ? <ErrorNotice error={restaurants.error} onRetry={restaurants.reload} /> : null}
        {!restaurants.data ? (
          restaurants.error ? null : (
            <Loading />
          )
        ) : restaurants.data.length === 0 ? (
          <EmptyState title={t('support.noRestaurants')} />
        ) : (
          <div className="table-wrap">
            <table className="orders-table">
              <thead>
                <tr>
                  <th scope="col">{t('support.restaurant')}</th>
                  <th scope="col">{t('support.printers')}</th>
                  <th scope="col">{t('form.timeZone')}</th>
                  <th scope="col">{t('support.since')}</th>
                </tr>
              </thead>
              <tbody>
                {restaurants.data.map((tenant) => {
                  const printers = directory.printersOf(tenant.id);
                  const online = printers.filter((p) => p.online).length;
                  return (
                    <tr key={tenant.id}>
                      <td data-label={t('support.restaurant')}>
                        <Link to={`/support/restaurants/${tenant.id}`}>{tenant.name}</Link>
                      </td>
                      <td data-label={t('support.printers')}>
                        {t('support.printersOnline', { online, total: printers.length })}
                      </td>
                      <td data-label={t('form.timeZone')}>{tenant.timeZone}</td>
                      <td data-label={t('support.since')}>{format.dateTime(tenant.createdAt)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

/** A list's loading and error states (an error is kept beside the last good data), then it or `empty`. */
function ListOf<T>({
  resource,
  empty,
  children,
}: {
  resource: Resource<T[]>;
  empty: ReactNode;
  children: (items: T[]) => ReactNode;
}) {
  return (
    <>
      {resource.error ? <ErrorNotice error={resource.error} onRetry={resource.reload} /> : null}
      {!resource.data ? (
        resource.error ? null : (
          <Loading />
        )
      ) : resource.data.length === 0 ? (
        empty
      ) : (
        children(resource.data)
      )}
    </>
  );
}

/** The restaurant's connected shops and how they are doing; changing them is the owner's. */
function SupportShops({ tenant }: { tenant: TenantView }) {
  const { t } = useI18n();
  const connections = useResource(
    (signal) => api.connections(signal, { tenantId: tenant.id }).then((r) => r.items),
    [tenant.id],
    5000,
  );
  return (
    <section className="support-section" aria-labelledby="support-shops-title" data-testid="support-shops">
      <h2 id="support-shops-title" className="section-title">
        {t('support.shops')}
      </h2>
      <p className="hint">{t('support.shopsHint')}</p>
      <ListOf resource={connections} empty={<EmptyState title={t('shops.empty')} />}>
        {(items) => (
          <ul className="printer-grid">
            {items.map((connection) => (
              <ConnectionCard
                key={connection.id}
                connection={connection}
                timeZone={tenant.timeZone}
                readOnly
              />
            ))}
          </ul>
        )}
      </ListOf>
    </section>
  );
}

/** The restaurant's webhook endpoints and how deliveries to them are going; changing them is the owner's. */
function SupportWebhooks({ tenant }: { tenant: TenantView }) {
  const { t } = useI18n();
  const endpoints = useResource(
    (signal) => api.webhooks(signal, { tenantId: tenant.id }).then((r) => r.items),
    [tenant.id],
    5000,
  );
  return (
    <section className="card" aria-labelledby="support-webhooks-title" data-testid="support-webhooks">
      <h2 id="support-webhooks-title">{t('support.webhooks')}</h2>
      <p className="hint">{t('support.webhooksHint')}</p>
      <ListOf resource={endpoints} empty={<EmptyState title={t('webhooks.empty')} />}>
        {(items) => (
          <ul className="endpoint-list">
            {items.map((endpoint) => (
              <EndpointItem key={endpoint.id} endpoint={endpoint} timeZone={tenant.timeZone} readOnly />
            ))}
          </ul>
        )}
      </ListOf>
    </section>
  );
}

/** Read-only look at one restaurant: its settings, printers, shops, webhooks and latest orders. */
export function SupportTenantPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const tenant = useResource((signal) => api.tenantById(id, signal), [id]);
  const printers = useResource(
    (signal) => api.printers(signal, { tenantId: id }).then((r) => r.items),
    [id],
    5000,
  );
  const orders = useResource((signal) => api.orders({ tenantId: id, limit: 30 }, signal), [id], 5000);
  const format = useFormat(tenant.data?.timeZone ?? 'UTC');

  if (isNotFound(tenant.error)) return <NotFoundPage what="restaurant" />;
  const view = tenant.data;
  if (!view) return tenant.error ? <ErrorNotice error={tenant.error} onRetry={tenant.reload} /> : <Loading />;
  const directory = tenantDirectory(view, printers);

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/support">← {t('support.title')}</Link>
      </p>
      <PageHeader title={view.name} subtitle={<LiveMark />} />
      <Notice tone="info">{t('support.readOnly')}</Notice>
      <section className="card">
        <h2>{t('settings.restaurant')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('form.timeZone')}</dt>
            <dd>{view.timeZone}</dd>
          </div>
          <div>
            <dt>{t('settings.locale')}</dt>
            <dd>{view.locale}</dd>
          </div>
          <div>
            <dt>{t('intake.title')}</dt>
            <dd>{view.intakeRule === 'all' ? t('intake.all') : t('intake.manual')}</dd>
          </div>
          <div>
            <dt>{t('intake.cash')}</dt>
            <dd>{view.cashPaymentMethods.join(', ') || '—'}</dd>
          </div>
          <div>
            <dt>{t('support.since')}</dt>
            <dd>{format.dateTime(view.createdAt)}</dd>
          </div>
        </dl>
      </section>
      <h2 className="section-title">{t('printers.title')}</h2>
      <ListOf resource={printers} empty={<EmptyState title={t('printers.empty')} />}>
        {(items) => (
          <ul className="printer-grid">
            {items.map((printer) => (
              <PrinterCard key={printer.id} printer={printer} timeZone={view.timeZone} />
            ))}
          </ul>
        )}
      </ListOf>
      <SupportShops tenant={view} />
      <SupportWebhooks tenant={view} />
      <h2 className="section-title">{t('support.latestOrders')}</h2>
      {orders.error ? <ErrorNotice error={orders.error} onRetry={orders.reload} /> : null}
      {!orders.data ? (
        orders.error ? null : (
          <Loading />
        )
      ) : orders.data.items.length === 0 ? (
        <EmptyState title={t('orders.empty')} />
      ) : (
        <OrderTable orders={orders.data.items} directory={directory} showRestaurant={false} />
      )}
      {orders.data?.items.some((o) => o.needsAttention) ? (
        <p className="hint">
          <AttentionBadge /> {t('support.attentionLegend')}
        </p>
      ) : null}
    </div>
  );
}

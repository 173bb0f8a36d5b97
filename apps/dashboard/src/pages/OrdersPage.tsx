import type { OrderListQuery, OrderStatus, OrderSummary } from '@shared/types';
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../api/endpoints';
import { AttentionBadge, OrderStatusBadge } from '../components/Badges';
import { SelectField, TextField } from '../components/Field';
import { EmptyState, ErrorNotice, LiveMark, Loading, PageHeader } from '../components/Notice';
import { zonedDayRange } from '../i18n/format';
import { useI18n } from '../i18n/I18nProvider';
import { useFormat } from '../i18n/useFormat';
import { type Directory, useDirectory } from '../lib/directory';
import { describeError } from '../lib/errors';
import { useResource } from '../lib/useResource';
import { useSignedIn } from '../session/SessionProvider';

/** The status filter's choices; `waiting` is queued + printing. */
const STATUS_FILTERS: Readonly<Record<string, OrderStatus[]>> = {
  waiting: ['queued', 'printing'],
  queued: ['queued'],
  printing: ['printing'],
  completed: ['completed'],
  cancelled: ['cancelled'],
  skipped: ['skipped'],
};

interface Filters {
  status: string;
  printerId: string;
  day: string;
  search: string;
  attention: boolean;
}

function readFilters(params: URLSearchParams): Filters {
  return {
    status: params.get('status') ?? '',
    printerId: params.get('printer') ?? '',
    day: params.get('day') ?? '',
    search: params.get('q') ?? '',
    attention: params.get('attention') === '1',
  };
}

/**
 * API queries for the filters. A search that is a whole number may be the ticket number or the shop's
 * own order id (shops often use numbers), so it asks for both and the answers are merged.
 */
export function queriesFor(filters: Filters, timeZone: string): OrderListQuery[] {
  const base: OrderListQuery = { limit: 50 };
  const statuses = STATUS_FILTERS[filters.status];
  if (statuses) base.status = statuses;
  if (filters.printerId) base.printerId = filters.printerId;
  if (filters.attention) base.needsAttention = true;
  if (/^\d{4}-\d{2}-\d{2}$/.test(filters.day)) Object.assign(base, zonedDayRange(filters.day, timeZone));
  const search = filters.search.trim().replace(/^#/, '');
  if (search === '') return [base];
  const byExternal = { ...base, externalId: search };
  return /^\d{1,9}$/.test(search) ? [{ ...base, number: Number(search) }, byExternal] : [byExternal];
}

export function mergeOrders(lists: OrderSummary[][]): OrderSummary[] {
  const seen = new Map<string, OrderSummary>();
  for (const list of lists) for (const order of list) seen.set(order.id, order);
  return [...seen.values()].sort(
    (a, b) => (b.receivedAt ?? '').localeCompare(a.receivedAt ?? '') || b.id.localeCompare(a.id),
  );
}

export function OrderTable({
  orders,
  directory,
  showRestaurant,
}: {
  orders: OrderSummary[];
  directory: Directory;
  showRestaurant: boolean;
}) {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
      <table className="orders-table">
        <thead>
          <tr>
            <th scope="col">{t('orders.number')}</th>
            {showRestaurant ? <th scope="col">{t('support.restaurant')}</th> : null}
            <th scope="col">{t('orders.status')}</th>
            <th scope="col">{t('orders.customer')}</th>
            <th scope="col">{t('orders.printer')}</th>
            <th scope="col">{t('orders.received')}</th>
            <th scope="col" className="num">
              {t('orders.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {orders.map((order) => (
            <OrderRow
              key={order.id}
              order={order}
              directory={directory}
              showRestaurant={showRestaurant}
              timeZone={directory.timeZoneOf(order.tenantId)}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OrderRow({
  order,
  directory,
  showRestaurant,
  timeZone,
}: {
  order: OrderSummary;
  directory: Directory;
  showRestaurant: boolean;
  timeZone: string;
}) {
  const { t } = useI18n();
  const format = useFormat(timeZone);
  return (
    <tr className={order.needsAttention ? 'attention' : undefined}>
      <td data-label={t('orders.number')}>
        <Link to={`/orders/${order.id}`} className="order-number">
          #{order.number}
        </Link>
        <span className="muted external-id">{order.externalId}</span>
      </td>
      {showRestaurant ? (
        <td data-label={t('support.restaurant')}>{directory.tenant(order.tenantId)?.name ?? '—'}</td>
      ) : null}
      <td data-label={t('orders.status')}>
        <OrderStatusBadge status={order.status} /> {order.needsAttention ? <AttentionBadge /> : null}
      </td>
      <td data-label={t('orders.customer')}>{order.customerName ?? '—'}</td>
      <td data-label={t('orders.printer')}>{directory.printerName(order.printerId) ?? '—'}</td>
      <td data-label={t('orders.received')}>{order.receivedAt ? format.when(order.receivedAt) : '—'}</td>
      <td data-label={t('orders.total')} className="num">
        {format.money(order.total, order.currency)}
      </td>
    </tr>
  );
}

export function OrdersPage() {
  const { t } = useI18n();
  const { isSupport, timeZone } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const [draft, setDraft] = useState<Filters>(filters);
  const directory = useDirectory();
  const key = params.toString();
  const [more, setMore] = useState<{
    key: string;
    items: OrderSummary[];
    cursor: string | null;
    error: unknown;
  } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  const queries = queriesFor(filters, timeZone);
  const first = useResource(
    async (signal) => {
      const answers = await Promise.all(queries.map((query) => api.orders(query, signal)));
      return {
        items: mergeOrders(answers.map((a) => a.items)),
        cursor: queries.length === 1 ? (answers[0]?.nextCursor ?? null) : null,
      };
    },
    [key, timeZone],
    5000,
  );
  const extra = more?.key === key ? more : null;
  const items = first.data ? mergeOrders([first.data.items, extra?.items ?? []]) : undefined;
  const cursor = extra ? extra.cursor : (first.data?.cursor ?? null);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.status) next.set('status', draft.status);
    if (draft.printerId) next.set('printer', draft.printerId);
    if (draft.day) next.set('day', draft.day);
    if (draft.search.trim()) next.set('q', draft.search.trim());
    if (draft.attention) next.set('attention', '1');
    setParams(next);
  };
  const clear = () => {
    setDraft({ status: '', printerId: '', day: '', search: '', attention: false });
    setParams(new URLSearchParams());
  };
  const loadMore = async () => {
    if (!cursor || queries.length !== 1 || !queries[0]) return;
    setLoadingMore(true);
    try {
      const answer = await api.orders({ ...queries[0], cursor });
      setMore({
        key,
        items: [...(extra?.items ?? []), ...answer.items],
        cursor: answer.nextCursor,
        error: null,
      });
    } catch (caught) {
      setMore({ key, items: extra?.items ?? [], cursor, error: caught });
    } finally {
      setLoadingMore(false);
    }
  };
  const filtered = key !== '';

  return (
    <div className="page">
      <PageHeader title={isSupport ? t('orders.titleAll') : t('orders.title')} subtitle={<LiveMark />} />
      <form className="card filters" onSubmit={apply} role="search" aria-label={t('orders.filters')}>
        <TextField
          label={t('orders.search')}
          type="search"
          value={draft.search}
          placeholder={t('orders.searchPlaceholder')}
          onChange={(e) => setDraft({ ...draft, search: e.target.value })}
        />
        <SelectField
          label={t('orders.status')}
          value={draft.status}
          onChange={(e) => setDraft({ ...draft, status: e.target.value })}
        >
          <option value="">{t('orders.allStatuses')}</option>
          <option value="waiting">{t('orders.statusWaiting')}</option>
          <option value="queued">{t('status.queued')}</option>
          <option value="printing">{t('status.printing')}</option>
          <option value="completed">{t('status.completed')}</option>
          <option value="cancelled">{t('status.cancelled')}</option>
          <option value="skipped">{t('status.skipped')}</option>
        </SelectField>
        <SelectField
          label={t('orders.printer')}
          value={draft.printerId}
          onChange={(e) => setDraft({ ...draft, printerId: e.target.value })}
        >
          <option value="">{t('orders.allPrinters')}</option>
          {directory.printers.map((p) => (
            <option key={p.id} value={p.id}>
              {isSupport ? `${directory.tenant(p.tenantId)?.name ?? '?'} · ${p.name}` : p.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('orders.day')}
          type="date"
          value={draft.day}
          onChange={(e) => setDraft({ ...draft, day: e.target.value })}
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.attention}
            onChange={(e) => setDraft({ ...draft, attention: e.target.checked })}
          />
          <span>{t('orders.attentionOnly')}</span>
        </label>
        <div className="filter-actions">
          <button type="submit" className="button primary">
            {t('orders.apply')}
          </button>
          {filtered ? (
            <button type="button" className="button ghost" onClick={clear}>
              {t('orders.clear')}
            </button>
          ) : null}
        </div>
      </form>

      {first.error ? <ErrorNotice error={first.error} onRetry={first.reload} /> : null}
      {!items ? (
        first.error ? null : (
          <Loading />
        )
      ) : items.length === 0 ? (
        <EmptyState title={filtered ? t('orders.noMatch') : t('orders.empty')}>
          <p>{filtered ? t('orders.noMatchBody') : t('orders.emptyBody')}</p>
        </EmptyState>
      ) : (
        <>
          <OrderTable orders={items} directory={directory} showRestaurant={isSupport} />
          {extra?.error ? (
            <p className="notice notice-error" role="alert">
              {describeError(extra.error, t)}
            </p>
          ) : null}
          {cursor ? (
            <p className="center">
              <button
                type="button"
                className="button secondary"
                onClick={() => void loadMore()}
                disabled={loadingMore}
              >
                {loadingMore ? t('common.loading') : t('orders.loadMore')}
              </button>
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}

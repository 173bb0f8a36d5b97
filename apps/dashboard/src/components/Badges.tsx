import type { DeliveryStatus, InboundOutcome, OrderStatus, PrinterView } from '@shared/types';
import { useI18n } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages';

const STATUS_KEYS: Readonly<Record<OrderStatus, MessageKey>> = {
  queued: 'status.queued',
  printing: 'status.printing',
  completed: 'status.completed',
  cancelled: 'status.cancelled',
  skipped: 'status.skipped',
};

export function statusKey(status: OrderStatus): MessageKey {
  return STATUS_KEYS[status];
}

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useI18n();
  return <span className={`badge badge-status-${status}`}>{t(STATUS_KEYS[status])}</span>;
}

export function AttentionBadge() {
  const { t } = useI18n();
  return (
    <span className="badge badge-attention">
      <span aria-hidden="true">⚠ </span>
      {t('status.needsAttention')}
    </span>
  );
}

export type PrinterState = 'online' | 'offline' | 'never';

export function printerState(printer: Pick<PrinterView, 'online' | 'lastPollAt'>): PrinterState {
  if (printer.online) return 'online';
  return printer.lastPollAt === null ? 'never' : 'offline';
}

export function PrinterStatusBadge({ printer }: { printer: Pick<PrinterView, 'online' | 'lastPollAt'> }) {
  const { t } = useI18n();
  const state = printerState(printer);
  const label =
    state === 'online'
      ? t('printer.online')
      : state === 'offline'
        ? t('printer.offline')
        : t('printer.never');
  return (
    <span className={`badge badge-printer-${state}`}>
      <span className="badge-dot" aria-hidden="true" />
      {label}
    </span>
  );
}

const DELIVERY_KEYS: Readonly<Record<DeliveryStatus, MessageKey>> = {
  pending: 'delivery.status.pending',
  delivered: 'delivery.status.delivered',
  failed: 'delivery.status.failed',
};

/** Where one outgoing message (webhook call, status push to a shop) stands. */
export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  const { t } = useI18n();
  return <span className={`badge badge-delivery-${status}`}>{t(DELIVERY_KEYS[status])}</span>;
}

const INBOUND_KEYS: Readonly<Record<InboundOutcome, MessageKey>> = {
  created: 'inbound.outcome.created',
  duplicate: 'inbound.outcome.duplicate',
  skipped: 'inbound.outcome.skipped',
  ignored: 'inbound.outcome.ignored',
  ping: 'inbound.outcome.ping',
  rejected: 'inbound.outcome.rejected',
};

/** What the bridge did with one call from a shop. */
export function InboundOutcomeBadge({ outcome }: { outcome: InboundOutcome }) {
  const { t } = useI18n();
  return <span className={`badge badge-inbound-${outcome}`}>{t(INBOUND_KEYS[outcome])}</span>;
}

/** Enabled / disabled, for webhook endpoints and shop connections. */
export function EnabledBadge({ enabled }: { enabled: boolean }) {
  const { t } = useI18n();
  return (
    <span className={`badge ${enabled ? 'badge-enabled' : 'badge-disabled'}`}>
      <span className="badge-dot" aria-hidden="true" />
      {enabled ? t('integration.enabled') : t('integration.disabled')}
    </span>
  );
}

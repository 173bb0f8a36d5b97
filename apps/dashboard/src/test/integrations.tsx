// Fixtures for the shop, webhook and delivery pages: API answers shaped like `@shared/types`, and the
// whole app's routes around a page so links, redirects and the layout behave as in the browser.
import type {
  DeliveryDetail,
  DeliveryView,
  InboundDeliveryView,
  LocaleCode,
  PrinterView,
  ShopConnectionView,
  WebhookEndpointView,
} from '@shared/types';
import { render, type RenderResult } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { AppRoutes } from '../App';
import { ToastProvider } from '../components/Toasts';
import { I18nProvider } from '../i18n/I18nProvider';
import { SessionProvider } from '../session/SessionProvider';

export function connectionView(overrides: Partial<ShopConnectionView> = {}): ShopConnectionView {
  return {
    id: 'c1',
    tenantId: 't1',
    platform: 'woocommerce',
    name: 'Web shop',
    siteUrl: 'https://shop.example',
    webhookUrl: 'http://bridge.test/hooks/woocommerce/c1',
    printerId: null,
    enabled: true,
    disabledReason: null,
    poll: false,
    statusMap: null,
    pickupMethods: null,
    credentialHints: { consumerKey: 'ck_…1a2b', consumerSecret: 'cs_…9f8e' },
    health: {
      lastOrderAt: null,
      lastPushAt: null,
      lastPollAt: null,
      lastFailureAt: null,
      lastError: null,
      consecutiveFailures: 0,
      pendingPushes: 0,
      failedPushes: 0,
    },
    lastPayload: null,
    createdAt: '2026-11-29T10:00:00.000Z',
    ...overrides,
  };
}

export function endpointView(overrides: Partial<WebhookEndpointView> = {}): WebhookEndpointView {
  return {
    id: 'w1',
    tenantId: 't1',
    url: 'https://erp.example/hooks/goodcom',
    description: 'ERP',
    events: null,
    enabled: true,
    disabledReason: null,
    consecutiveFailures: 0,
    failingSince: null,
    lastSuccessAt: null,
    lastFailureAt: null,
    pendingDeliveries: 0,
    createdAt: '2026-11-29T10:00:00.000Z',
    ...overrides,
  };
}

export function deliveryView(overrides: Partial<DeliveryView> = {}): DeliveryView {
  return {
    id: 7,
    channel: 'webhook',
    targetId: 'w1',
    orderId: null,
    event: 'ping',
    status: 'delivered',
    attempts: 1,
    nextAttemptAt: null,
    lastAttemptAt: '2026-11-29T10:05:00.000Z',
    lastStatusCode: 200,
    lastError: null,
    createdAt: '2026-11-29T10:05:00.000Z',
    deliveredAt: '2026-11-29T10:05:00.000Z',
    ...overrides,
  };
}

export function deliveryDetail(overrides: Partial<DeliveryDetail> = {}): DeliveryDetail {
  return {
    ...deliveryView(),
    payload: { id: 'evt_ping_1', type: 'ping', createdAt: '2026-11-29T10:05:00.000Z' },
    log: [],
    ...overrides,
  };
}

export function inboundView(overrides: Partial<InboundDeliveryView> = {}): InboundDeliveryView {
  return {
    id: 1,
    deliveryId: 'd-1',
    shopOrderId: '1001',
    orderId: 'o1',
    outcome: 'created',
    detail: null,
    receivedAt: '2026-11-29T10:01:00.000Z',
    ...overrides,
  };
}

export function printerStub(id: string, name: string): PrinterView {
  return {
    id,
    tenantId: 't1',
    name,
    pollUrl: null,
    callbackUrl: null,
    device: { resId: '1', username: 'u', password: 'p', pollIntervalSeconds: 10 },
    settings: {
      textPolicy: 'utf8',
      newlineToken: '%%',
      currencyPrefix: '',
      timeZone: null,
      pollIntervalSeconds: 10,
      unansweredLimitSeconds: 300,
    },
    isDefault: id === 'p1',
    online: true,
    offlineSince: null,
    lastPollAt: null,
    lastCallbackAt: null,
    servingOrderId: null,
    queueDepth: 0,
    createdAt: '2026-11-29T10:00:00.000Z',
  };
}

/** The app's own routes (guard, layout, pages) at `path`, with every provider. */
export function renderApp(path: string, locale: LocaleCode = 'en'): RenderResult {
  return render(
    <I18nProvider locale={locale}>
      <ToastProvider>
        <SessionProvider>
          <MemoryRouter initialEntries={[path]}>
            <AppRoutes />
          </MemoryRouter>
        </SessionProvider>
      </ToastProvider>
    </I18nProvider>,
  );
}

export function setClipboard(writeText: (text: string) => Promise<void>): void {
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  Object.defineProperty(window, 'isSecureContext', { value: true, configurable: true });
}

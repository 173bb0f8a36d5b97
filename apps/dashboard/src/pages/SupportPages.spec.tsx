import type { LocaleCode, OrderSummary, PrinterView, TenantView } from '@shared/types';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { connectionView, endpointView, printerStub, renderApp } from '../test/integrations';
import { apiError, type FakeCall, fakeApi, type Handler, signedInAs } from '../test/render';

const lenta: TenantView = {
  id: 't2',
  name: 'Trattoria Lenta',
  timeZone: 'UTC',
  locale: 'it',
  intakeRule: 'all',
  cashPaymentMethods: ['cash'],
  createdAt: '2026-11-01T10:00:00.000Z',
};

const pass: PrinterView = { ...printerStub('p9', 'Pass'), tenantId: 't2' };

const order: OrderSummary = {
  id: 'o9',
  tenantId: 't2',
  number: 7001,
  externalId: 'lenta-7001',
  status: 'completed',
  needsAttention: false,
  printerId: 'p9',
  type: 'pickup',
  currency: 'EUR',
  total: '11.00',
  paymentMethod: 'cash',
  paid: false,
  customerName: 'Paolo Bianchi',
  requestedAt: null,
  receivedAt: '2026-11-29T09:50:00.000Z',
  serveCount: 1,
  firstServedAt: '2026-11-29T09:50:01.000Z',
  lastServedAt: '2026-11-29T09:50:01.000Z',
  answeredAt: '2026-11-29T09:51:00.000Z',
  updatedAt: '2026-11-29T09:51:00.000Z',
};

const healthyShop = connectionView({
  id: 'c9',
  tenantId: 't2',
  name: 'Lenta web shop',
  health: {
    ...connectionView().health,
    lastOrderAt: '2026-11-29T09:00:00.000Z',
    lastPushAt: '2026-11-29T09:30:00.000Z',
    pendingPushes: 1,
  },
});

const stoppedShop = connectionView({
  id: 'c10',
  tenantId: 't2',
  platform: 'framework360',
  name: 'Lenta F360',
  siteUrl: 'https://api.f360.example',
  disabledReason: 'The shop answered 401 for 24 hours',
  health: {
    ...connectionView().health,
    lastFailureAt: '2026-11-29T09:45:00.000Z',
    lastError: 'HTTP 401: invalid api key',
    consecutiveFailures: 3,
  },
});

const erp = endpointView({
  id: 'w9',
  tenantId: 't2',
  url: 'https://erp.example/hooks/lenta',
  description: 'Lenta ERP',
  events: ['order.completed', 'order.cancelled'],
  consecutiveFailures: 2,
  pendingDeliveries: 3,
  lastSuccessAt: '2026-11-29T09:40:00.000Z',
});

const gone = endpointView({
  id: 'w10',
  tenantId: 't2',
  url: 'https://old.example/goodcom',
  description: '',
  enabled: false,
  disabledReason: 'The endpoint answered 410 Gone',
});

const list = (items: unknown[]) => () => ({ status: 200, body: { items } });

/** The support console's API for Trattoria Lenta; `overrides` replace single routes. */
function supportApi(overrides: Record<string, Handler> = {}, locale: LocaleCode = 'en'): FakeCall[] {
  const calls = fakeApi({
    ...signedInAs('support'),
    'GET /api/v1/tenants/t2': () => ({ status: 200, body: { ...lenta, locale } }),
    'GET /api/v1/printers': list([pass]),
    'GET /api/v1/orders': () => ({ status: 200, body: { items: [order], nextCursor: null } }),
    'GET /api/v1/connections': list([healthyShop, stoppedShop]),
    'GET /api/v1/webhooks': list([erp, gone]),
    ...overrides,
  });
  return calls;
}

const region = (name: string) => screen.getByRole('region', { name });

describe('SupportTenantPage: shops and webhooks', () => {
  afterEach(() => jest.useRealTimers());

  it('shows the restaurant’s shops with their health, read-only, asked for by its id', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-29T10:00:00.000Z') });
    const calls = supportApi();
    renderApp('/support/restaurants/t2');
    await screen.findByRole('heading', { name: 'Trattoria Lenta', level: 1 });
    const cards = await within(region('Shops')).findAllByTestId('connection');
    expect(cards).toHaveLength(2);

    const healthy = within(cards[0]!);
    expect(healthy.getByRole('heading', { name: 'Lenta web shop' })).toBeTruthy();
    expect(healthy.getByText('WooCommerce')).toBeTruthy();
    expect(healthy.getByText('Enabled')).toBeTruthy();
    expect(healthy.getByText('1 hour ago')).toBeTruthy();
    expect(healthy.getByText('30 minutes ago')).toBeTruthy();
    expect(cards[0]!.className).not.toContain('is-stale');

    const stopped = within(cards[1]!);
    expect(stopped.getByText('Framework360')).toBeTruthy();
    expect(stopped.getByText('Stopped by the bridge: The shop answered 401 for 24 hours')).toBeTruthy();
    expect(stopped.getByText(/3 status updates to the shop failed in a row\./)).toBeTruthy();
    expect(stopped.getByText('Last error (09:45): HTTP 401: invalid api key')).toBeTruthy();
    expect(stopped.getByText('No orders yet')).toBeTruthy();
    expect(cards[1]!.className).toContain('is-stale');

    // Nothing to press and no way into the owner-only shop pages.
    expect(within(region('Shops')).queryAllByRole('link')).toHaveLength(0);
    expect(within(region('Shops')).queryAllByRole('button')).toHaveLength(0);

    expect(calls.map((call) => call.url)).toContain('/api/v1/connections?tenantId=t2');
    expect(calls.some((call) => call.url === '/api/v1/connections')).toBe(false);
    expect(calls.every((call) => call.method === 'GET')).toBe(true);

    // Kept fresh like the rest of the page.
    const loads = () => calls.filter((call) => call.url === '/api/v1/connections?tenantId=t2').length;
    const before = loads();
    await act(() => jest.advanceTimersByTimeAsync(5000));
    expect(loads()).toBe(before + 1);
  });

  it('shows the restaurant’s webhook endpoints with events, state, failures and waiting deliveries, read-only', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-29T10:00:00.000Z') });
    const calls = supportApi();
    renderApp('/support/restaurants/t2');
    const items = await within(await screen.findByRole('region', { name: 'Webhooks' })).findAllByTestId(
      'webhook-endpoint',
    );
    expect(items).toHaveLength(2);

    const active = within(items[0]!);
    expect(active.getByText('https://erp.example/hooks/lenta')).toBeTruthy();
    expect(active.getByText('Lenta ERP')).toBeTruthy();
    expect(active.getByText('Enabled')).toBeTruthy();
    expect(active.getByText('order.completed, order.cancelled')).toBeTruthy();
    expect(active.getByText('Failures in a row').nextElementSibling?.textContent).toBe('2');
    expect(active.getByText('Waiting').nextElementSibling?.textContent).toBe('3');
    expect(active.getByText('20 minutes ago')).toBeTruthy();

    const stopped = within(items[1]!);
    expect(stopped.getByText('Disabled')).toBeTruthy();
    expect(stopped.getByText('Stopped by the bridge: The endpoint answered 410 Gone')).toBeTruthy();
    expect(stopped.getByText('All events')).toBeTruthy();

    expect(within(region('Webhooks')).queryAllByRole('link')).toHaveLength(0);
    expect(within(region('Webhooks')).queryAllByRole('button')).toHaveLength(0);
    expect(calls.map((call) => call.url)).toContain('/api/v1/webhooks?tenantId=t2');
    expect(calls.some((call) => call.url === '/api/v1/webhooks')).toBe(false);
  });

  it('lists only the restaurant’s printers, asked for by its id, and names them in its orders', async () => {
    const calls = supportApi();
    renderApp('/support/restaurants/t2');
    expect(await screen.findByRole('heading', { name: 'Pass' })).toBeTruthy();
    const row = (await screen.findByText('Paolo Bianchi')).closest('tr')!;
    expect(within(row).getByText('Pass')).toBeTruthy();
    expect(calls.map((call) => call.url)).toContain('/api/v1/printers?tenantId=t2');
    // The whole directory of every restaurant's printers is no longer loaded for this page.
    expect(calls.some((call) => call.url === '/api/v1/printers')).toBe(false);
  });

  it.each([
    {
      locale: 'en' as const,
      shops: 'Shops',
      webhooks: 'Webhooks',
      noShop: 'No shop connected yet',
      noEndpoint: 'No webhook endpoint yet',
      noPrinter: 'No printers yet',
    },
    {
      locale: 'it' as const,
      shops: 'Negozi',
      webhooks: 'Webhook',
      noShop: 'Nessun negozio collegato',
      noEndpoint: 'Ancora nessun endpoint webhook',
      noPrinter: 'Ancora nessuna stampante',
    },
    {
      locale: 'es' as const,
      shops: 'Tiendas',
      webhooks: 'Webhooks',
      noShop: 'Ninguna tienda conectada',
      noEndpoint: 'Aún no hay endpoints de webhook',
      noPrinter: 'Aún no hay impresoras',
    },
  ])(
    '$locale: says when the restaurant has no shop, webhook or printer, without inviting to add one',
    async ({ locale, shops, webhooks, noShop, noEndpoint, noPrinter }) => {
      supportApi(
        {
          'GET /api/v1/printers': list([]),
          'GET /api/v1/connections': list([]),
          'GET /api/v1/webhooks': list([]),
        },
        locale,
      );
      renderApp('/support/restaurants/t2', locale);
      expect(
        await within(await screen.findByRole('region', { name: shops })).findByRole('heading', {
          name: noShop,
        }),
      ).toBeTruthy();
      expect(await within(region(webhooks)).findByRole('heading', { name: noEndpoint })).toBeTruthy();
      expect(await screen.findByRole('heading', { name: noPrinter })).toBeTruthy();
      expect(within(region(shops)).queryAllByRole('link')).toHaveLength(0);
      expect(within(region(webhooks)).queryAllByRole('link')).toHaveLength(0);
    },
  );

  it('shows a failed load beside the other list and tries again with the restaurant id', async () => {
    let failing = true;
    const calls = supportApi({
      'GET /api/v1/connections': () =>
        failing ? apiError(500, 'internal', 'boom') : { status: 200, body: { items: [healthyShop] } },
    });
    renderApp('/support/restaurants/t2');
    const shops = await screen.findByRole('region', { name: 'Shops' });
    expect(await within(shops).findByRole('alert')).toBeTruthy();
    expect(await within(region('Webhooks')).findAllByTestId('webhook-endpoint')).toHaveLength(2);

    failing = false;
    fireEvent.click(within(shops).getByRole('button', { name: 'Try again' }));
    expect(await within(shops).findByRole('heading', { name: 'Lenta web shop' })).toBeTruthy();
    expect(within(shops).queryByRole('alert')).toBeNull();
    expect(
      calls.filter((call) => call.url.startsWith('/api/v1/connections')).map((call) => call.url),
    ).toEqual(expect.arrayContaining(['/api/v1/connections?tenantId=t2']));
    expect(calls.some((call) => call.url === '/api/v1/connections')).toBe(false);
  });
});

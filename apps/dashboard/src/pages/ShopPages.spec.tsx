import type { ShopConnectionView } from '@shared/types';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  connectionView,
  deliveryView,
  inboundView,
  printerStub,
  renderApp,
  setClipboard,
} from '../test/integrations';
import { apiError, fakeApi, signedInAs } from '../test/render';
import { errorStillCurrent } from './ShopPages';

function fill(label: string | RegExp, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

const printers = () => ({
  status: 200,
  body: { items: [printerStub('p1', 'Kitchen'), printerStub('p2', 'Bar')] },
});

const failing = connectionView({
  id: 'c2',
  name: 'Old shop',
  enabled: true,
  disabledReason: 'The shop answered 401 for 24 hours',
  health: {
    lastOrderAt: '2026-11-29T09:00:00.000Z',
    lastPushAt: '2026-11-29T09:30:00.000Z',
    lastPollAt: null,
    lastFailureAt: '2026-11-29T09:45:00.000Z',
    lastError: 'HTTP 401: woocommerce_rest_cannot_edit',
    consecutiveFailures: 3,
    pendingPushes: 2,
    failedPushes: 1,
  },
});

describe('errorStillCurrent', () => {
  const health = connectionView().health;
  const refused = {
    ...health,
    lastError: 'Refused a delivery: invalid signature',
    lastFailureAt: '2026-11-29T10:00:00.000Z',
  };

  it('keeps an error on screen while nothing has worked since it happened', () => {
    expect(errorStillCurrent(refused)).toBe(true);
    expect(errorStillCurrent({ ...refused, lastOrderAt: '2026-11-29T09:00:00.000Z' })).toBe(true);
  });

  it('lets it go once an order came in or a status went out after it', () => {
    expect(errorStillCurrent({ ...refused, lastOrderAt: '2026-11-29T10:01:00.000Z' })).toBe(false);
    expect(errorStillCurrent({ ...refused, lastPushAt: '2026-11-29T10:01:00.000Z' })).toBe(false);
    expect(errorStillCurrent(health)).toBe(false);
  });

  it('keeps it while status pushes are failing, whatever came in since', () => {
    expect(
      errorStillCurrent({ ...refused, lastOrderAt: '2026-11-29T10:01:00.000Z', consecutiveFailures: 1 }),
    ).toBe(true);
  });
});

describe('ShopsPage', () => {
  afterEach(() => jest.useRealTimers());

  it('lists each shop with its health at a glance and keeps it fresh every 5 s', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-29T10:00:00.000Z') });
    const calls = fakeApi({
      ...signedInAs('owner', 'UTC'),
      'GET /api/v1/connections': () => ({ status: 200, body: { items: [connectionView(), failing] } }),
    });
    renderApp('/integrations/shops');
    const cards = await screen.findAllByTestId('connection');
    expect(cards).toHaveLength(2);

    const fresh = within(cards[0]!);
    expect(fresh.getByRole('link', { name: 'Web shop' }).getAttribute('href')).toBe('/integrations/shops/c1');
    expect(fresh.getByText('WooCommerce')).toBeTruthy();
    expect(fresh.getByText('No orders yet')).toBeTruthy();
    expect(fresh.getByText('Nothing sent yet')).toBeTruthy();
    expect(fresh.queryByText(/Stopped by the bridge/)).toBeNull();

    const broken = within(cards[1]!);
    expect(broken.getByText('Stopped by the bridge: The shop answered 401 for 24 hours')).toBeTruthy();
    expect(broken.getByText(/3 status updates to the shop failed in a row\./)).toBeTruthy();
    expect(broken.getByText(/1 update was given up after retrying for a day\./)).toBeTruthy();
    expect(broken.getByText('Last error (09:45): HTTP 401: woocommerce_rest_cannot_edit')).toBeTruthy();
    expect(broken.getByText('1 hour ago')).toBeTruthy();
    expect(broken.getByText('30 minutes ago')).toBeTruthy();
    expect(cards[1]!.className).toContain('is-stale');

    // The tabs say where we are.
    expect(screen.getByRole('link', { name: 'Shops' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: 'Connect a store' }).getAttribute('href')).toBe(
      '/integrations/shops/new',
    );

    const loads = () => calls.filter((call) => call.url === '/api/v1/connections').length;
    const before = loads();
    await act(() => jest.advanceTimersByTimeAsync(5000));
    expect(loads()).toBe(before + 1);
  });

  it('invites to connect a first store when there is none, in Italian', async () => {
    fakeApi({
      ...signedInAs('owner'),
      'GET /api/v1/connections': () => ({ status: 200, body: { items: [] } }),
    });
    renderApp('/integrations/shops', 'it');
    expect(await screen.findByRole('heading', { name: 'Nessun negozio collegato' })).toBeTruthy();
    expect(screen.getAllByRole('link', { name: 'Collega un negozio' })).toHaveLength(2);
  });

  it('tells staff that only the owner manages shops, without asking the API', async () => {
    const calls = fakeApi(signedInAs('staff'));
    renderApp('/integrations/shops');
    expect(
      await screen.findByText(/Only the restaurant owner can see and change connected shops/),
    ).toBeTruthy();
    expect(calls.some((call) => call.url.startsWith('/api/v1/connections'))).toBe(false);
  });
});

describe('Connect a store', () => {
  afterEach(() => {
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
  });

  it('WooCommerce: checks the form, sends it, then shows the webhook URL and secret once with the steps', async () => {
    const writeText = jest.fn(() => Promise.resolve());
    setClipboard(writeText);
    const calls = fakeApi({
      ...signedInAs('owner'),
      'GET /api/v1/printers': printers,
      'POST /api/v1/connections': (call) => ({
        status: 201,
        body: {
          ...connectionView({ id: 'c9', name: (call.body as { name: string }).name }),
          webhookUrl: 'http://bridge.test/hooks/woocommerce/c9',
          webhookSecret: 'whsec_shop_secret_123',
        },
      }),
    });
    renderApp('/integrations/shops/new');
    await screen.findByRole('heading', { name: 'Connect a store' });
    expect(screen.getByRole<HTMLInputElement>('radio', { name: /WooCommerce/ }).checked).toBe(true);

    // Empty, then swapped keys: caught before anything is sent.
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect(screen.getAllByText('This field is required.')).toHaveLength(4);
    fill('Name', 'Web shop');
    fill('Store address (site URL)', 'shop.example');
    fill('Consumer key', 'cs_abc');
    fill('Consumer secret', 'ck_abc');
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect(screen.getByText('Enter a full address starting with https://')).toBeTruthy();
    expect(screen.getByText(/A WooCommerce consumer key starts with ck_/)).toBeTruthy();
    expect(screen.getByLabelText('Consumer key').getAttribute('aria-invalid')).toBe('true');
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0);

    fill('Store address (site URL)', ' https://shop.example ');
    fill('Consumer key', 'ck_1234567890');
    fill('Consumer secret', 'cs_0987654321');
    await waitFor(() => expect(screen.getByRole('option', { name: 'Bar' })).toBeTruthy());
    fireEvent.change(screen.getByLabelText('Printer for this shop’s orders'), { target: { value: 'p2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));

    const secretBox = await screen.findByTestId('shop-secret-once');
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      platform: 'woocommerce',
      name: 'Web shop',
      siteUrl: 'https://shop.example',
      consumerKey: 'ck_1234567890',
      consumerSecret: 'cs_0987654321',
      printerId: 'p2',
    });
    const heading = within(secretBox).getByRole('heading', { name: /“Web shop” is connected/ });
    expect(document.activeElement).toBe(heading);
    expect(within(secretBox).getByText(/It is shown only once/)).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('Delivery URL').value).toBe(
      'http://bridge.test/hooks/woocommerce/c9',
    );
    expect(screen.getByLabelText<HTMLInputElement>('Secret').value).toBe('whsec_shop_secret_123');

    const steps = screen.getByTestId('woocommerce-steps').textContent ?? '';
    for (const part of [
      'WooCommerce → Settings → Advanced → Webhooks',
      'Status: Active',
      'Topic: Order created',
      'Delivery URL',
      'Secret',
      'WP REST API Integration v3',
    ]) {
      expect(steps).toContain(part);
    }

    fireEvent.click(screen.getByRole('button', { name: 'Copy: Secret' }));
    await screen.findByText('Secret copied to the clipboard');
    expect(writeText).toHaveBeenCalledWith('whsec_shop_secret_123');
    expect(screen.getByText('Secret copied to the clipboard').getAttribute('aria-live')).toBe('polite');
    expect(screen.getByRole('link', { name: 'Done: open the connection' }).getAttribute('href')).toBe(
      '/integrations/shops/c9',
    );
  });

  it('shows the API’s own problem next to the field it names, and keeps the form', async () => {
    fakeApi({
      ...signedInAs('owner'),
      'GET /api/v1/printers': printers,
      'POST /api/v1/connections': () =>
        apiError(400, 'validation_failed', 'siteUrl points to a private address', [
          { field: 'siteUrl', problems: ['siteUrl points to a private address'] },
        ]),
    });
    renderApp('/integrations/shops/new');
    await screen.findByRole('heading', { name: 'Connect a store' });
    fill('Name', 'Web shop');
    fill('Store address (site URL)', 'http://192.168.1.10');
    fill('Consumer key', 'ck_1');
    fill('Consumer secret', 'cs_1');
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      'siteUrl points to a private address',
    );
    expect(screen.getByLabelText('Store address (site URL)').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText<HTMLInputElement>('Name').value).toBe('Web shop');
    expect(screen.queryByTestId('shop-secret-once')).toBeNull();
  });

  it('Framework360: sends the API key and polling choice, then maps the shop’s statuses', async () => {
    let saved: ShopConnectionView | null = null;
    const calls = fakeApi({
      ...signedInAs('owner'),
      'GET /api/v1/printers': printers,
      'POST /api/v1/connections': () => ({
        status: 201,
        body: {
          ...connectionView({
            id: 'c5',
            platform: 'framework360',
            name: 'F360 shop',
            poll: true,
            webhookUrl: 'http://bridge.test/hooks/framework360/c5/sec',
          }),
          webhookSecret: 'sec',
        },
      }),
      'GET /api/v1/connections/c5/statuses': () => ({
        status: 200,
        body: {
          items: [
            { id: '1', name: 'In attesa' },
            { id: '5', name: 'Completato' },
            { id: '7', name: 'Spedito' },
            { id: '9', name: 'Annullato' },
          ],
        },
      }),
      'PATCH /api/v1/connections/c5': (call) => {
        saved = connectionView({ id: 'c5', platform: 'framework360', ...(call.body as object) });
        return { status: 200, body: saved };
      },
    });
    renderApp('/integrations/shops/new');
    await screen.findByRole('heading', { name: 'Connect a store' });
    fireEvent.click(screen.getByRole('radio', { name: /Framework360/ }));
    expect(screen.queryByLabelText('Consumer key')).toBeNull();
    fill('Name', 'F360 shop');
    fill('API base URL', 'https://shop.example/m/api/');
    fill('API key', 'fw-key-1');
    fireEvent.click(screen.getByRole('checkbox', { name: /Check the shop for new orders every 30 seconds/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /Check the shop for new orders every 30 seconds/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));

    const title = await screen.findByRole('heading', {
      name: 'Which shop statuses mean accepted and rejected?',
    });
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      platform: 'framework360',
      name: 'F360 shop',
      siteUrl: 'https://shop.example/m/api/',
      apiKey: 'fw-key-1',
      poll: true,
    });
    expect(document.activeElement).toBe(title);

    // A first guess from the names, which the owner can change.
    const completed = await screen.findByLabelText<HTMLSelectElement>('Accepted on the printer');
    expect(completed.value).toBe('5');
    expect(screen.getByLabelText<HTMLSelectElement>('Rejected on the printer').value).toBe('9');
    fireEvent.change(completed, { target: { value: '7' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save statuses' }));
    await screen.findByText('Saved. Open the connection to follow the first orders.');
    expect(calls.find((call) => call.method === 'PATCH')?.body).toEqual({
      statusMap: { completed: '7', cancelled: '9' },
    });
    expect(saved).not.toBeNull();

    // The push alternative, once.
    expect(screen.getByLabelText<HTMLInputElement>('Webhook URL').value).toBe(
      'http://bridge.test/hooks/framework360/c5/sec',
    );
    expect(screen.getByText(/already checks the shop for new orders every 30 seconds/)).toBeTruthy();
  });

  it('Framework360: says so when the shop cannot list its statuses, and tries again', async () => {
    let answers = 0;
    fakeApi({
      ...signedInAs('owner'),
      'GET /api/v1/printers': printers,
      'POST /api/v1/connections': () => ({
        status: 201,
        body: { ...connectionView({ id: 'c5', platform: 'framework360', poll: true }), webhookSecret: 's' },
      }),
      'GET /api/v1/connections/c5/statuses': () =>
        ++answers === 1
          ? apiError(502, 'shop_unavailable', 'The shop answered 403')
          : { status: 200, body: { items: [{ id: '2', name: 'Evaso' }] } },
    });
    renderApp('/integrations/shops/new');
    await screen.findByRole('heading', { name: 'Connect a store' });
    fireEvent.click(screen.getByRole('radio', { name: /Framework360/ }));
    fill('Name', 'F360');
    fill('API base URL', 'https://shop.example/m/api/');
    fill('API key', 'k');
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    expect(await screen.findByText(/The shop’s statuses could not be read/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect((await screen.findByLabelText<HTMLSelectElement>('Accepted on the printer')).value).toBe('2');
  });
});

describe('Connection detail', () => {
  afterEach(() => jest.useRealTimers());

  function detailApi(overrides: Partial<ShopConnectionView> = {}) {
    let view = connectionView({
      health: {
        lastOrderAt: '2026-11-29T09:50:00.000Z',
        lastPushAt: null,
        lastPollAt: null,
        lastFailureAt: '2026-11-29T09:55:00.000Z',
        lastError: 'HTTP 500: Internal Server Error',
        consecutiveFailures: 2,
        pendingPushes: 1,
        failedPushes: 0,
      },
      ...overrides,
    });
    let pushes = [
      deliveryView({
        id: 31,
        channel: 'woocommerce',
        targetId: 'c1',
        orderId: 'o1',
        event: 'status.completed',
        status: 'pending',
        attempts: 2,
        lastStatusCode: 500,
        lastError: 'Internal Server Error',
        nextAttemptAt: '2026-11-29T10:10:00.000Z',
        deliveredAt: null,
      }),
      deliveryView({ id: 30, channel: 'woocommerce', targetId: 'c1', event: 'status.cancelled' }),
    ];
    const calls = fakeApi({
      ...signedInAs('owner', 'UTC'),
      'GET /api/v1/printers': printers,
      'GET /api/v1/connections/c1': () => ({ status: 200, body: view }),
      'GET /api/v1/connections/c1/inbound': () => ({
        status: 200,
        body: {
          items: [
            inboundView({ id: 6, outcome: 'created', shopOrderId: '1006', orderId: 'o6' }),
            inboundView({ id: 5, outcome: 'duplicate', shopOrderId: '1006', orderId: 'o6' }),
            inboundView({ id: 4, outcome: 'skipped', shopOrderId: '1004', orderId: 'o4' }),
            inboundView({
              id: 3,
              outcome: 'ignored',
              shopOrderId: '1003',
              orderId: null,
              detail: 'draft order',
            }),
            inboundView({ id: 2, outcome: 'ping', shopOrderId: null, orderId: null }),
            inboundView({
              id: 1,
              outcome: 'rejected',
              shopOrderId: '1001',
              orderId: null,
              detail: 'items: empty',
            }),
          ],
        },
      }),
      'GET /api/v1/connections/c1/deliveries': () => ({ status: 200, body: { items: pushes } }),
      'POST /api/v1/deliveries/31/redeliver': () => {
        pushes = [{ ...pushes[0]!, status: 'delivered', lastStatusCode: 200, lastError: null }, pushes[1]!];
        return { status: 200, body: pushes[0] };
      },
      'PATCH /api/v1/connections/c1': (call) => {
        view = { ...view, ...(call.body as object) };
        return { status: 200, body: view };
      },
      'POST /api/v1/connections/c1/rotate-secret': () => ({
        status: 200,
        body: { ...view, webhookSecret: 'whsec_rotated_456' },
      }),
      'DELETE /api/v1/connections/c1': () => ({ status: 204 }),
      'GET /api/v1/connections': () => ({ status: 200, body: { items: [] } }),
    });
    return calls;
  }

  it('shows health, what the shop sent (every outcome) and the status pushes with "Retry now"', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-29T10:00:00.000Z'), advanceTimers: true });
    const calls = detailApi();
    renderApp('/integrations/shops/c1');
    await screen.findByRole('heading', { name: 'Web shop', level: 1 });

    const health = screen.getByTestId('connection-health');
    expect(within(health).getByText('· 10 minutes ago')).toBeTruthy();
    expect(within(health).getByText('Nothing sent yet')).toBeTruthy();
    expect(screen.getByText(/2 status updates to the shop failed in a row\./)).toBeTruthy();
    expect(screen.getByTestId('connection-last-error').textContent).toBe(
      'Last error (09:55): HTTP 500: Internal Server Error',
    );

    const inbound = await screen.findByTestId('inbound');
    for (const label of [
      'Printed',
      'Already received',
      'Not printed (rule)',
      'Ignored',
      'Test call',
      'Refused',
    ]) {
      expect(within(inbound).getByText(label)).toBeTruthy();
    }
    expect(within(inbound).getByText('items: empty')).toBeTruthy();
    expect(within(inbound).getAllByRole('link', { name: '1006' })[0]!.getAttribute('href')).toBe(
      '/orders/o6',
    );

    const pushes = await screen.findByTestId('connection-pushes');
    const rows = within(pushes).getAllByRole('row').slice(1);
    expect(within(rows[0]!).getByText('Waiting')).toBeTruthy();
    expect(within(rows[0]!).getByText('HTTP 500 · Internal Server Error')).toBeTruthy();
    expect(within(rows[0]!).getByText('in 10 minutes')).toBeTruthy();
    expect(within(rows[1]!).getByText('Delivered')).toBeTruthy();
    // A delivered push has nothing to retry.
    expect(within(rows[1]!).queryByRole('button', { name: 'Retry now' })).toBeNull();
    expect(within(rows[0]!).getByRole('link', { name: 'Details of delivery 31' }).getAttribute('href')).toBe(
      '/integrations/deliveries/31',
    );

    fireEvent.click(within(rows[0]!).getByRole('button', { name: 'Retry now' }));
    await screen.findByText('Delivery 31 will be sent again in a moment.');
    expect(
      calls.some((call) => call.method === 'POST' && call.url === '/api/v1/deliveries/31/redeliver'),
    ).toBe(true);
    await waitFor(() =>
      expect(within(screen.getByTestId('connection-pushes')).getAllByText('Delivered')).toHaveLength(2),
    );
  });

  it('disables and enables, makes a new secret shown once, and disconnects after asking', async () => {
    const calls = detailApi();
    renderApp('/integrations/shops/c1');
    await screen.findByRole('heading', { name: 'Web shop', level: 1 });

    fireEvent.click(screen.getByRole('button', { name: 'Disable' }));
    await screen.findByText('Connection disabled.');
    expect(calls.filter((call) => call.method === 'PATCH').map((call) => call.body)).toEqual([
      { enabled: false },
    ]);
    expect(screen.getByText(/This connection is disabled/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Enable' }));
    await screen.findByText('Connection enabled.');

    // New secret: asks first, then shows it once and moves focus to it.
    const rotate = screen.getByRole('button', { name: 'New secret' });
    rotate.focus();
    fireEvent.click(rotate);
    const dialog = screen.getByRole('dialog', { name: 'Make a new secret for “Web shop”?' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Go back' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'New secret' }));
    const box = await screen.findByTestId('shop-secret-once');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(within(box).getByRole('heading', { name: 'New secret' }));
    expect(within(box).getByLabelText<HTMLInputElement>('Secret').value).toBe('whsec_rotated_456');
    fireEvent.click(within(box).getByRole('button', { name: 'I have stored it' }));
    expect(screen.queryByTestId('shop-secret-once')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Manage' }));

    // Disconnect: "Go back" keeps it, confirming deletes and returns to the list.
    fireEvent.click(screen.getByRole('button', { name: 'Disconnect' }));
    fireEvent.click(screen.getByRole('button', { name: 'Go back' }));
    expect(calls.some((call) => call.method === 'DELETE')).toBe(false);
    fireEvent.click(screen.getByRole('button', { name: 'Disconnect' }));
    fireEvent.click(
      within(screen.getByRole('dialog', { name: 'Disconnect “Web shop”?' })).getByRole('button', {
        name: 'Disconnect',
      }),
    );
    await screen.findByRole('heading', { name: 'Connected shops' });
    expect(calls.some((call) => call.method === 'DELETE' && call.url === '/api/v1/connections/c1')).toBe(
      true,
    );
    expect(screen.getByText('“Web shop” disconnected.')).toBeTruthy();
  });

  it('Framework360: warns while the statuses are not chosen and names the chosen ones', async () => {
    const calls = fakeApi({
      ...signedInAs('owner'),
      'GET /api/v1/printers': printers,
      'GET /api/v1/connections/c3': () => ({
        status: 200,
        body: connectionView({
          id: 'c3',
          platform: 'framework360',
          poll: true,
          statusMap: { completed: '5', cancelled: null },
          webhookUrl: 'http://bridge.test/hooks/framework360/c3/…',
          lastPayload: '{"id":"77","key":"[redacted]"}',
        }),
      }),
      'POST /api/v1/connections/c3/poll': () => ({ status: 200, body: { imported: 2, duplicates: 0 } }),
      'GET /api/v1/connections/c3/inbound': () => ({ status: 200, body: { items: [] } }),
      'GET /api/v1/connections/c3/deliveries': () => ({ status: 200, body: { items: [] } }),
      'GET /api/v1/connections/c3/statuses': () => ({
        status: 200,
        body: { items: [{ id: '5', name: 'Completato' }] },
      }),
    });
    renderApp('/integrations/shops/c3');
    expect(await screen.findByText(/Choose the shop statuses for accepted and rejected orders/)).toBeTruthy();
    const mapped = screen.getByTestId('mapped-statuses');
    await within(mapped).findByText('Completato');
    expect(within(mapped).getByText('Not chosen')).toBeTruthy();
    // The secret part of a Framework360 URL is never shown again, and the view says why.
    expect(screen.getByText(/The last part of the address \(the secret\) is shown only/)).toBeTruthy();
    expect(screen.getByTestId('last-payload').textContent).toBe('{"id":"77","key":"[redacted]"}');
    fireEvent.click(screen.getByRole('button', { name: 'Check for new orders now' }));
    expect(await screen.findByText('The shop was checked: 2 new orders.')).toBeTruthy();
    expect(calls.some((call) => call.method === 'POST' && call.url === '/api/v1/connections/c3/poll')).toBe(
      true,
    );
    expect(screen.getByText('Nothing received yet')).toBeTruthy();
    expect(screen.getByText('No status update sent yet')).toBeTruthy();
  });

  it('shows "not found" for a connection that is not yours', async () => {
    fakeApi({ ...signedInAs('owner'), 'GET /api/v1/printers': printers });
    renderApp('/integrations/shops/nope');
    expect(await screen.findByRole('heading', { name: 'Shop connection not found' })).toBeTruthy();
  });
});

import type { DeliveryView, WebhookEndpointView } from '@shared/types';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { deliveryDetail, deliveryView, endpointView, renderApp, setClipboard } from '../test/integrations';
import { apiError, fakeApi, signedInAs } from '../test/render';
import { eventsToSend } from './WebhookPages';

function fill(label: string | RegExp, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe('eventsToSend', () => {
  it('sends null (every event, also future ones) when all are ticked, else the ticked ones in order', () => {
    expect(
      eventsToSend([
        'order.skipped',
        'order.queued',
        'order.printing',
        'order.completed',
        'order.cancelled',
        'order.needs_attention',
      ]),
    ).toBeNull();
    expect(eventsToSend(['order.cancelled', 'order.completed'])).toEqual([
      'order.completed',
      'order.cancelled',
    ]);
  });
});

describe('WebhooksPage', () => {
  afterEach(() => {
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
  });

  function listApi(initial: WebhookEndpointView[]) {
    let endpoints = initial;
    return fakeApi({
      ...signedInAs('owner', 'UTC'),
      'GET /api/v1/webhooks': () => ({ status: 200, body: { items: endpoints } }),
      'POST /api/v1/webhooks': (call) => {
        const body = call.body as { url: string; description: string; events: null };
        const created = endpointView({ id: 'w9', ...body });
        endpoints = [...endpoints, created];
        return { status: 201, body: { ...created, secret: 'whsec_new_secret_789' } };
      },
    });
  }

  it('lists each endpoint with its events, state, failures and waiting deliveries', async () => {
    listApi([
      endpointView(),
      endpointView({
        id: 'w2',
        url: 'https://old.example/hook',
        description: '',
        events: ['order.completed', 'order.cancelled'],
        enabled: false,
        disabledReason: 'Failing for 3 days (HTTP 410)',
        consecutiveFailures: 12,
        pendingDeliveries: 4,
      }),
    ]);
    renderApp('/integrations/webhooks');
    const items = await screen.findAllByTestId('webhook-endpoint');
    expect(items).toHaveLength(2);
    const first = within(items[0]!);
    expect(first.getByRole('link', { name: 'https://erp.example/hooks/goodcom' }).getAttribute('href')).toBe(
      '/integrations/webhooks/w1',
    );
    expect(first.getByText('ERP')).toBeTruthy();
    expect(first.getByText('All events')).toBeTruthy();
    expect(first.getByText('Enabled')).toBeTruthy();
    const second = within(items[1]!);
    expect(second.getByText('order.completed, order.cancelled')).toBeTruthy();
    expect(second.getByText('Disabled')).toBeTruthy();
    expect(second.getByText('Stopped by the bridge: Failing for 3 days (HTTP 410)')).toBeTruthy();
    expect(second.getByText('12')).toBeTruthy();
    expect(second.getByText('4')).toBeTruthy();
  });

  it('adds an endpoint for every event by default and shows its secret once, with how to verify', async () => {
    const writeText = jest.fn(() => Promise.resolve());
    setClipboard(writeText);
    const calls = listApi([]);
    renderApp('/integrations/webhooks');
    expect(await screen.findByRole('heading', { name: 'No webhook endpoint yet' })).toBeTruthy();
    const boxes = screen.getAllByRole<HTMLInputElement>('checkbox');
    expect(boxes).toHaveLength(6);
    expect(boxes.every((box) => box.checked)).toBe(true);

    fill('URL', ' https://erp.example/in ');
    fill('Description (optional)', 'ERP');
    fireEvent.click(screen.getByRole('button', { name: 'Add endpoint' }));

    const box = await screen.findByTestId('webhook-secret-once');
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      url: 'https://erp.example/in',
      description: 'ERP',
      events: null,
    });
    expect(document.activeElement).toBe(
      within(box).getByRole('heading', { name: 'Endpoint added: https://erp.example/in' }),
    );
    expect(within(box).getByLabelText<HTMLInputElement>('Signing secret').value).toBe('whsec_new_secret_789');
    const hint = within(box).getByTestId('verify-hint').textContent ?? '';
    expect(hint).toContain('X-GCB-Signature');
    expect(hint).toContain('docs/webhooks.md');
    fireEvent.click(within(box).getByRole('button', { name: 'Copy: Signing secret' }));
    await within(box).findByText('Signing secret copied to the clipboard');
    expect(writeText).toHaveBeenCalledWith('whsec_new_secret_789');

    // The list refreshed; once stored, the secret is gone and focus goes to the list.
    await screen.findByTestId('webhook-endpoint');
    fireEvent.click(within(box).getByRole('button', { name: 'I have stored it' }));
    expect(screen.queryByTestId('webhook-secret-once')).toBeNull();
    expect(screen.queryByDisplayValue('whsec_new_secret_789')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: /^Endpoints/ }));
  });

  it('sends only the ticked events, and refuses a bad URL or no event before asking the API', async () => {
    const calls = listApi([]);
    renderApp('/integrations/webhooks');
    await screen.findByRole('heading', { name: 'No webhook endpoint yet' });

    fill('URL', 'erp.example/in');
    for (const box of screen.getAllByRole('checkbox')) fireEvent.click(box);
    fireEvent.click(screen.getByRole('button', { name: 'Add endpoint' }));
    expect(screen.getByText('Enter a full address starting with https://')).toBeTruthy();
    expect(screen.getByText('Choose at least one event.')).toBeTruthy();
    expect(calls.some((call) => call.method === 'POST')).toBe(false);

    fill('URL', 'https://erp.example/in');
    fireEvent.click(screen.getByRole('checkbox', { name: /order\.cancelled/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /order\.completed — accepted on the printer/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Add endpoint' }));
    await screen.findByTestId('webhook-secret-once');
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      url: 'https://erp.example/in',
      description: '',
      events: ['order.completed', 'order.cancelled'],
    });
  });

  it('shows the API’s reason under the URL when it refuses the target', async () => {
    fakeApi({
      ...signedInAs('owner'),
      'GET /api/v1/webhooks': () => ({ status: 200, body: { items: [] } }),
      'POST /api/v1/webhooks': () =>
        apiError(400, 'validation_failed', 'url points to a private address', [
          { field: 'url', problems: ['url points to a private address'] },
        ]),
    });
    renderApp('/integrations/webhooks', 'es');
    await screen.findByRole('heading', { name: 'Aún no hay endpoints de webhook' });
    fill('Dirección (URL)', 'http://10.0.0.5/hook');
    fireEvent.click(screen.getByRole('button', { name: 'Añadir endpoint' }));
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'url points to a private address');
    expect(screen.getByLabelText('Dirección (URL)').getAttribute('aria-invalid')).toBe('true');
  });
});

describe('WebhookDetailPage', () => {
  function detailApi() {
    let view = endpointView({ lastSuccessAt: '2026-11-29T10:05:00.000Z' });
    let log: DeliveryView[] = [
      deliveryView({
        id: 3,
        event: 'order.completed',
        orderId: 'o1',
        status: 'failed',
        attempts: 9,
        lastStatusCode: 410,
        lastError: 'Gone',
        deliveredAt: null,
      }),
    ];
    const calls = fakeApi({
      ...signedInAs('owner', 'UTC'),
      'GET /api/v1/webhooks/w1': () => ({ status: 200, body: view }),
      'GET /api/v1/webhooks/w1/deliveries': () => ({ status: 200, body: { items: log } }),
      'POST /api/v1/webhooks/w1/test': () => {
        log = [deliveryView({ id: 4, event: 'ping', status: 'delivered' }), ...log];
        return { status: 202, body: { queued: true } };
      },
      'POST /api/v1/deliveries/3/redeliver': () => ({ status: 200, body: { ...log[0], status: 'pending' } }),
      'PATCH /api/v1/webhooks/w1': (call) => {
        view = { ...view, ...(call.body as object), disabledReason: null };
        return { status: 200, body: view };
      },
      'POST /api/v1/webhooks/w1/rotate-secret': () => ({
        status: 200,
        body: { ...view, secret: 'whsec_rotated_000' },
      }),
      'DELETE /api/v1/webhooks/w1': () => ({ status: 204 }),
      'GET /api/v1/webhooks': () => ({ status: 200, body: { items: [] } }),
    });
    return calls;
  }

  it('sends a test ping and shows it in the delivery log; failed ones can be redelivered', async () => {
    const calls = detailApi();
    renderApp('/integrations/webhooks/w1');
    await screen.findByRole('heading', { name: 'ERP', level: 1 });
    const log = await screen.findByTestId('webhook-deliveries');
    expect(within(log).getByText('Failed')).toBeTruthy();
    expect(within(log).getByText('HTTP 410 · Gone')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Send test ping' }));
    await screen.findByText('Test ping queued: it appears in the delivery log in a moment.');
    expect(calls.some((call) => call.method === 'POST' && call.url === '/api/v1/webhooks/w1/test')).toBe(
      true,
    );
    await waitFor(() =>
      expect(within(screen.getByTestId('webhook-deliveries')).getByText('ping')).toBeTruthy(),
    );
    const rows = within(screen.getByTestId('webhook-deliveries')).getAllByRole('row').slice(1);
    expect(within(rows[0]!).getByText('Delivered')).toBeTruthy();
    // A webhook can be redelivered even after it arrived (the receiver may have lost it).
    expect(within(rows[0]!).getByRole('button', { name: 'Redeliver' })).toBeTruthy();

    fireEvent.click(within(rows[1]!).getByRole('button', { name: 'Redeliver' }));
    await screen.findByText('Delivery 3 will be sent again in a moment.');
    expect(calls.some((call) => call.url === '/api/v1/deliveries/3/redeliver')).toBe(true);
  });

  it('disables, makes a new secret after asking (shown once), and deletes back to the list', async () => {
    const calls = detailApi();
    renderApp('/integrations/webhooks/w1');
    await screen.findByRole('heading', { name: 'ERP', level: 1 });

    fireEvent.click(screen.getByRole('button', { name: 'Disable' }));
    await screen.findByText('Endpoint disabled.');
    expect(calls.find((call) => call.method === 'PATCH')?.body).toEqual({ enabled: false });
    expect(screen.getByRole('button', { name: 'Enable' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'New secret' }));
    const dialog = screen.getByRole('dialog', { name: 'Make a new signing secret?' });
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(calls.some((call) => call.url.endsWith('/rotate-secret'))).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'New secret' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'New secret' }));
    const box = await screen.findByTestId('webhook-secret-once');
    expect(document.activeElement).toBe(within(box).getByRole('heading', { name: 'New signing secret' }));
    expect(within(box).getByLabelText<HTMLInputElement>('Signing secret').value).toBe('whsec_rotated_000');

    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const confirm = screen.getByRole('dialog', { name: 'Delete this endpoint?' });
    expect(confirm.textContent).toContain('https://erp.example/hooks/goodcom');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await screen.findByRole('heading', { name: 'Webhooks', level: 1 });
    expect(calls.some((call) => call.method === 'DELETE' && call.url === '/api/v1/webhooks/w1')).toBe(true);
    expect(screen.getByText('Endpoint deleted.')).toBeTruthy();
  });

  it('shows "not found" for an endpoint that is not yours', async () => {
    fakeApi(signedInAs('owner'));
    renderApp('/integrations/webhooks/nope');
    expect(await screen.findByRole('heading', { name: 'Webhook endpoint not found' })).toBeTruthy();
  });
});

describe('DeliveryDetailPage', () => {
  it('shows what was sent and every attempt, and sends it again', async () => {
    const calls = fakeApi({
      ...signedInAs('owner', 'UTC'),
      'GET /api/v1/deliveries/12': () => ({
        status: 200,
        body: deliveryDetail({
          id: 12,
          channel: 'woocommerce',
          targetId: 'c1',
          orderId: 'o1',
          event: 'status.completed',
          status: 'failed',
          attempts: 2,
          lastStatusCode: 500,
          lastError: 'Internal Server Error',
          deliveredAt: null,
          payload: { shopOrderId: '1001', status: 'completed', note: 'Accepted on the printer at 19:31' },
          log: [
            {
              id: 2,
              at: '2026-11-29T10:06:00.000Z',
              ok: false,
              statusCode: 500,
              latencyMs: 120,
              error: 'Internal Server Error',
              response: '{"code":"internal"}',
            },
            {
              id: 1,
              at: '2026-11-29T10:05:00.000Z',
              ok: false,
              statusCode: null,
              latencyMs: 5000,
              error: 'timeout after 5000 ms',
              response: null,
            },
          ],
        }),
      }),
      'POST /api/v1/deliveries/12/redeliver': () => ({ status: 200, body: deliveryView({ id: 12 }) }),
    });
    renderApp('/integrations/deliveries/12');
    await screen.findByRole('heading', { name: 'Delivery 12', level: 1 });
    expect(screen.getByRole('link', { name: '← Connected shop' }).getAttribute('href')).toBe(
      '/integrations/shops/c1',
    );
    expect(screen.getByText(/The bridge gave up on this delivery/)).toBeTruthy();
    expect(JSON.parse(screen.getByLabelText<HTMLTextAreaElement>('Body (JSON)').value)).toEqual({
      shopOrderId: '1001',
      status: 'completed',
      note: 'Accepted on the printer at 19:31',
    });
    const attempts = within(screen.getByTestId('attempt-log')).getAllByRole('listitem');
    expect(attempts).toHaveLength(2);
    expect(attempts[0]!.textContent).toContain('HTTP 500');
    expect(attempts[0]!.textContent).toContain('120 ms');
    expect(attempts[0]!.textContent).toContain('{"code":"internal"}');
    expect(attempts[1]!.textContent).toContain('no answer');
    expect(attempts[1]!.textContent).toContain('timeout after 5000 ms');
    expect(screen.getByRole('link', { name: 'Open the order' }).getAttribute('href')).toBe('/orders/o1');

    fireEvent.click(screen.getByRole('button', { name: 'Retry now' }));
    await screen.findByText('Delivery 12 will be sent again in a moment.');
    expect(
      calls.some((call) => call.method === 'POST' && call.url === '/api/v1/deliveries/12/redeliver'),
    ).toBe(true);
  });

  it('leads back to the webhook endpoint for a webhook delivery', async () => {
    fakeApi({
      ...signedInAs('owner'),
      'GET /api/v1/deliveries/7': () => ({ status: 200, body: deliveryDetail() }),
    });
    renderApp('/integrations/deliveries/7');
    expect((await screen.findByRole('link', { name: '← Webhook endpoint' })).getAttribute('href')).toBe(
      '/integrations/webhooks/w1',
    );
    expect(screen.getByRole('button', { name: 'Redeliver' })).toBeTruthy();
    expect(screen.getByText('Not tried yet')).toBeTruthy();
  });

  it('shows "not found" for an unknown delivery id without asking the API for a non-number', async () => {
    const calls = fakeApi(signedInAs('owner'));
    renderApp('/integrations/deliveries/abc');
    expect(await screen.findByRole('heading', { name: 'Delivery not found' })).toBeTruthy();
    expect(calls.some((call) => call.url.startsWith('/api/v1/deliveries'))).toBe(false);
  });
});

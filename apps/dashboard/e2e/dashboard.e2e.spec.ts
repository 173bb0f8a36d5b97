// The dashboard in a real browser against the real API (SQLite, started here) and the printer
// emulator: onboarding to a printed and accepted ticket, a rejection, API keys, the support console,
// tenant isolation and an expired session. Screenshots of the main pages go to test-artifacts/.
import fs from 'node:fs';
import type { WebhookEndpointView } from '@shared/types';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { accountOf, ApiClient } from './support/api';
import { type Bridge, createSupportUser, startBridge, tempDatabase } from './support/bridge';
import { launchBrowser, newContext } from './support/browser';
import { type PrinterAccount, pollOnce, runEmulator } from './support/printer';
import { screenshot } from './support/screenshots';

jest.setTimeout(180_000);

const PASSWORD = 'correct horse battery';
const SUPPORT = { email: 'support@example.com', password: 'support staple 42' };
const OWNER_A = { restaurant: 'Pizzeria Da Mario', email: 'mario@example.com' };

let database: ReturnType<typeof tempDatabase>;
let bridge: Bridge;
let browser: Browser;
const contexts: BrowserContext[] = [];

/** Set up before the scenarios: another restaurant's order that the printer took and never answered. */
let stuck: { orderId: string; number: number; restaurant: string };

/** That restaurant's webhook endpoint, disabled by its owner so nothing is ever sent to it. */
const LENTA_WEBHOOK = 'https://erp.lenta.example/goodcom-events';

/** Filled in by the onboarding scenario, used by the later ones. */
let ownerA: {
  context: BrowserContext;
  page: Page;
  printerId: string;
  account: PrinterAccount;
  acceptedOrderId: string;
};

async function open(options: { phone?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(browser, bridge.baseUrl, options);
  contexts.push(context);
  const page = await context.newPage();
  return { context, page };
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

async function eventually<T>(
  check: () => Promise<T | null | undefined | false>,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

beforeAll(async () => {
  database = tempDatabase();
  await createSupportUser(database.databaseUrl, SUPPORT.email, SUPPORT.password);
  bridge = await startBridge(database.databaseUrl);
  browser = await launchBrowser();

  // Another restaurant whose printer took an order and went silent: after its unanswered limit (the
  // minimum, 30 s) the queue-health job flags it. Made first so the flag is due by the support scenario.
  const { client } = await ApiClient.signup(bridge.baseUrl, 'Trattoria Lenta', 'lenta@example.com', PASSWORD);
  const printer = await client.createPrinter({ name: 'Pass', unansweredLimitSeconds: 30 });
  const key = await client.createApiKey('e2e shop');
  const order = await new ApiClient(bridge.baseUrl, { apiKey: key.key }).sendOrder({
    externalId: 'lenta-7001',
    type: 'pickup',
    items: [{ name: 'Lasagne', quantity: 1, unitPrice: '11.00' }],
    total: '11.00',
    paymentMethod: 'cash',
    customer: { name: 'Paolo Bianchi' },
  });
  const body = await pollOnce(accountOf(printer));
  expect(body).toContain(`*${order.number}*`);
  stuck = { orderId: order.id, number: order.number, restaurant: 'Trattoria Lenta' };

  const endpoint = await client.call<WebhookEndpointView>('POST', '/webhooks', {
    url: LENTA_WEBHOOK,
    description: 'Lenta ERP',
    events: ['order.cancelled'],
  });
  await client.call('PATCH', `/webhooks/${endpoint.id}`, { enabled: false });
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await bridge?.stop();
  if (database) fs.rmSync(database.dir, { recursive: true, force: true });
});

test('a restaurant signs up, connects its printer and sees its test order printed and accepted', async () => {
  const { context, page } = await open();
  await page.goto('/signup');
  await expectVisible(page.getByRole('heading', { name: 'Connect your restaurant' }));
  // Time zone and language come from the browser (Europe/Rome, en-GB).
  expect(await page.getByLabel('Time zone').inputValue()).toBe('Europe/Rome');
  await screenshot(page, 'signup');

  // The form validates before sending.
  await page.getByRole('button', { name: 'Create account' }).click();
  await expectVisible(page.getByText('Use at least 10 characters.'));

  await page.getByLabel('Restaurant name').fill(OWNER_A.restaurant);
  await page.getByLabel('Email').fill(OWNER_A.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();

  await page.waitForURL('**/setup');
  await expectVisible(page.getByRole('heading', { name: 'Add your first printer' }));
  expect(await page.getByLabel('Printer name').inputValue()).toBe('Kitchen');
  await page.getByRole('button', { name: 'Add printer' }).click();

  await page.waitForURL(/\/printers\/[^/]+\/connect$/);
  const printerId = new URL(page.url()).pathname.split('/')[2] ?? '';
  const indicator = page.locator('.live-indicator');
  expect(await indicator.getAttribute('data-state')).toBe('waiting');

  // Read what the technician would copy: the two URLs and the device settings.
  const account: PrinterAccount = {
    pollUrl: await page.getByTestId('poll-url').inputValue(),
    callbackUrl: await page.getByTestId('callback-url').inputValue(),
    resId: await page.getByTestId('res-id').inputValue(),
    username: await page.getByTestId('device-username').inputValue(),
    password: await page.getByTestId('device-password').inputValue(),
  };
  expect(account.pollUrl).toMatch(new RegExp(`^${bridge.baseUrl}/gc/[^/]+/order$`));
  expect(account.callbackUrl).toMatch(new RegExp(`^${bridge.baseUrl}/gc/[^/]+/callback$`));

  // The copy button puts the URL on the clipboard.
  await page.getByRole('button', { name: 'Copy: Order receiving URL' }).click();
  await expectVisible(page.getByRole('button', { name: 'Copy: Order receiving URL' }).getByText('Copied'));
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(account.pollUrl);

  // The printer starts polling: the light turns green.
  const emulator = runEmulator(account, { policy: 'accept', maxOrders: 1, durationSeconds: 90 });
  await page.waitForSelector('.live-indicator[data-state="connected"]', { timeout: 30_000 });
  await expectVisible(page.getByText('Printer connected'));
  await screenshot(page, 'connect-printer');

  // A test order prints and the technician presses Accept.
  await page.getByRole('button', { name: 'Send a test order' }).click();
  await page.waitForSelector('[data-testid="test-progress"].test-completed', { timeout: 45_000 });
  const summary = await emulator.done;
  expect(summary.totals.accepted).toBe(1);
  expect(summary.totals.duplicates).toBe(0);

  // The order page tells the story, shows the ticket and the exact wire text.
  await page.getByTestId('test-progress').getByRole('link', { name: 'Open the order' }).click();
  await page.waitForURL(/\/orders\/[^/]+$/);
  const acceptedOrderId = new URL(page.url()).pathname.split('/')[2] ?? '';
  const timeline = page.getByTestId('timeline');
  await expectVisible(timeline.getByText(/^Accepted on the printer, ready for \d{2}:\d{2}$/));
  const steps = await timeline.locator('.timeline-text').allTextContents();
  // In order, and the sample order's total matches its lines (no mismatch warning).
  const story = [
    'Received',
    'Queued for printing',
    'Sent to Kitchen',
    steps.find((s) => s.startsWith('Accepted')),
  ];
  expect(steps.filter((s) => story.includes(s))).toEqual(story);
  expect(steps.some((s) => s.startsWith('Total from the shop'))).toBe(false);
  expect(await page.getByTestId('receipt-preview').textContent()).toContain('Pizza Margherita');
  const wire = await page.getByTestId('wire').inputValue();
  expect(wire).toMatch(new RegExp(`^#${account.resId}\\*1\\*\\d+\\*`));
  expect(await page.getByTestId('order-total').textContent()).toBe('€23.50');
  await screenshot(page, 'order-detail');

  await page.goto('/printers');
  await expectVisible(page.getByRole('link', { name: 'Kitchen' }));
  await expectVisible(page.locator('.printer-card .badge-printer-online'));
  await screenshot(page, 'printers');

  ownerA = { context, page, printerId, account, acceptedOrderId };
});

test('an order rejected on the printer shows the reason in its timeline, live', async () => {
  const { page, printerId, account } = ownerA;
  await page.goto(`/printers/${printerId}/queue`);
  await expectVisible(page.getByRole('heading', { name: 'Queue: Kitchen' }));
  const emulator = runEmulator(account, {
    policy: 'reject',
    reason: 'TOO BUSY',
    maxOrders: 1,
    durationSeconds: 90,
  });

  await page.goto(`/printers/${printerId}`);
  await page.getByRole('button', { name: 'Send a test order' }).click();
  await expectVisible(page.getByText(/Test order #\d+ is on its way/));
  const summary = await emulator.done;
  expect(summary.totals.rejected).toBe(1);

  await page.goto(`/printers/${printerId}/queue`);
  const recent = page.getByTestId('recent');
  await expectVisible(recent.locator('li').first().getByText('Cancelled'));
  await recent.locator('li').first().locator('.order-number').click();
  await expectVisible(page.getByTestId('timeline').getByText('Rejected on the printer: TOO BUSY'));
  await expectVisible(page.getByText('Rejected on the printer: TOO BUSY', { exact: true }).first());
});

test('the queue shows waiting orders in order, with the one on the printer first', async () => {
  const { page, printerId, account } = ownerA;
  const client = await apiFor(OWNER_A.email);
  const key = await client.createApiKey('queue test');
  const shop = new ApiClient(bridge.baseUrl, { apiKey: key.key });
  const sent = [];
  for (const externalId of ['q-1', 'q-2', 'q-3']) {
    sent.push(
      await shop.sendOrder({
        externalId,
        type: 'delivery',
        items: [{ name: 'Diavola', quantity: 1, unitPrice: '9.00' }],
        deliveryFee: '2.00',
        total: '11.00',
        paymentMethod: 'cod',
        customer: { name: `Guest ${externalId}`, address: 'Via Po 3' },
      }),
    );
  }
  // One poll serves the first; nobody answers yet.
  await pollOnce(account);
  await page.goto(`/printers/${printerId}/queue`);
  await expectVisible(page.getByTestId('serving').getByText('Guest q-1'));
  const waiting = await page.getByTestId('waiting').locator('.order-who').allTextContents();
  expect(waiting).toEqual(['Guest q-2', 'Guest q-3']);
  await screenshot(page, 'queue');

  // Cancel the last one with a note, through the confirmation dialog.
  await page.getByTestId('waiting').locator('li').nth(1).getByRole('button', { name: 'Cancel…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Note (optional)').fill('Customer called');
  await dialog.getByRole('button', { name: 'Cancel order' }).click();
  await expectVisible(page.getByText(`Order #${sent[2]?.number} cancelled.`));
  await eventually(
    async () => (await page.getByTestId('waiting').locator('li').count()) === 1,
    'the queue to shrink',
  );
  const cancelled = await client.order(sent[2]?.id ?? '');
  expect(cancelled.status).toBe('cancelled');
  expect(cancelled.notes.map((n) => n.text).join('\n')).toContain('Customer called');

  // Drain the rest so later scenarios start clean.
  const drain = runEmulator(account, { policy: 'accept', maxOrders: 2, durationSeconds: 60 });
  expect((await drain.done).totals.accepted).toBe(2);
});

test('the owner creates an API key, sees it once, and an order sent with it appears', async () => {
  const { page } = ownerA;
  await page.goto('/integrations');
  await page.getByLabel('Name of the new key').fill('WooCommerce');
  await page.getByRole('button', { name: 'Create key' }).click();
  const key = await page.getByTestId('api-key-value').inputValue();
  expect(key.length).toBeGreaterThan(20);
  expect(await page.getByTestId('curl-snippet').inputValue()).toContain(`X-API-Key: ${key}`);
  await screenshot(page, 'integrations');

  await new ApiClient(bridge.baseUrl, { apiKey: key }).sendOrder({
    externalId: 'woo-5150',
    type: 'pickup',
    items: [{ name: 'Calzone', quantity: 1, unitPrice: '10.50' }],
    total: '10.50',
    paymentMethod: 'cod',
    customer: { name: 'Anna Verdi' },
  });
  await page.goto('/orders?q=woo-5150');
  await expectVisible(page.getByRole('cell', { name: 'Anna Verdi' }));
  await screenshot(page, 'orders');

  // Once dismissed the key is gone from the page; revoking it asks first.
  await page.goto('/integrations');
  await expect(page.getByTestId('api-key-value').count()).resolves.toBe(0);
  await page
    .locator('.key-list li', { hasText: 'WooCommerce' })
    .getByRole('button', { name: 'Revoke' })
    .click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
  await expectVisible(page.locator('.key-list li', { hasText: 'WooCommerce' }).getByText('Revoked'));
});

test('support finds a stuck order of another restaurant and serves it again', async () => {
  const { page } = await open();
  await signIn(page, SUPPORT.email, SUPPORT.password);
  await page.waitForURL('**/support');

  // The queue-health job flags the order 30 s after it was served.
  const stuckList = page.getByTestId('stuck-orders');
  await stuckList.getByText(`#${stuck.number}`).waitFor({ timeout: 75_000 });
  await expectVisible(stuckList.getByText(stuck.restaurant));
  await screenshot(page, 'support-console');

  // Search by the shop's order id finds the same order.
  await page.getByRole('searchbox', { name: 'Find a restaurant or an order' }).fill('lenta-7001');
  await page.getByRole('button', { name: 'Search' }).click();
  await expectVisible(page.getByTestId('search-results').getByRole('cell', { name: 'Paolo Bianchi' }));

  // Read-only view of the restaurant.
  await page.getByRole('searchbox', { name: 'Find a restaurant or an order' }).fill('Lenta');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByTestId('search-results').getByRole('link', { name: stuck.restaurant }).click();
  await expectVisible(page.getByText('You are viewing this restaurant as support.'));
  // Its webhook endpoint, with nothing support could change.
  const webhooks = page.getByRole('region', { name: 'Webhooks' });
  const endpoint = webhooks.getByTestId('webhook-endpoint');
  await expectVisible(endpoint.getByText(LENTA_WEBHOOK));
  await expectVisible(endpoint.getByText('Disabled'));
  await expectVisible(endpoint.getByText('order.cancelled'));
  await expect(webhooks.getByRole('link').count()).resolves.toBe(0);
  await expect(webhooks.getByRole('button').count()).resolves.toBe(0);
  await expectVisible(
    page.getByRole('region', { name: 'Shops' }).getByRole('heading', { name: 'No shop connected yet' }),
  );
  await screenshot(page, 'support-restaurant');
  await page.goto('/support');

  const row = stuckList.locator('li', { hasText: `#${stuck.number}` });
  await row.getByRole('button', { name: 'Serve again' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Serve again' }).click();
  await expectVisible(page.getByText(`Order #${stuck.number} will be served again.`));
  await eventually(
    async () => (await stuckList.getByText(`#${stuck.number}`).count()) === 0,
    'the order to leave the stuck list',
  );

  await page.goto(`/orders/${stuck.orderId}`);
  await expectVisible(
    page.getByTestId('timeline').getByText(/^No answer from the printer after .+: needs attention$/),
  );
  await expectVisible(page.getByTestId('timeline').getByText('Served again'));
});

test('a user of another restaurant cannot open an order or printer by its URL', async () => {
  const { page } = await open();
  await page.goto('/signup');
  await page.getByLabel('Restaurant name').fill('Bar Tapas B');
  await page.getByLabel('Email').fill('b@example.com');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/setup');

  await page.goto(`/orders/${ownerA.acceptedOrderId}`);
  await expectVisible(page.getByTestId('not-found'));
  await expectVisible(page.getByRole('heading', { name: 'Order not found' }));
  await expect(page.getByText('Pizza Margherita').count()).resolves.toBe(0);

  await page.goto(`/printers/${ownerA.printerId}/queue`);
  await expectVisible(page.getByRole('heading', { name: 'Printer not found' }));
  await page.goto('/support');
  await expectVisible(page.getByRole('heading', { name: 'Page not found' }));
});

test('an expired session goes back to the login page, which says why', async () => {
  const { context, page } = await open();
  await signIn(page, OWNER_A.email, PASSWORD);
  await page.goto('/printers');
  await expectVisible(page.getByRole('heading', { name: 'Printers' }));
  await context.clearCookies();
  // The next live refresh gets a 401.
  await page.waitForURL('**/login', { timeout: 20_000 });
  await expectVisible(page.getByText('Your session has ended. Sign in again to continue.'));
});

test('the language switcher translates the dashboard and remembers the choice', async () => {
  const { page } = ownerA;
  await page.goto('/printers');
  await page.getByLabel('Display language').selectOption('it');
  await expectVisible(page.getByRole('heading', { name: 'Stampanti' }));
  await page.reload();
  await expectVisible(page.getByRole('heading', { name: 'Stampanti' }));
  await page.goto(`/orders/${ownerA.acceptedOrderId}`);
  expect(await page.getByTestId('order-total').textContent()).toMatch(/^23,50\s€$/);
  await page.getByLabel('Lingua della pagina').selectOption('es');
  await expectVisible(page.getByRole('heading', { name: /^Pedido n\.º \d+$/ }));
  await page.getByLabel('Idioma de la página').selectOption('en');
});

test('the main pages fit a phone screen', async () => {
  const { page } = await open({ phone: true });
  await page.goto('/signup');
  await screenshot(page, 'signup');
  await signIn(page, OWNER_A.email, PASSWORD);
  const pages: [string, string][] = [
    [`/printers/${ownerA.printerId}/connect`, 'connect-printer'],
    ['/printers', 'printers'],
    [`/printers/${ownerA.printerId}/queue`, 'queue'],
    [`/orders/${ownerA.acceptedOrderId}`, 'order-detail'],
    ['/orders', 'orders'],
    ['/integrations', 'integrations'],
  ];
  for (const [path, name] of pages) {
    await page.goto(path);
    await page.locator('main h1').first().waitFor();
    await screenshot(page, name);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect({ path, overflow }).toEqual({ path, overflow: 0 });
  }
  await page.context().clearCookies();
  await signIn(page, SUPPORT.email, SUPPORT.password);
  await page.locator('main h1').first().waitFor();
  await screenshot(page, 'support-console');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBe(0);
});

async function apiFor(email: string): Promise<ApiClient> {
  const login = await new ApiClient(bridge.baseUrl).call<{ token: string }>('POST', '/auth/login', {
    email,
    password: PASSWORD,
  });
  return new ApiClient(bridge.baseUrl, { token: login.token });
}

async function expectVisible(locator: ReturnType<Page['locator']>): Promise<void> {
  await locator.waitFor({ state: 'visible' });
}

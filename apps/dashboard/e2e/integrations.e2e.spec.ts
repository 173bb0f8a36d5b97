// Shops and webhooks in a real browser against the real API (SQLite, started here with private targets
// allowed so it may call a receiver on 127.0.0.1): a webhook endpoint whose secret is shown once and
// whose test ping arrives signed and appears in the log; a WooCommerce store connected, its webhook URL
// and secret shown once, then listed with empty health. Screenshots go to test-artifacts/.
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ApiClient } from './support/api';
import { type Bridge, startBridge, tempDatabase } from './support/bridge';
import { launchBrowser, newContext } from './support/browser';
import { type Receiver, startReceiver } from './support/receiver';
import { screenshot } from './support/screenshots';

jest.setTimeout(180_000);

const OWNER = {
  restaurant: 'Osteria Webhook',
  email: 'osteria@example.com',
  password: 'correct horse battery',
};

let database: ReturnType<typeof tempDatabase>;
let bridge: Bridge;
let browser: Browser;
let receiver: Receiver;
const contexts: BrowserContext[] = [];

async function open(options: { phone?: boolean } = {}): Promise<Page> {
  const context = await newContext(browser, bridge.baseUrl, options);
  contexts.push(context);
  return context.newPage();
}

async function signIn(page: Page): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

async function expectVisible(locator: ReturnType<Page['locator']>, timeout?: number): Promise<void> {
  await locator.waitFor({ state: 'visible', ...(timeout ? { timeout } : {}) });
}

/** The receiver's side of the signature: `t=<s>,v1=<hex HMAC-SHA256 of "t.body">` with the secret. */
function signatureMatches(header: string | string[] | undefined, body: string, secret: string): boolean {
  const parts = new Map(
    String(header)
      .split(',')
      .map((part) => part.split('=', 2) as [string, string]),
  );
  const expected = createHmac('sha256', secret)
    .update(`${parts.get('t')}.`)
    .update(body)
    .digest('hex');
  return parts.get('v1') === expected;
}

beforeAll(async () => {
  database = tempDatabase();
  bridge = await startBridge(database.databaseUrl, {
    ALLOW_PRIVATE_TARGETS: 'true',
    OUTBOX_INTERVAL_MS: '200',
  });
  browser = await launchBrowser();
  receiver = await startReceiver();
  const { client } = await ApiClient.signup(bridge.baseUrl, OWNER.restaurant, OWNER.email, OWNER.password);
  await client.createPrinter({ name: 'Kitchen' });
  await client.createPrinter({ name: 'Pizza oven' });
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await receiver?.close();
  await bridge?.stop();
  if (database) fs.rmSync(database.dir, { recursive: true, force: true });
});

test('the owner adds a webhook endpoint, sees its secret once, and a test ping arrives signed and is logged', async () => {
  const page = await open();
  await signIn(page);
  await page.goto('/integrations');
  await page
    .getByRole('navigation', { name: 'Integrations' })
    .getByRole('link', { name: 'Webhooks', exact: true })
    .click();
  await page.waitForURL('**/integrations/webhooks');
  await expectVisible(page.getByRole('heading', { name: 'No webhook endpoint yet' }));

  await page.getByLabel('URL', { exact: true }).fill(receiver.url);
  await page.getByLabel('Description (optional)').fill('Local receiver');
  // Every event is ticked by default.
  expect(await page.getByRole('checkbox', { checked: true }).count()).toBe(6);
  await page.getByRole('button', { name: 'Add endpoint' }).click();

  const secretBox = page.getByTestId('webhook-secret-once');
  await expectVisible(secretBox);
  const secret = await page.getByTestId('webhook-secret').inputValue();
  expect(secret).toMatch(/^whsec_/);
  expect(await secretBox.textContent()).toContain('docs/webhooks.md');
  await page.getByRole('button', { name: 'Copy: Signing secret' }).click();
  await expectVisible(page.getByRole('button', { name: 'Copy: Signing secret' }).getByText('Copied'));
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  // The secret took focus (and scrolled into view); the full-page picture starts at the top.
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'webhooks-secret-once');

  // Once stored it is gone, and it never comes back (not on reload either).
  await page.getByRole('button', { name: 'I have stored it' }).click();
  await expect(page.getByTestId('webhook-secret-once').count()).resolves.toBe(0);
  await page.reload();
  const endpoint = page.getByTestId('webhook-endpoint');
  await expectVisible(endpoint.getByText('All events'));
  expect(await page.content()).not.toContain(secret);

  await endpoint.getByRole('link', { name: receiver.url }).click();
  await expectVisible(page.getByRole('heading', { name: 'Local receiver', level: 1 }));
  await page.getByRole('button', { name: 'Send test ping' }).click();
  await expectVisible(page.getByText('Test ping queued'));

  // The outbox sends it within a moment; the log (polled every 5 s) shows it delivered.
  const log = page.getByTestId('webhook-deliveries');
  const row = log.locator('tbody tr', { hasText: 'ping' });
  await expectVisible(row.getByText('Delivered'), 30_000);
  expect(await row.textContent()).toContain('HTTP 200');
  const ping = receiver.requests.find((request) => request.headers['x-gcb-event'] === 'ping');
  expect(ping?.method).toBe('POST');
  expect(ping?.path).toBe('/goodcom-events');
  expect(signatureMatches(ping?.headers['x-gcb-signature'], ping?.body ?? '', secret)).toBe(true);
  await screenshot(page, 'webhook-detail');

  // The delivery's own page: what was sent, and the attempt.
  await row.getByRole('link', { name: /^Details of delivery/ }).click();
  await page.waitForURL(/\/integrations\/deliveries\/\d+$/);
  const payload = JSON.parse(await page.getByTestId('delivery-payload').inputValue()) as { type?: string };
  expect(payload.type).toBe('ping');
  expect(JSON.parse(ping?.body ?? '{}')).toEqual(payload);
  await expectVisible(page.getByTestId('attempt-log').getByText('HTTP 200', { exact: false }));
  await screenshot(page, 'delivery-detail');

  // Redeliver sends the same body again.
  const before = receiver.requests.length;
  await page.getByRole('button', { name: 'Redeliver' }).click();
  await expectVisible(page.getByText(/will be sent again in a moment/));
  const deadline = Date.now() + 20_000;
  while (receiver.requests.length === before && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  expect(receiver.requests.at(-1)?.body).toBe(ping?.body);
});

test('the owner connects a WooCommerce store, sees the webhook URL and secret once, then the shop listed with empty health', async () => {
  const page = await open();
  await signIn(page);
  await page.goto('/integrations/shops');
  await expectVisible(page.getByRole('heading', { name: 'No shop connected yet' }));
  await page.getByRole('link', { name: 'Connect a store' }).first().click();
  await page.waitForURL('**/integrations/shops/new');

  await page.getByLabel('Name', { exact: true }).fill('Osteria web shop');
  await page.getByLabel('Store address (site URL)').fill('https://osteria-shop.example');
  await page.getByLabel('Consumer key').fill('ck_0123456789abcdef0123456789abcdef01234567');
  await page.getByLabel('Consumer secret').fill('cs_76543210fedcba9876543210fedcba9876543210');
  await page.getByLabel('Printer for this shop’s orders').selectOption({ label: 'Pizza oven' });
  await page.getByRole('button', { name: 'Connect', exact: true }).click();

  await expectVisible(page.getByTestId('shop-secret-once'));
  const webhookUrl = await page.getByTestId('shop-webhook-url').inputValue();
  const secret = await page.getByTestId('shop-webhook-secret').inputValue();
  expect(webhookUrl).toMatch(new RegExp(`^${bridge.baseUrl}/hooks/woocommerce/[0-9a-f-]{36}$`));
  expect(secret.length).toBeGreaterThanOrEqual(32);
  const steps = (await page.getByTestId('woocommerce-steps').textContent()) ?? '';
  expect(steps).toContain('Topic: Order created');
  expect(steps).toContain('WP REST API Integration v3');
  await page.getByRole('button', { name: 'Copy: Delivery URL' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(webhookUrl);
  // The secret took focus (and scrolled into view); the full-page picture starts at the top.
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, 'connect-shop');

  await page.getByRole('link', { name: 'Done: open the connection' }).click();
  await page.waitForURL(/\/integrations\/shops\/[0-9a-f-]{36}$/);
  const connectionId = new URL(page.url()).pathname.split('/')[3] ?? '';
  expect(webhookUrl.endsWith(connectionId)).toBe(true);
  const health = page.getByTestId('connection-health');
  await expectVisible(health.getByText('No orders yet'));
  await expectVisible(health.getByText('Nothing sent yet'));
  await expectVisible(page.getByText('Nothing received yet'));
  await expectVisible(page.getByText('No status update sent yet'));
  expect(await page.getByTestId('connection-webhook-url').inputValue()).toBe(webhookUrl);
  // The chosen printer and masked keys, never the secrets themselves.
  expect(
    await page.getByLabel('Printer for this shop’s orders').locator('option:checked').textContent(),
  ).toBe('Pizza oven');
  const content = await page.content();
  expect(content).not.toContain(secret);
  expect(content).not.toContain('cs_76543210fedcba9876543210fedcba9876543210');
  await screenshot(page, 'connection-detail');

  await page
    .getByRole('navigation', { name: 'Integrations' })
    .getByRole('link', { name: 'Shops', exact: true })
    .click();
  const card = page.getByTestId('connection');
  await expectVisible(card.getByRole('link', { name: 'Osteria web shop' }));
  await expectVisible(card.getByText('WooCommerce'));
  await expectVisible(card.getByText('No orders yet'));
  await expectVisible(card.getByText('Nothing sent yet'));
  await expect(card.locator('.notice-warning').count()).resolves.toBe(0);
  await screenshot(page, 'shops');

  // A delivery signed with a wrong secret is refused, and the list says so by its next refresh.
  const body = JSON.stringify({ id: 5150, status: 'processing' });
  const refused = await fetch(webhookUrl, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-WC-Webhook-Topic': 'order.created',
      'X-WC-Webhook-Delivery-ID': '1',
      'X-WC-Webhook-Signature': createHmac('sha256', 'not-the-secret').update(body).digest('base64'),
    },
    body,
  });
  expect(refused.status).toBe(401);
  await expectVisible(
    card.locator('.notice-warning').getByText(/^Last error \(.+\): Refused a delivery/),
    15_000,
  );
  expect(await card.getAttribute('class')).toContain('is-stale');
});

test('the shop and webhook pages fit a phone screen', async () => {
  const page = await open({ phone: true });
  await signIn(page);
  const pages: [string, string][] = [
    ['/integrations/shops', 'shops'],
    ['/integrations/shops/new', 'connect-shop'],
    ['/integrations/webhooks', 'webhooks'],
  ];
  await page.goto('/integrations/shops');
  await page.getByTestId('connection').getByRole('link').first().click();
  await page.waitForURL(/\/integrations\/shops\/[0-9a-f-]{36}$/);
  pages.push([new URL(page.url()).pathname, 'connection-detail']);
  await page.goto('/integrations/webhooks');
  await page.getByTestId('webhook-endpoint').getByRole('link').first().click();
  await page.waitForURL(/\/integrations\/webhooks\/[0-9a-f-]{36}$/);
  pages.push([new URL(page.url()).pathname, 'webhook-detail']);
  for (const [path, name] of pages) {
    await page.goto(path);
    await page.locator('main h1').first().waitFor();
    await screenshot(page, name);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect({ path, overflow }).toEqual({ path, overflow: 0 });
  }
});

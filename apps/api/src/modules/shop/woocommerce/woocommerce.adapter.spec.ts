import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  type FakeWooCommerce,
  phpJsonEncode,
  startFakeWooCommerce,
} from '../../../../test/fakes/woocommerce-fake';
import { DomainError } from '../../../common/domain-error';
import type { AdapterContext, InboundRequest } from '../shop-adapter';
import type { ShopConnection } from '../shop-connection.entity';
import { WooCommerceAdapter } from './woocommerce.adapter';
import { checkWooSignature, wooSignature } from './woocommerce.signature';

const FIXTURES = path.join(__dirname, '../../../../test/fixtures/woocommerce');
const SECRET = 'Zr8xQ2v1nLk0pW7y_Jd3sF5aH9cB4mTe';
const adapter = new WooCommerceAdapter();

function context(
  overrides: Partial<AdapterContext> = {},
  settings: ShopConnection['settings'] = {},
): AdapterContext {
  const connection = {
    id: '7d0f6a52-0000-4000-8000-000000000001',
    platform: 'woocommerce',
    siteUrl: 'https://pizzeria-da-gino.example',
    settings,
  } as ShopConnection;
  return {
    connection,
    credentials: { webhookSecret: SECRET, consumerKey: 'ck_abc', consumerSecret: 'cs_def' },
    timeoutMs: 2000,
    allowPrivateTargets: true,
    now: Date.now(),
    ...overrides,
  };
}

/** A body serialised the way WordPress does it, with the headers WooCommerce sends. */
function delivery(
  fixture: string,
  headers: Record<string, string | undefined> = {},
  secret = SECRET,
): InboundRequest {
  const order: unknown = JSON.parse(fs.readFileSync(path.join(FIXTURES, `${fixture}.json`), 'utf8'));
  const rawBody = Buffer.from(phpJsonEncode(order), 'utf8');
  return {
    rawBody,
    pathSecret: null,
    headers: {
      'content-type': 'application/json',
      'x-wc-webhook-source': 'https://pizzeria-da-gino.example/',
      'x-wc-webhook-topic': 'order.created',
      'x-wc-webhook-resource': 'order',
      'x-wc-webhook-event': 'created',
      'x-wc-webhook-id': '12',
      'x-wc-webhook-delivery-id': 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
      'x-wc-webhook-signature': createHmac('sha256', secret).update(rawBody).digest('base64'),
      ...headers,
    },
  };
}

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('WooCommerceAdapter.inbound', () => {
  it('answers the creation ping (form-encoded webhook_id, unsigned) without reading an order', async () => {
    const ping: InboundRequest = {
      rawBody: Buffer.from('webhook_id=12'),
      pathSecret: null,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    };
    await expect(adapter.inbound(ping, context())).resolves.toEqual({ kind: 'ping' });
  });

  it('reads a correctly signed order, verifying the exact bytes (with PHP \\u escapes)', async () => {
    const request = delivery('entities-accents');
    expect(request.rawBody.toString('utf8')).toContain('"last_name":"N\\u00fa\\u00f1ez"');
    const inbound = await adapter.inbound(request, context());
    expect(inbound).toMatchObject({
      kind: 'order',
      shopOrderId: '4714',
      order: {
        customer: { name: 'José Núñez' },
        items: [
          { name: 'Pizza Quattro Stagioni – Grande' },
          { name: 'Caffè' },
          { name: 'Spaghetti all’amatriciana & pecorino' },
        ],
      },
    });
  });

  it('finds headers whatever their case', async () => {
    const request = delivery('cod-delivery');
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([key, value]) => [key.toUpperCase(), value]),
    );
    await expect(adapter.inbound({ ...request, headers }, context())).resolves.toMatchObject({
      kind: 'order',
    });
    expect(adapter.deliveryId({ ...request, headers })).toBe('a1b2c3d4e5f60718293a4b5c6d7e8f90');
  });

  it('refuses a delivery without a signature, even one that looks like a ping plus JSON', async () => {
    const error = await refusal(
      adapter.inbound(delivery('cod-delivery', { 'x-wc-webhook-signature': undefined }), context()),
    );
    expect(error.code).toBe('invalid_signature');
    expect(error.message).toMatch(/X-WC-Webhook-Signature is missing/);
  });

  it.each([
    { case: 'signed with another secret', request: () => delivery('cod-delivery', {}, 'another-secret') },
    {
      case: 'a hex signature instead of base64',
      request: () =>
        delivery('cod-delivery', {
          'x-wc-webhook-signature': createHmac('sha256', SECRET).update('x').digest('hex'),
        }),
    },
    {
      case: 'a body changed after signing',
      request: () => {
        const original = delivery('cod-delivery');
        const tampered = original.rawBody.toString('utf8').replace('"total":"36.00"', '"total":"3.60"');
        return { ...original, rawBody: Buffer.from(tampered) };
      },
    },
    {
      case: 'the same JSON re-serialised (signature is over bytes, not meaning)',
      request: () => {
        const original = delivery('entities-accents');
        const reserialised = JSON.stringify(JSON.parse(original.rawBody.toString('utf8')));
        return { ...original, rawBody: Buffer.from(reserialised) };
      },
    },
  ])('refuses $case', async ({ request }) => {
    const error = await refusal(adapter.inbound(request(), context()));
    expect(error.code).toBe('invalid_signature');
    expect(error.message).toMatch(/does not match the body/);
  });

  it('ignores other topics (after checking the signature)', async () => {
    await expect(
      adapter.inbound(delivery('cod-delivery', { 'x-wc-webhook-topic': 'order.updated' }), context()),
    ).resolves.toEqual({
      kind: 'ignored',
      shopOrderId: null,
      reason: expect.stringMatching(/topic order.updated is not imported/),
    });
    const forged = delivery('cod-delivery', { 'x-wc-webhook-topic': 'order.updated' }, 'wrong');
    expect((await refusal(adapter.inbound(forged, context()))).code).toBe('invalid_signature');
  });

  it('ignores a checkout draft', async () => {
    await expect(adapter.inbound(delivery('checkout-draft'), context())).resolves.toMatchObject({
      kind: 'ignored',
      shopOrderId: '4715',
    });
  });

  it('uses the connection’s pickup methods', async () => {
    const request = delivery('paid-delivery-stripe');
    await expect(
      adapter.inbound(request, context({}, { pickupMethods: ['flat_rate'] })),
    ).resolves.toMatchObject({
      order: { type: 'pickup' },
    });
    await expect(adapter.inbound(request, context({}, { pickupMethods: [] }))).resolves.toMatchObject({
      order: { type: 'delivery' },
    });
  });

  it('refuses an unreadable signed body with validation_failed', async () => {
    const rawBody = Buffer.from('{"id":');
    const request: InboundRequest = {
      rawBody,
      pathSecret: null,
      headers: {
        'x-wc-webhook-topic': 'order.created',
        'x-wc-webhook-signature': wooSignature(SECRET, rawBody),
      },
    };
    const error = await refusal(adapter.inbound(request, context()));
    expect(error.code).toBe('validation_failed');
    expect(error.message).toMatch(/not valid JSON/);
  });
});

describe('WooCommerce signature', () => {
  const body = Buffer.from('{"id":1}');

  it('is base64 HMAC-SHA256 of the body keyed by the secret', () => {
    // Independent expectation computed with OpenSSL semantics: HMAC-SHA256("s3cret", '{"id":1}').
    const expected = createHmac('sha256', 's3cret').update('{"id":1}').digest('base64');
    expect(wooSignature('s3cret', body)).toBe(expected);
    expect(expected).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it('accepts the right one (surrounding spaces tolerated) and refuses the rest', () => {
    const good = wooSignature('s3cret', body);
    expect(checkWooSignature('s3cret', good, body)).toBeNull();
    expect(checkWooSignature('s3cret', ` ${good} `, body)).toBeNull();
    expect(checkWooSignature('s3cret', undefined, body)).toBe('missing');
    expect(checkWooSignature('s3cret', '', body)).toBe('missing');
    expect(checkWooSignature('other', good, body)).toBe('mismatch');
    expect(checkWooSignature('s3cret', good.slice(0, -2), body)).toBe('mismatch');
    expect(checkWooSignature('s3cret', good, Buffer.from('{"id":2}'))).toBe('mismatch');
  });
});

describe('WooCommerceAdapter: delivery id and hints', () => {
  it('reads X-WC-Webhook-Delivery-ID, or null', () => {
    expect(adapter.deliveryId(delivery('cod-delivery'))).toBe('a1b2c3d4e5f60718293a4b5c6d7e8f90');
    expect(
      adapter.deliveryId(delivery('cod-delivery', { 'x-wc-webhook-delivery-id': undefined })),
    ).toBeNull();
    expect(adapter.deliveryId(delivery('cod-delivery', { 'x-wc-webhook-delivery-id': ' ' }))).toBeNull();
  });

  it('shows only masked credentials', () => {
    const hints = adapter.hints({
      webhookSecret: SECRET,
      consumerKey: 'ck_1234567890abcdef1234567890abcdef12341a2b',
      consumerSecret: 'cs_1234567890abcdef1234567890abcdef12343c4d',
    });
    expect(hints).toEqual({ consumerKey: 'ck_…1a2b', consumerSecret: 'cs_…3c4d' });
    expect(JSON.stringify(hints)).not.toContain(SECRET);
    expect(adapter.hints({ webhookSecret: SECRET })).toEqual({});
  });

  it('declares what the owner must give', () => {
    expect(adapter.platform).toBe('woocommerce');
    expect(adapter.idPrefix).toBe('wc');
    expect(adapter.requiredCredentials).toEqual(['consumerKey', 'consumerSecret']);
  });
});

describe('WooCommerceAdapter.pushStatus against the fake store', () => {
  let shop: FakeWooCommerce;
  let ctx: AdapterContext;

  beforeEach(async () => {
    shop = await startFakeWooCommerce();
    shop.addOrder({ id: 4711, status: 'processing' });
    ctx = context({
      connection: { ...context().connection, siteUrl: `${shop.url}/` },
      credentials: {
        webhookSecret: SECRET,
        consumerKey: shop.consumerKey,
        consumerSecret: shop.consumerSecret,
      },
    });
  });
  afterEach(async () => {
    await shop.close();
  });

  const accepted = {
    shopOrderId: '4711',
    status: 'completed' as const,
    note: 'Accepted on the printer at 19:31',
  };

  it('sets the status, then adds a private note, with Basic auth', async () => {
    const outcome = await adapter.pushStatus(accepted, ctx);
    expect(outcome).toMatchObject({ ok: true, statusCode: 201, error: null });
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(0);
    expect(shop.calls.map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual([
      'PUT /wp-json/wc/v3/orders/4711 200',
      'POST /wp-json/wc/v3/orders/4711/notes 201',
    ]);
    expect(shop.calls[0]!.body).toEqual({ status: 'completed' });
    expect(shop.calls[1]!.body).toEqual({ note: 'Accepted on the printer at 19:31', customer_note: false });
    expect(shop.calls.every((call) => call.consumerKey === shop.consumerKey)).toBe(true);
    expect(shop.status(4711)).toBe('completed');
    expect(shop.notesOf(4711)).toMatchObject([
      { note: 'Accepted on the printer at 19:31', customer_note: false },
    ]);
  });

  it('cancels with the reason', async () => {
    const outcome = await adapter.pushStatus(
      { shopOrderId: '4711', status: 'cancelled', note: 'Rejected on the printer at 19:31: TOO BUSY' },
      ctx,
    );
    expect(outcome.ok).toBe(true);
    expect(shop.status(4711)).toBe('cancelled');
    expect(shop.notesOf(4711)[0]!.note).toBe('Rejected on the printer at 19:31: TOO BUSY');
  });

  it('reports a store that is down, without adding a note; a retry repeats the status and lands', async () => {
    shop.failNext(1);
    const failed = await adapter.pushStatus(accepted, ctx);
    expect(failed).toMatchObject({
      ok: false,
      statusCode: 503,
      error: expect.stringMatching(
        /^PUT \/wp-json\/wc\/v3\/orders\/4711 answered HTTP 503 \(service_unavailable/,
      ),
    });
    expect(failed.response).toContain('Briefly unavailable');
    expect(shop.notesOf(4711)).toHaveLength(0);
    const retried = await adapter.pushStatus(accepted, ctx);
    expect(retried.ok).toBe(true);
    expect(shop.notesOf(4711)).toHaveLength(1);
  });

  it('reports the note call when only the note fails; the retry sets the status again, then notes', async () => {
    shop.failNext(1, (method, urlPath) => method === 'POST' && urlPath.endsWith('/notes'));
    const outcome = await adapter.pushStatus(accepted, ctx);
    expect(outcome).toMatchObject({
      ok: false,
      statusCode: 503,
      error: expect.stringMatching(/^POST \/wp-json\/wc\/v3\/orders\/4711\/notes answered HTTP 503/),
    });
    expect(shop.status(4711)).toBe('completed');
    const retried = await adapter.pushStatus(accepted, ctx);
    expect(retried.ok).toBe(true);
    expect(shop.calls.map((call) => `${call.method} ${call.status}`)).toEqual([
      'PUT 200',
      'POST 503',
      'PUT 200',
      'POST 201',
    ]);
    expect(shop.notesOf(4711)).toHaveLength(1);
  });

  it('reports a wrong consumer secret with WooCommerce’s own reason', async () => {
    const outcome = await adapter.pushStatus(accepted, {
      ...ctx,
      credentials: { ...ctx.credentials, consumerSecret: 'cs_wrong' },
    });
    expect(outcome).toMatchObject({
      ok: false,
      statusCode: 401,
      error:
        'PUT /wp-json/wc/v3/orders/4711 answered HTTP 401 (woocommerce_rest_authentication_error: Consumer secret is invalid.)',
    });
    expect(shop.status(4711)).toBe('processing');
  });

  it('reports an order that no longer exists in the store', async () => {
    const outcome = await adapter.pushStatus({ ...accepted, shopOrderId: '999' }, ctx);
    expect(outcome).toMatchObject({ ok: false, statusCode: 404 });
    expect(outcome.error).toMatch(/woocommerce_rest_shop_order_invalid_id/);
  });

  it('reports an unreachable store as a network failure, never throwing', async () => {
    const url = shop.url;
    await shop.close();
    const outcome = await adapter.pushStatus(accepted, {
      ...ctx,
      connection: { ...ctx.connection, siteUrl: url },
    });
    expect(outcome).toMatchObject({ ok: false, statusCode: null, response: null });
    expect(outcome.error).toMatch(/^PUT \/wp-json\/wc\/v3\/orders\/4711 failed: network: ECONNREFUSED/);
    shop = await startFakeWooCommerce();
  });

  it('refuses a private store address unless private targets are allowed', async () => {
    const outcome = await adapter.pushStatus(accepted, { ...ctx, allowPrivateTargets: false });
    expect(outcome).toMatchObject({ ok: false, statusCode: null });
    expect(outcome.error).toMatch(/blocked_target/);
    expect(shop.calls).toHaveLength(0);
  });
});

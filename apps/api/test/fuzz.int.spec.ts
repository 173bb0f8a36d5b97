// Property-based fuzzing over real HTTP. Intake: random bodies and mutations of a valid order only
// ever get 201/200/4xx, and a 201 is stored exactly as sent. Printer edge: random callbacks and
// polls get protocol answers, and an order changes status only on a valid answer for it.
// Runs are bounded and seeded: FUZZ_SEED / FUZZ_RUNS override; fast-check prints the seed and the
// counterexample path on failure, so `FUZZ_SEED=<seed>` replays it.
import fc from 'fast-check';
import { parseCallback } from '@goodcom/protocol';
import { minorDigits } from '../src/common/money';
import { sendRaw } from './fault-harness';
import {
  createApiKey,
  createPrinter,
  DIALECTS,
  http,
  orderBody,
  poll,
  signup,
  startServer,
  type TestServer,
  type TestTenant,
  wireOrderId,
} from './harness';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20261129);
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 250);
const settings = (numRuns = RUNS) => ({ seed: SEED, numRuns });

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON under test

/** Every field path of an order body that mutations aim at. */
const PATHS = [
  'externalId',
  'printerId',
  'type',
  'items',
  'items.0',
  'items.0.name',
  'items.0.quantity',
  'items.0.unitPrice',
  'items.0.options',
  'items.0.options.0',
  'items.0.options.0.name',
  'items.0.options.0.price',
  'items.0.note',
  'items.1.quantity',
  'deliveryFee',
  'fee',
  'discount',
  'total',
  'currency',
  'paymentMethod',
  'paid',
  'requiresConfirmation',
  'customer',
  'customer.name',
  'customer.phone',
  'customer.address',
  'customer.verified',
  'customer.previousOrders',
  'requestedAt',
  'notes',
] as const;

const text = fc.string({ unit: 'binary', maxLength: 40 });
const moneyLike = fc.oneof(
  fc.integer({ min: -100, max: 99_999_999 }).map((cents) => (cents / 100).toFixed(2)),
  fc.integer({ min: 0, max: 999_999 }),
  fc.double({ noNaN: false }),
  fc.stringMatching(/^-?\d{1,9}(\.\d{0,4})?$/),
  fc.constantFrom(1e308, 2 ** 64, '9999999999999999999999', '1e3', ' 1.00', '0.001', '0.000'),
);
/** Values that are often valid for some field and often not: the interesting boundary. */
const plausible = fc.oneof(
  text,
  moneyLike,
  fc.integer({ min: -2, max: 1001 }),
  fc.boolean(),
  fc.constantFrom('delivery', 'pickup', 'reservation', 'takeaway'),
  fc.constantFrom('EUR', 'JPY', 'KWD', 'USD', 'eur', 'EU'),
  fc
    .tuple(fc.date({ noInvalidDate: true }), fc.constantFrom('Z', '+01:00', '-09:30', ''))
    .map(([date, zone]) => date.toISOString().replace(/\.\d{3}Z$/, zone)),
  fc.constantFrom(null, [], {}, '', 'dup-1', 'DUP-1', 'dup-2'),
);
const hostile = fc.oneof(plausible, fc.jsonValue({ maxDepth: 3 }));

const validMoney = fc.oneof(
  fc.integer({ min: 0, max: 99_999 }).map((cents) => (cents / 100).toFixed(2)),
  fc.integer({ min: 0, max: 9_999 }),
);
const isoDate = fc
  .tuple(
    fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
    fc.constantFrom('Z', '+01:00', '-09:30'),
  )
  .map(([date, zone]) => date.toISOString().replace(/\.\d{3}Z$/, zone));
/** A value that is usually valid for the field: keeps enough mutated orders acceptable to read back. */
const VALID: Partial<Record<(typeof PATHS)[number], fc.Arbitrary<unknown>>> = {
  externalId: fc.oneof(fc.stringMatching(/^[\x21-\x7e]{1,24}$/), fc.constantFrom('dup-1', 'DUP-1', 'dup-2')),
  type: fc.constantFrom('delivery', 'pickup', 'reservation'),
  'items.0.name': fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
  'items.0.quantity': fc.integer({ min: 1, max: 999 }),
  'items.0.unitPrice': validMoney,
  'items.0.options.0.name': fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
  'items.0.options.0.price': validMoney,
  'items.0.note': fc.string({ unit: 'binary', maxLength: 120 }),
  'items.1.quantity': fc.integer({ min: 1, max: 999 }),
  deliveryFee: validMoney,
  fee: validMoney,
  discount: validMoney,
  total: validMoney,
  currency: fc.constantFrom('EUR', 'JPY', 'KWD', 'USD'),
  paymentMethod: fc.string({ unit: 'binary', maxLength: 64 }),
  paid: fc.boolean(),
  requiresConfirmation: fc.boolean(),
  'customer.name': fc.string({ unit: 'binary', maxLength: 80 }),
  'customer.phone': fc.string({ maxLength: 50 }),
  'customer.address': fc.string({ unit: 'binary', maxLength: 200 }),
  'customer.verified': fc.boolean(),
  'customer.previousOrders': fc.nat({ max: 1_000_000 }),
  requestedAt: isoDate,
  notes: fc.string({ unit: 'binary', maxLength: 300 }),
};

const setMutation = fc.constantFrom(...PATHS).chain((path) => {
  const valid = VALID[path];
  return fc.record({
    kind: fc.constant('set' as const),
    path: fc.constant<string>(path),
    value: valid ? fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: hostile }) : hostile,
  });
});

type Mutation =
  | { kind: 'set'; path: string; value: unknown }
  | { kind: 'delete'; path: string }
  | { kind: 'unknown'; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 6,
    arbitrary: setMutation,
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('delete' as const), path: fc.constantFrom(...PATHS) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('unknown' as const),
      key: fc.string({ maxLength: 8 }),
      value: hostile,
    }),
  },
);

function applyMutation(body: Body, change: Mutation): void {
  if (change.kind === 'unknown') {
    if (!(change.key in body)) body[change.key] = change.value;
    return;
  }
  const keys = change.path.split('.');
  let parent: Body | undefined = body;
  for (const key of keys.slice(0, -1)) {
    const child: unknown = parent?.[key];
    if (child === null || typeof child !== 'object') return; // an earlier mutation removed it
    parent = child;
  }
  const last = keys.at(-1)!;
  if (parent === undefined) return;
  if (change.kind === 'delete') delete parent[last];
  else parent[last] = change.value;
}

/** Major units as the API shows them: the currency's decimals, no float arithmetic. */
function shownMoney(value: unknown, currency: string): string {
  const text = typeof value === 'number' || typeof value === 'string' ? String(value) : '0';
  const [whole = '0', fraction = ''] = text.split('.');
  const digits = minorDigits(currency);
  const units = String(Number(whole));
  return digits === 0 ? units : `${units}.${fraction.padEnd(digits, '0').slice(0, digits)}`;
}

/** What GET /orders/:id must show for a body the API accepted with 201. */
function expectedView(body: Body, defaultPrinterId: string) {
  const currency: string = body['currency'] ?? 'EUR';
  const money = (value: unknown) => shownMoney(value, currency);
  const customer = body['customer'] ?? {};
  return {
    externalId: body['externalId'],
    printerId: body['printerId'] ?? defaultPrinterId,
    type: body['type'],
    currency,
    items: (body['items'] as Body[]).map((item) => ({
      name: item['name'],
      quantity: item['quantity'],
      unitPrice: money(item['unitPrice']),
      options: ((item['options'] ?? []) as Body[]).map((o) => ({
        name: o['name'],
        price: money(o['price']),
      })),
      note: item['note'] ?? null,
    })),
    deliveryFee: money(body['deliveryFee']),
    fee: money(body['fee']),
    discount: money(body['discount']),
    total: money(body['total']),
    paymentMethod: body['paymentMethod'] ?? null,
    paid: body['paid'] ?? false,
    requiresConfirmation: body['requiresConfirmation'] ?? null,
    customer: {
      name: customer['name'] ?? null,
      phone: customer['phone'] ?? null,
      address: customer['address'] ?? null,
      verified: customer['verified'] ?? null,
      previousOrders: customer['previousOrders'] ?? null,
    },
    requestedAt:
      body['requestedAt'] === undefined ? null : new Date(Date.parse(body['requestedAt'])).toISOString(),
    notesFromShop: body['notes'] ?? null,
  };
}

function shownView(order: Body) {
  const picked: Body = {};
  for (const key of Object.keys(expectedView(orderBody('x'), ''))) picked[key] = order[key];
  return picked;
}

describe.each(DIALECTS)('fuzzing on %s', (dialect) => {
  let server: TestServer;
  let owner: TestTenant;
  let apiKey: string;
  let defaultPrinterId: string;

  beforeAll(async () => {
    server = await startServer(dialect, { UNKNOWN_TOKEN_ATTEMPTS_PER_MINUTE: '100000' });
    owner = await signup(server, 'Fuzz');
    defaultPrinterId = (await createPrinter(server, owner)).id;
    apiKey = await createApiKey(server, owner);
  });

  afterAll(async () => {
    await server.stop();
  });

  const post = (body: string | Buffer) =>
    sendRaw(server.baseUrl, 'POST', '/api/v1/orders', body, {
      'content-type': 'application/json',
      'x-api-key': apiKey,
    });

  function expectClearRefusal(res: { status: number; body: Body | undefined }): void {
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body).toEqual(
      expect.objectContaining({ code: expect.any(String), message: expect.stringMatching(/\S/) }),
    );
  }

  it('random JSON-ish bodies get a clear 4xx, never a 5xx', async () => {
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 5 }).map((value) => JSON.stringify(value) ?? 'null'),
      fc
        .dictionary(fc.constantFrom(...PATHS.filter((p) => !p.includes('.')), 'x', '__proto__'), hostile)
        .map((value) => JSON.stringify(value)),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
      fc.string({ unit: 'binary', maxLength: 300 }),
    );
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const res = await post(payload);
        if (res.status === 201 || res.status === 200) return; // checked by the mutation property
        expectClearRefusal(res);
      }),
      settings(),
    );
  });

  it('mutations of a valid order: 201/200/4xx only; a 201 reads back exactly as sent', async () => {
    const accepted = new Map<string, string>(); // externalId → order id, for 200s
    let run = 0;
    let created = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        run += 1;
        const body: Body = orderBody(`fuzz-${SEED}-${run}`);
        for (const change of mutations) applyMutation(body, change);
        const res = await post(JSON.stringify(body));
        if (res.status === 201) {
          const got = await http(server, 'GET', `/api/v1/orders/${res.body.id}`, { token: owner.token });
          expect(got.status).toBe(200);
          expect(shownView(got.body)).toEqual(expectedView(body, defaultPrinterId));
          accepted.set(body['externalId'], res.body.id);
          created += 1;
        } else if (res.status === 200) {
          // Only an externalId seen before may answer 200, and with that same order.
          expect(res.body.id).toBe(accepted.get(body['externalId']));
          expect(res.body.externalId).toBe(body['externalId']);
        } else {
          expectClearRefusal(res);
          const id = body['externalId'];
          if (typeof id === 'string' && /^[\x21-\x7e]{1,128}$/.test(id) && !accepted.has(id)) {
            const stored = await http(server, 'GET', `/api/v1/orders?externalId=${encodeURIComponent(id)}`, {
              token: owner.token,
            });
            // (MariaDB's filter ignores letter case, so compare the ids exactly.)
            expect(stored.body.items.filter((o: { externalId: string }) => o.externalId === id)).toEqual([]);
          }
        }
      }),
      settings(),
    );
    // Enough mutations stay valid for the read-back check to have been exercised.
    expect(created).toBeGreaterThan(RUNS / 10);
  });

  describe('the printer edge', () => {
    let printer: Awaited<ReturnType<typeof createPrinter>>;
    let served: { id: string; number: number; wire: string };
    const answered: { id: string; number: number; status: string }[] = [];
    let sequence = 0;

    /** Queues a new order for the edge printer and lets the printer fetch it: the order under test. */
    async function serveNext(): Promise<void> {
      sequence += 1;
      const order = await http(server, 'POST', '/api/v1/orders', {
        apiKey,
        body: orderBody(`edge-${SEED}-${sequence}`, { printerId: printer.id }),
      });
      expect(order.body.status).toBe('queued');
      const polled = await poll(server, printer.pollUrl);
      expect(wireOrderId(polled.text)).toBe(String(order.body.number));
      served = { id: order.body.id, number: order.body.number, wire: polled.text };
    }

    const statusOf = async (id: string): Promise<string> =>
      (await http(server, 'GET', `/api/v1/orders/${id}`, { token: owner.token })).body.status;

    beforeAll(async () => {
      printer = await createPrinter(server, owner, { name: 'Edge' });
      await serveNext();
    });

    const VALUE_TOKENS = ['{n}', '{prev}', ' {n} ', '0{n}', '{n}x', '-{n}'];
    const param = fc.tuple(
      fc.oneof(
        fc.constantFrom(
          'a',
          'o',
          'ak',
          'm',
          'dt',
          'u',
          'p',
          'ordernumber',
          'status',
          'reason',
          'O',
          'AK',
          ' o',
        ),
        fc.string({ maxLength: 5 }),
      ),
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...VALUE_TOKENS) },
        {
          weight: 3,
          arbitrary: fc.constantFrom('Accepted', 'Rejected', 'accepted', 'REJECTED', 'Accept', 'OK', ''),
        },
        { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
        { weight: 1, arbitrary: fc.integer().map(String) },
        { weight: 1, arbitrary: fc.constantFrom('%', '%ZZ', '%FF%FE', '1e3', '9999999999999999999999') },
      ),
    );
    // Half the requests carry an answer-shaped core, so valid answers are common enough to matter.
    const answerCore = fc
      .tuple(
        fc.constantFrom('{n}', ' {n} ', '0{n}', '{prev}', '{n}x'),
        fc.constantFrom('Accepted', 'Rejected', 'accepted', 'REJECTED', 'Maybe'),
      )
      .map(([o, ak]): [string, string][] => [
        ['o', o],
        ['ak', ak],
      ]);
    const request = fc.record({
      params: fc.oneof(
        fc.array(param, { maxLength: 8 }),
        fc.tuple(answerCore, fc.array(param, { maxLength: 4 })).map(([core, noise]) => [...noise, ...core]),
      ),
      method: fc.constantFrom('GET', 'POST form', 'POST text', 'POST json'),
    });

    /** The params as the printer would send them; `%…` garbage stays raw to test lenient decoding. */
    function encode(params: [string, string][], number: number, previous: number): string {
      const fill = (value: string) =>
        value.replaceAll('{n}', String(number)).replaceAll('{prev}', String(previous || number + 1000));
      const part = (value: string) => (/^%/.test(value) ? value : encodeURIComponent(fill(value)));
      return params.map(([key, value]) => `${part(key)}=${part(value)}`).join('&');
    }

    it('random callbacks get "200 OK" and change an order only when they are its valid answer', async () => {
      await fc.assert(
        fc.asyncProperty(request, async ({ params, method }) => {
          const previous = answered.at(-1);
          const query = encode(params, served.number, previous?.number ?? 0);
          const cbPath = new URL(printer.callbackUrl).pathname;
          const res =
            method === 'GET'
              ? await sendRaw(server.baseUrl, 'GET', `${cbPath}?${query}`, undefined)
              : await sendRaw(
                  server.baseUrl,
                  'POST',
                  cbPath,
                  method === 'POST json' ? JSON.stringify({ q: query }) : query,
                  {
                    'content-type':
                      method === 'POST form'
                        ? 'application/x-www-form-urlencoded'
                        : method === 'POST json'
                          ? 'application/json'
                          : 'text/plain',
                  },
                );
          expect({ status: res.status, text: res.text }).toEqual({ status: 200, text: 'OK' });

          // What the printer said, read by the protocol library from exactly what the API received.
          const sent = method === 'POST json' ? JSON.stringify({ q: query }) : query;
          const parsed = parseCallback(sent);
          const validForServed =
            parsed.ok &&
            /^\d{1,9}$/.test(parsed.value.orderId.trim()) &&
            Number(parsed.value.orderId.trim()) === served.number;
          const now = await statusOf(served.id);
          if (validForServed) {
            expect(now).toBe(parsed.value.outcome === 'accepted' ? 'completed' : 'cancelled');
          } else {
            expect(now).toBe('printing');
          }
          // Nothing ever changes an order that was already answered.
          if (previous) expect(await statusOf(previous.id)).toBe(previous.status);
          if (now !== 'printing') {
            answered.push({ ...served, status: now });
            await serveNext();
          }
        }),
        settings(),
      );
      // The property must have seen many valid answers too, or it proved little.
      expect(answered.length).toBeGreaterThan(RUNS / 10);
    });

    it('random poll queries and Range headers get a protocol answer with the served order', async () => {
      const range = fc.oneof(
        fc.constant(undefined),
        fc.string({ maxLength: 30 }),
        fc
          .tuple(fc.option(fc.nat({ max: 5000 })), fc.option(fc.nat({ max: 5000 })))
          .map(([from, to]) => `bytes=${from ?? ''}-${to ?? ''}`),
      );
      const query = fc.array(
        fc.tuple(fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 12 })),
        {
          maxLength: 5,
        },
      );
      await fc.assert(
        fc.asyncProperty(range, query, async (rangeHeader, params) => {
          const search = params
            .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
            .join('&');
          const res = await sendRaw(
            server.baseUrl,
            'GET',
            `${new URL(printer.pollUrl).pathname}?${search}`,
            undefined,
            rangeHeader === undefined ? {} : { range: rangeHeader },
          );
          expect([200, 206, 416]).toContain(res.status);
          if (res.status === 200) expect(res.text).toBe(served.wire);
          if (res.status === 206) expect(Buffer.from(served.wire).includes(Buffer.from(res.text))).toBe(true);
          expect(await statusOf(served.id)).toBe('printing');
        }),
        settings(Math.ceil(RUNS / 2)),
      );
    });
  });
});

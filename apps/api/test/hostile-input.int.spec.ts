// Hostile input on every public endpoint: each case must get a 4xx whose code and message name the
// problem (never a 5xx), and nothing may be stored. Injection strings are either refused or stored
// and shown back literally.
import { decodeOrder } from '@goodcom/protocol';
import { listAll, sendRaw } from './fault-harness';
import {
  callback,
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

const DEEP = 10_000;
const deepArrays = '['.repeat(DEEP) + ']'.repeat(DEEP);
const deepObjects = '{"a":'.repeat(DEEP) + '1' + '}'.repeat(DEEP);
const TEN_MB = 10 * 1024 * 1024;
const PASSWORD = 'correct horse battery';

/** SQL, HTML/script, template and protocol-separator payloads; also plain hard Unicode. */
const INJECTIONS = [
  "Robert'); DROP TABLE orders;--",
  "' OR '1'='1",
  '" OR ""="',
  '1; SELECT SLEEP(5); --',
  '<script>alert(document.cookie)</script>',
  '<img src=x onerror=alert(1)>',
  '${7*7} {{7*7}} #{7*7} <%= 7*7 %>',
  '%00%27%22 \\x27 \\u0027',
  '#*;%% | \\ NUL:\u0000 BEL:\u0007',
  'Ω≈ç√∫ 漢字 🍕 مرحبا',
];

interface Endpoint {
  name: string;
  method: 'POST' | 'PATCH';
  path: string;
  headers: Record<string, string>;
  /** A fresh valid body: what each hostile case is built from. */
  valid: () => Record<string, unknown>;
  /** A string field hostile bytes are put into. */
  textField: string;
  /** An empty body: a no-op for PATCH, otherwise refused naming this missing field. */
  emptyRefusal: RegExp | null;
}

interface RawCase {
  name: string;
  body: (valid: Record<string, unknown>, textField: string) => Buffer | string | undefined;
  headers?: Record<string, string>;
  status: number;
  code: string;
  message: RegExp;
}

/** The valid body with the bytes inserted at the end of its `field` string value. */
function withBytes(valid: Record<string, unknown>, field: string, bytes: number[]): Buffer {
  const json = JSON.stringify(valid);
  const marker = `"${field}":${JSON.stringify(valid[field])}`;
  const at = json.indexOf(marker) + marker.length - 1; // just before the value's closing quote
  return Buffer.concat([Buffer.from(json.slice(0, at)), Buffer.from(bytes), Buffer.from(json.slice(at))]);
}

const JSON_TYPE = { 'content-type': 'application/json' };

const RAW_CASES: RawCase[] = [
  {
    name: 'truncated JSON',
    body: (v) => JSON.stringify(v).slice(0, -7),
    status: 400,
    code: 'malformed_json',
    message: /not valid JSON/,
  },
  {
    name: 'JSON with a trailing comma',
    body: (v) => JSON.stringify(v).replace(/}$/, ',}'),
    status: 400,
    code: 'malformed_json',
    message: /not valid JSON/,
  },
  {
    name: '10,000 nested objects',
    body: () => deepObjects,
    status: 400,
    code: 'validation_failed',
    message: /nested deeper than 32 levels/,
  },
  {
    name: '10,000 nested arrays inside a valid body',
    body: (v) => `${JSON.stringify(v).slice(0, -1)},"extra":${deepArrays}}`,
    status: 400,
    code: 'validation_failed',
    message: /nested deeper than 32 levels/,
  },
  {
    name: 'a 10 MB body',
    body: (v) => JSON.stringify({ ...v, padding: 'x'.repeat(TEN_MB) }),
    status: 413,
    code: 'payload_too_large',
    message: /larger than 262144 bytes/,
  },
  {
    name: 'invalid UTF-8 bytes in a string',
    body: (v, field) => withBytes(v, field, [0xff, 0xfe, 0xc3]),
    status: 400,
    code: 'malformed_json',
    message: /not valid UTF-8/,
  },
  {
    name: 'an overlong UTF-8 encoding of "/"',
    body: (v, field) => withBytes(v, field, [0xc0, 0xaf]),
    status: 400,
    code: 'malformed_json',
    message: /not valid UTF-8/,
  },
  {
    name: 'an unpaired surrogate escape',
    body: (v, field) => JSON.stringify({ ...v, [field]: `${String(v[field])}\ud800` }),
    status: 400,
    code: 'validation_failed',
    message: /unpaired UTF-16 surrogate/,
  },
  {
    name: 'an array instead of an object',
    body: (v) => JSON.stringify([v]),
    status: 400,
    code: 'validation_failed',
    message: /must be a JSON object, not an array/,
  },
  { name: 'JSON null', body: () => 'null', status: 400, code: 'malformed_json', message: /not valid JSON/ },
  {
    name: 'a bare string',
    body: () => '"hello"',
    status: 400,
    code: 'malformed_json',
    message: /not valid JSON/,
  },
  {
    name: 'a bare 1e308',
    body: () => '1e308',
    status: 400,
    code: 'malformed_json',
    message: /not valid JSON/,
  },
  {
    name: 'an unknown field',
    body: (v) => JSON.stringify({ ...v, isAdmin: true }),
    status: 400,
    code: 'validation_failed',
    message: /property isAdmin should not exist/,
  },
  {
    name: 'a constructor.prototype payload',
    body: (v) => JSON.stringify({ ...v, constructor: { prototype: { role: 'support' } } }),
    status: 400,
    code: 'validation_failed',
    message: /property constructor should not exist/,
  },
  {
    name: 'a __proto__ payload',
    body: (v) => `{"__proto__":{"polluted":"yes","role":"support"},${JSON.stringify(v).slice(1)}`,
    status: 400,
    code: 'validation_failed',
    message: /property __proto__ should not exist/,
  },
  {
    name: 'text/plain',
    body: (v) => JSON.stringify(v),
    headers: { 'content-type': 'text/plain' },
    status: 415,
    code: 'unsupported_media_type',
    message: /Content-Type: application\/json/,
  },
  {
    name: 'a form body',
    body: () => 'name=x&email=y',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    status: 415,
    code: 'unsupported_media_type',
    message: /Content-Type: application\/json/,
  },
  {
    name: 'multipart',
    body: () => '--b\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--b--\r\n',
    headers: { 'content-type': 'multipart/form-data; boundary=b' },
    status: 415,
    code: 'unsupported_media_type',
    message: /Content-Type: application\/json/,
  },
  {
    name: 'no content type',
    body: (v) => Buffer.from(JSON.stringify(v)),
    headers: {},
    status: 415,
    code: 'unsupported_media_type',
    message: /Content-Type: application\/json/,
  },
  {
    name: 'a latin1 charset',
    body: (v) => JSON.stringify(v),
    headers: { 'content-type': 'application/json; charset=latin1' },
    status: 415,
    code: 'unsupported_media_type',
    message: /unsupported charset or encoding/,
  },
  {
    name: 'a corrupt gzip body',
    body: (v) => JSON.stringify(v),
    headers: { ...JSON_TYPE, 'content-encoding': 'gzip' },
    status: 400,
    code: 'malformed_json',
    message: /could not be read/,
  },
  {
    name: 'an unknown content encoding',
    body: (v) => JSON.stringify(v),
    headers: { ...JSON_TYPE, 'content-encoding': 'zstd-ish' },
    status: 415,
    code: 'unsupported_media_type',
    message: /unsupported charset or encoding/,
  },
];

describe.each(DIALECTS)('hostile input on %s', (dialect) => {
  let server: TestServer;
  let owner: TestTenant;
  let printer: Awaited<ReturnType<typeof createPrinter>>;
  let apiKey: string;
  let counter = 0;
  const unique = (prefix: string) => `${prefix}-${(counter += 1)}`;

  beforeAll(async () => {
    server = await startServer(dialect, { UNKNOWN_TOKEN_ATTEMPTS_PER_MINUTE: '100000' });
    owner = await signup(server, 'Hostile');
    printer = await createPrinter(server, owner);
    apiKey = await createApiKey(server, owner);
  });

  afterAll(async () => {
    await server.stop();
  });

  const session = () => ({ authorization: `Bearer ${owner.token}` });
  const ENDPOINTS: Endpoint[] = [
    {
      name: 'signup',
      method: 'POST',
      path: '/api/v1/auth/signup',
      headers: {},
      valid: () => ({
        restaurantName: 'Da Mario',
        email: `${unique('new')}@example.com`,
        password: PASSWORD,
      }),
      textField: 'restaurantName',
      emptyRefusal: /restaurantName/,
    },
    {
      name: 'login',
      method: 'POST',
      path: '/api/v1/auth/login',
      headers: {},
      valid: () => ({ email: owner.email, password: PASSWORD }),
      textField: 'email',
      emptyRefusal: /email/,
    },
    {
      name: 'order intake',
      method: 'POST',
      path: '/api/v1/orders',
      get headers() {
        return { 'x-api-key': apiKey };
      },
      valid: () => orderBody(unique('hostile')),
      textField: 'notes',
      emptyRefusal: /externalId/,
    },
    {
      name: 'printer create',
      method: 'POST',
      path: '/api/v1/printers',
      get headers() {
        return session();
      },
      valid: () => ({ name: 'Bar' }),
      textField: 'name',
      emptyRefusal: /name/,
    },
    {
      name: 'printer patch',
      method: 'PATCH',
      get path() {
        return `/api/v1/printers/${printer.id}`;
      },
      get headers() {
        return session();
      },
      valid: () => ({ name: 'Kitchen 2', pollIntervalSeconds: 5 }),
      textField: 'name',
      emptyRefusal: null,
    },
    {
      name: 'api-key create',
      method: 'POST',
      path: '/api/v1/api-keys',
      get headers() {
        return session();
      },
      valid: () => ({ name: 'Shop' }),
      textField: 'name',
      emptyRefusal: /name/,
    },
    {
      name: 'tenant patch',
      method: 'PATCH',
      path: '/api/v1/tenant',
      get headers() {
        return session();
      },
      valid: () => ({ name: 'Renamed', locale: 'it' }),
      textField: 'name',
      emptyRefusal: null,
    },
  ];

  /** Everything the owner can read; equal before and after a refused request = nothing stored. */
  async function state() {
    const get = async (urlPath: string) => (await http(server, 'GET', urlPath, { token: owner.token })).body;
    const keys = (await get('/api/v1/api-keys')).items.map((k: Record<string, unknown>) => ({
      ...k,
      lastUsedAt: undefined, // touched by every valid key use, at most once a minute
    }));
    return {
      orders: (await listAll(server, '/api/v1/orders', owner.token)).map((o) => o.id).sort(),
      printers: (await get('/api/v1/printers')).items,
      keys,
      tenant: await get('/api/v1/tenant'),
      users: await get('/api/v1/users'),
    };
  }

  async function expectAccountAbsent(body: Record<string, unknown>): Promise<void> {
    if (typeof body['email'] !== 'string' || body['email'] === owner.email) return;
    const login = await http(server, 'POST', '/api/v1/auth/login', {
      body: { email: body['email'], password: PASSWORD },
    });
    expect([400, 401]).toContain(login.status); // 400 when the refused email is not even well-formed
  }

  const rows = ENDPOINTS.flatMap((endpoint) => RAW_CASES.map((hostile) => ({ endpoint, hostile })));

  it.each(rows)('$endpoint.name: $hostile.name → 4xx, nothing stored', async ({ endpoint, hostile }) => {
    const before = await state();
    const valid = endpoint.valid();
    const res = await sendRaw(
      server.baseUrl,
      endpoint.method,
      endpoint.path,
      hostile.body(valid, endpoint.textField),
      { ...(hostile.headers ?? JSON_TYPE), ...endpoint.headers },
    );
    expect({ status: res.status, code: res.body?.code }).toEqual({
      status: hostile.status,
      code: hostile.code,
    });
    expect(res.body.message).toMatch(hostile.message);
    expect(res.body.correlationId).toEqual(expect.any(String));
    expect(await state()).toEqual(before);
    await expectAccountAbsent(valid);
  });

  it.each(ENDPOINTS)(
    '$name: an empty JSON body is refused naming a field, or changes nothing',
    async (endpoint) => {
      const before = await state();
      const res = await sendRaw(server.baseUrl, endpoint.method, endpoint.path, undefined, {
        ...JSON_TYPE,
        ...endpoint.headers,
      });
      if (endpoint.emptyRefusal === null) {
        expect(res.status).toBe(200);
      } else {
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('validation_failed');
        expect(res.body.message).toMatch(endpoint.emptyRefusal);
      }
      expect(await state()).toEqual(before);
    },
  );

  it('none of the above polluted a prototype or changed who the owner is', async () => {
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const me = await http(server, 'GET', '/api/v1/auth/me', { token: owner.token });
    expect(me.body.user.role).toBe('owner');
  });

  /** Field-level refusals: the 400 names the field (in `details` and in the message). */
  const FIELD_CASES: { endpoint: string; field: string; value: unknown }[] = [
    ...[1e308, 2 ** 64, -1, 0, 1.5, '2', null, '9999999999999999999999'].map((value) => ({
      endpoint: 'order intake',
      field: 'items.0.quantity',
      value,
    })),
    ...[1e308, 2 ** 64, '9999999999999999999999', -7.5, '-7.50', '1e3', '7.5001', ' 7.50', true, {}, []].map(
      (value) => ({ endpoint: 'order intake', field: 'items.0.unitPrice', value }),
    ),
    ...[1e308, -1, '-0.01', 'NaN', 'Infinity', '0x10', null].map((value) => ({
      endpoint: 'order intake',
      field: 'total',
      value,
    })),
    { endpoint: 'order intake', field: 'deliveryFee', value: -2 },
    { endpoint: 'order intake', field: 'discount', value: '-1.00' },
    { endpoint: 'order intake', field: 'items.0.options.0.price', value: -1 },
    ...[{}, [], 'pizza', [null], [[]], 7].map((value) => ({
      endpoint: 'order intake',
      field: 'items',
      value,
    })),
    ...[{}, [1], 'extra'].map((value) => ({ endpoint: 'order intake', field: 'items.0.options', value })),
    ...['', 123, 'x'.repeat(201), null].map((value) => ({
      endpoint: 'order intake',
      field: 'items.0.name',
      value,
    })),
    ...['Giulia', 42, [{ name: 'Giulia' }]].map((value) => ({
      endpoint: 'order intake',
      field: 'customer',
      value,
    })),
    ...[-1, 1e308, 'many'].map((value) => ({
      endpoint: 'order intake',
      field: 'customer.previousOrders',
      value,
    })),
    ...['takeaway', 0, null].map((value) => ({ endpoint: 'order intake', field: 'type', value })),
    ...['', 'has space', 42, 'x'.repeat(129), null, 'tab\there'].map((value) => ({
      endpoint: 'order intake',
      field: 'externalId',
      value,
    })),
    ...['2026-13-45T99:99:00Z', 'tomorrow', 1_700_000_000].map((value) => ({
      endpoint: 'order intake',
      field: 'requestedAt',
      value,
    })),
    ...['eur', 'EURO', 7].map((value) => ({ endpoint: 'order intake', field: 'currency', value })),
    ...['yes', 1].map((value) => ({ endpoint: 'order intake', field: 'paid', value })),
    ...[{}, 'x'.repeat(65)].map((value) => ({ endpoint: 'order intake', field: 'paymentMethod', value })),
    { endpoint: 'order intake', field: 'printerId', value: 'x'.repeat(37) },
    { endpoint: 'order intake', field: 'notes', value: 'x'.repeat(1001) },
    ...['', 123, 'x'.repeat(101)].map((value) => ({ endpoint: 'printer create', field: 'name', value })),
    ...[1e308, -1, 2 ** 64, '10', 1.5].map((value) => ({
      endpoint: 'printer patch',
      field: 'pollIntervalSeconds',
      value,
    })),
    { endpoint: 'printer patch', field: 'unansweredLimitSeconds', value: 1e308 },
    ...['#', '', '*;'].map((value) => ({ endpoint: 'printer patch', field: 'newlineToken', value })),
    { endpoint: 'printer patch', field: 'currencyPrefix', value: '</script>' },
    { endpoint: 'printer patch', field: 'textPolicy', value: 'utf16' },
    ...['Mars/Base', "'; DROP TABLE printers;--"].map((value) => ({
      endpoint: 'printer patch',
      field: 'timeZone',
      value,
    })),
    { endpoint: 'printer patch', field: 'isDefault', value: 'yes' },
    ...['', 'x'.repeat(121), 42].map((value) => ({ endpoint: 'tenant patch', field: 'name', value })),
    { endpoint: 'tenant patch', field: 'timeZone', value: 'Europe/Nowhere' },
    { endpoint: 'tenant patch', field: 'locale', value: 'xx' },
    { endpoint: 'tenant patch', field: 'intakeRule', value: 'none' },
    ...['cod', [1], Array(31).fill('cash'), ['']].map((value) => ({
      endpoint: 'tenant patch',
      field: 'cashPaymentMethods',
      value,
    })),
    ...['', 42, 'x'.repeat(101), null].map((value) => ({ endpoint: 'api-key create', field: 'name', value })),
    ...['not-an-email', 42, 'a@b'].map((value) => ({ endpoint: 'signup', field: 'email', value })),
    ...['short', 42, 'x'.repeat(201)].map((value) => ({ endpoint: 'signup', field: 'password', value })),
    { endpoint: 'signup', field: 'restaurantName', value: '' },
    { endpoint: 'signup', field: 'timeZone', value: 'Mars/Base' },
    ...[42, {}, 'x'.repeat(255)].map((value) => ({ endpoint: 'login', field: 'email', value })),
    ...[[], 'x'.repeat(201)].map((value) => ({ endpoint: 'login', field: 'password', value })),
  ];

  /** Sets `a.0.b`-style paths in a copy of the body. */
  function setPath(body: Record<string, unknown>, dotted: string, value: unknown): Record<string, unknown> {
    const copy = structuredClone(body);
    const keys = dotted.split('.');
    let target = copy;
    for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
    target[keys.at(-1)!] = value;
    return copy;
  }

  /** A short test title for a value (some are hundreds of characters long). */
  const label = (value: unknown) => {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 40 ? `${text.slice(0, 30)}… (${text.length} chars)` : text;
  };

  it.each(FIELD_CASES.map((row) => ({ ...row, label: label(row.value) })))(
    '$endpoint: $field = $label → 400 naming $field',
    async ({ endpoint, field, value }) => {
      const target = ENDPOINTS.find((e) => e.name === endpoint)!;
      const before = await state();
      const body = setPath(target.valid(), field, value);
      const res = await sendRaw(server.baseUrl, target.method, target.path, JSON.stringify(body), {
        ...JSON_TYPE,
        ...target.headers,
      });
      expect({ status: res.status, code: res.body?.code }).toEqual({
        status: 400,
        code: 'validation_failed',
      });
      const fields = (res.body.details ?? []).map((d: { field: string }) => d.field);
      expect(fields.some((f: string) => f === field || f.startsWith(`${field}.`))).toBe(true);
      expect(res.body.message).toContain(
        field
          .split('.')
          .filter((part) => !/^\d+$/.test(part))
          .at(-1),
      );
      expect(await state()).toEqual(before);
      await expectAccountAbsent(body);
    },
  );

  it('an externalId differing only in letter case is never answered with the other order', async () => {
    const first = await http(server, 'POST', '/api/v1/orders', { apiKey, body: orderBody('Case-Order-A') });
    expect(first.status).toBe(201);
    const before = await state();
    const second = await http(server, 'POST', '/api/v1/orders', { apiKey, body: orderBody('case-order-a') });
    if (second.status === 201) {
      // SQLite compares exactly: two orders.
      expect(second.body.id).not.toBe(first.body.id);
      expect(second.body.externalId).toBe('case-order-a');
    } else {
      // MariaDB's case-insensitive collation sees a collision: refused, naming the field.
      expect(second.status).toBe(400);
      expect(second.body).toMatchObject({ code: 'validation_failed' });
      expect(second.body.message).toMatch(/externalId differs only in letter case/);
      expect(await state()).toEqual(before);
    }
    const again = await http(server, 'POST', '/api/v1/orders', { apiKey, body: orderBody('Case-Order-A') });
    expect({ status: again.status, id: again.body.id }).toEqual({ status: 200, id: first.body.id });
  });

  it('an order for a printer that does not exist is a 404 and stores nothing', async () => {
    const before = await state();
    const res = await http(server, 'POST', '/api/v1/orders', {
      apiKey,
      body: orderBody(unique('nope'), { printerId: "' OR '1'='1" }),
    });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'not_found', message: 'Printer not found' });
    expect(await state()).toEqual(before);
  });

  it.each(INJECTIONS.map((text) => ({ text })))(
    'order intake stores $text literally and prints a well-formed frame',
    async ({ text }) => {
      const before = await state();
      const externalId = unique(`inj`);
      const sent = orderBody(externalId, {
        items: [
          { name: text.slice(0, 200), quantity: 1, unitPrice: '1.00', note: text },
          { name: 'Coca-Cola', quantity: 1, unitPrice: '2.50' },
        ],
        deliveryFee: '0.00',
        total: '3.50',
        customer: { name: text, phone: '+39 1', address: text },
        notes: text,
        paymentMethod: text.slice(0, 64),
      });
      const res = await http(server, 'POST', '/api/v1/orders', { apiKey, body: sent });
      expect(res.status).toBe(201);
      const got = (await http(server, 'GET', `/api/v1/orders/${res.body.id}`, { token: owner.token })).body;
      expect(got.items[0]).toMatchObject({ name: text.slice(0, 200), note: text });
      expect(got.customer).toMatchObject({ name: text, address: text });
      expect(got.notesFromShop).toBe(text);
      expect(got.paymentMethod).toBe(text.slice(0, 64));
      // The printer's frame survives the separators: the right order with both lines.
      const decoded = decodeOrder(got.wire);
      expect(decoded.orderId).toBe(String(got.number));
      expect(decoded.lines.filter((line) => line.kind === 'item')).toHaveLength(2);
      // Exactly one more order, and the tables still answer normally.
      const after = await state();
      expect(after.orders).toHaveLength(before.orders.length + 1);
      const search = await http(
        server,
        'GET',
        `/api/v1/orders?externalId=${encodeURIComponent(text.slice(0, 128))}`,
        {
          token: owner.token,
        },
      );
      expect(search.status).toBe(200);
      expect(search.body.items).toEqual([]);
    },
  );

  it.each(INJECTIONS.map((text) => ({ text })))(
    'names of printers, keys and the restaurant store $text literally',
    async ({ text }) => {
      const name = text.slice(0, 100);
      const created = await http(server, 'POST', '/api/v1/printers', { token: owner.token, body: { name } });
      expect(created.status).toBe(201);
      expect(created.body.name).toBe(name.trim());
      const key = await http(server, 'POST', '/api/v1/api-keys', { token: owner.token, body: { name } });
      expect(key.status).toBe(201);
      const keys = await http(server, 'GET', '/api/v1/api-keys', { token: owner.token });
      expect(keys.body.items.find((k: { id: string }) => k.id === key.body.id).name).toBe(name.trim());
      const renamed = await http(server, 'PATCH', '/api/v1/tenant', { token: owner.token, body: { name } });
      expect(renamed.status).toBe(200);
      expect((await http(server, 'GET', '/api/v1/tenant', { token: owner.token })).body.name).toBe(
        name.trim(),
      );
      const other = await http(server, 'POST', '/api/v1/auth/signup', {
        body: {
          restaurantName: text.slice(0, 120),
          email: `${unique('inj')}@example.com`,
          password: PASSWORD,
        },
      });
      expect(other.status).toBe(201);
      expect(other.body.tenant.name).toBe(text.slice(0, 120).trim());
      // Whoever is signed in, the injection never widens what they see.
      const tenants = await http(server, 'GET', `/api/v1/tenants?search=${encodeURIComponent(text)}`, {
        token: other.body.token,
      });
      expect(tenants.status).toBe(200);
      for (const tenant of tenants.body.items) expect(tenant.id).toBe(other.body.tenant.id);
    },
  );

  it.each([
    { email: "' OR '1'='1", password: "' OR '1'='1" },
    { email: `${'x'.repeat(60)}@example.com' --`, password: 'anything at all' },
    { email: 'admin@example.com"; DROP TABLE users; --', password: PASSWORD },
  ])('login with $email is a plain 401', async (body) => {
    const res = await http(server, 'POST', '/api/v1/auth/login', { body });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'invalid_credentials', message: 'Wrong email or password' });
  });

  it.each([
    { query: 'status=%27%20OR%201%3D1', field: 'status' },
    { query: 'limit=1e308', field: 'limit' },
    { query: 'limit=-1', field: 'limit' },
    { query: 'number=9999999999999999999999', field: 'number' },
    { query: 'externalId=a&externalId=b', field: 'externalId' },
    { query: 'from=yesterday', field: 'from' },
    { query: 'cursor=%7B%22receivedAt%22%3A1e308%7D', field: 'cursor' },
    { query: 'needsAttention=maybe', field: 'needsAttention' },
  ])('GET /api/v1/orders?$query → 400 naming $field', async ({ query, field }) => {
    const res = await http(server, 'GET', `/api/v1/orders?${query}`, { token: owner.token });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.message).toContain(field);
  });

  describe('the printer edge', () => {
    let pollUrl: string;
    let callbackUrl: string;
    let orderId: string;
    let number: number;
    let wire: string;

    beforeAll(async () => {
      // A printer of its own, with one order being served: the state every case must leave alone.
      const edge = await createPrinter(server, owner, { name: 'Edge' });
      pollUrl = edge.pollUrl;
      callbackUrl = edge.callbackUrl;
      const order = await http(server, 'POST', '/api/v1/orders', {
        apiKey,
        body: orderBody(unique('edge'), { printerId: edge.id }),
      });
      orderId = order.body.id;
      number = order.body.number;
      const served = await poll(server, pollUrl);
      wire = served.text;
      expect(wireOrderId(wire)).toBe(String(number));
    });

    async function orderStatus(): Promise<{ status: string; events: string[] }> {
      const res = await http(server, 'GET', `/api/v1/orders/${orderId}`, { token: owner.token });
      return { status: res.body.status, events: res.body.events.map((e: { type: string }) => e.type) };
    }

    const cbPath = () => new URL(callbackUrl).pathname;

    it.each([
      { name: 'no parameters', query: '' },
      { name: 'empty values', query: 'o=&ak=' },
      { name: 'no answer', query: 'o={n}' },
      { name: 'no order number', query: 'ak=Accepted' },
      { name: 'an unknown answer', query: 'o={n}&ak=Maybe' },
      { name: 'o=1e308', query: 'o=1e308&ak=Accepted' },
      { name: 'o=2^64', query: 'o=18446744073709551616&ak=Accepted' },
      { name: 'a 22-digit order number', query: 'o=9999999999999999999999&ak=Accepted' },
      { name: 'a negative order number', query: 'o=-{n}&ak=Accepted' },
      { name: 'a decimal order number', query: 'o={n}.0&ak=Accepted' },
      { name: 'a hex order number', query: 'o=0x{n}&ak=Accepted' },
      { name: 'SQL in the order number', query: "o={n}'%20OR%20'1'='1&ak=Accepted" },
      { name: 'SQL after the order number', query: 'o={n};DROP%20TABLE%20orders&ak=Rejected' },
      { name: 'broken percent-encoding', query: 'o=%&ak=%ZZ&m=%E0%A4%A' },
      { name: 'invalid UTF-8 percent bytes', query: 'o=%FF%FE&ak=Accepted' },
      { name: 'an array-style order number', query: 'o[]={n}&ak=Accepted' },
    ])('callback with $name: 200 OK, the served order is untouched', async ({ query }) => {
      const res = await sendRaw(
        server.baseUrl,
        'GET',
        `${cbPath()}?${query.replaceAll('{n}', String(number))}`,
        undefined,
      );
      expect({ status: res.status, text: res.text }).toEqual({ status: 200, text: 'OK' });
      expect(await orderStatus()).toEqual({ status: 'printing', events: ['received', 'queued', 'served'] });
    });

    it.each([
      { name: 'truncated JSON', body: '{"o":"{n}","ak":"Acc', type: 'application/json' },
      {
        name: 'JSON that looks like an answer',
        body: '{"o":"{n}","ak":"Accepted"}',
        type: 'application/json',
      },
      { name: 'deeply nested JSON', body: '['.repeat(2000) + ']'.repeat(2000), type: 'application/json' },
      {
        name: 'invalid UTF-8 bytes',
        body: Buffer.from([0x6f, 0x3d, 0xff, 0xfe, 0x26, 0x61, 0x6b, 0x3d]),
        type: 'x',
      },
      {
        name: 'a form with an unknown answer',
        body: 'o={n}&ak=Perhaps',
        type: 'application/x-www-form-urlencoded',
      },
      {
        name: 'binary garbage',
        body: Buffer.from([0, 1, 2, 3, 255, 254, 0, 10, 13]),
        type: 'application/octet-stream',
      },
    ])('callback POST with $name: 200 OK, the served order is untouched', async ({ body, type }) => {
      const payload = typeof body === 'string' ? body.replaceAll('{n}', String(number)) : body;
      const res = await sendRaw(server.baseUrl, 'POST', cbPath(), payload, { 'content-type': type });
      expect({ status: res.status, text: res.text }).toEqual({ status: 200, text: 'OK' });
      expect(await orderStatus()).toEqual({ status: 'printing', events: ['received', 'queued', 'served'] });
    });

    it('a 10 MB callback body is refused with 413 and changes nothing', async () => {
      const res = await sendRaw(
        server.baseUrl,
        'POST',
        cbPath(),
        `o=${number}&ak=Accepted&m=${'x'.repeat(TEN_MB)}`,
        {
          'content-type': 'application/x-www-form-urlencoded',
        },
      );
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('payload_too_large');
      expect(await orderStatus()).toEqual({ status: 'printing', events: ['received', 'queued', 'served'] });
    });

    it('a corrupt gzip callback body is a 400, not a 500', async () => {
      const res = await sendRaw(server.baseUrl, 'POST', cbPath(), `o=${number}&ak=Accepted`, {
        'content-type': 'application/x-www-form-urlencoded',
        'content-encoding': 'gzip',
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('malformed_json');
      expect(await orderStatus()).toEqual({ status: 'printing', events: ['received', 'queued', 'served'] });
    });

    it('a 20 KB query string is refused by the HTTP layer (431), not the app', async () => {
      const res = await sendRaw(
        server.baseUrl,
        'GET',
        `${cbPath()}?o=${number}&ak=Accepted&m=${'x'.repeat(20_000)}`,
        undefined,
      );
      expect(res.status).toBe(431);
      expect(await orderStatus()).toEqual({ status: 'printing', events: ['received', 'queued', 'served'] });
    });

    it.each([
      { range: 'bytes=abc', statuses: [200, 416] },
      { range: 'bytes=999999999999999999999-', statuses: [416] },
      { range: 'bytes=5-1', statuses: [200, 416] },
      { range: 'bytes=0-0,2-3,5-9', statuses: [200, 206, 416] },
      { range: 'items=0-10', statuses: [200, 416] },
      { range: `bytes=-${'9'.repeat(400)}`, statuses: [200, 206, 416] },
    ])('a poll with Range $range gets a protocol answer and the same order', async ({ range, statuses }) => {
      const res = await poll(server, pollUrl, { range });
      expect(statuses).toContain(res.status);
      if (res.status === 200) expect(res.text).toBe(wire);
      if (res.status === 206) expect(wire).toContain(res.text);
      expect((await orderStatus()).status).toBe('printing');
    });

    it.each([
      { name: 'SQL', token: "'%20OR%20'1'%3D'1" },
      { name: 'a 5000-character token', token: 'a'.repeat(5000) },
      { name: 'a NUL byte', token: '%00' },
      { name: 'path traversal', token: '..%2F..%2Fetc%2Fpasswd' },
      { name: 'the token with a suffix', token: '{token}x' },
    ])('a poll with $name as token is a bare 404', async ({ token }) => {
      const realToken = new URL(pollUrl).pathname.split('/')[2]!;
      const res = await sendRaw(
        server.baseUrl,
        'GET',
        `/gc/${token.replace('{token}', realToken)}/order?a=1`,
        undefined,
      );
      expect(res.status).toBe(404);
      expect(res.text).toBe('');
    });

    it('after all that, a valid Reject with an injection reason stores the reason literally', async () => {
      const reason = "<script>x</script>'; DROP TABLE orders;--";
      const res = await callback(server, callbackUrl, {
        o: String(number),
        ak: 'Rejected',
        m: reason,
        dt: '20:00',
      });
      expect({ status: res.status, text: res.text }).toEqual({ status: 200, text: 'OK' });
      const order = (await http(server, 'GET', `/api/v1/orders/${orderId}`, { token: owner.token })).body;
      expect(order.status).toBe('cancelled');
      expect(order.answer.message).toBe(reason);
      expect(order.notes[0].text).toMatch(new RegExp(`: ${reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
      expect(order.events.map((e: { type: string }) => e.type)).toEqual([
        'received',
        'queued',
        'served',
        'cancelled',
      ]);
    });
  });
});

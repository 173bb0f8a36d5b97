import fs from 'node:fs';
import path from 'node:path';
import { validateBody } from '../../../common/validation';
import { CreateOrderDto } from '../../order/dto/create-order.dto';
import {
  compareIds,
  formatCents,
  guessStatus,
  type Json,
  mapOrder,
  MappingError,
  orderFromResponse,
  orderPosition,
  ordersFromList,
  parseCents,
  parseShopTime,
  paymentIdWithoutName,
  readStatuses,
  readWebhook,
  shopError,
} from './framework360.mapping';

const FIXTURES = path.join(__dirname, '../../../../test/fixtures/framework360');

function fixture(name: string): Json {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8')) as Json;
}

/** Every mapped order must pass the same validation as POST /api/v1/orders. */
async function expectValid(order: object): Promise<void> {
  await expect(validateBody(CreateOrderDto, { ...order, externalId: 'fw360:test:1' })).resolves.toBeDefined();
}

describe('Framework360 order mapping', () => {
  it('maps the English (orders/create field names) COD delivery order', async () => {
    const { shopOrderId, order } = mapOrder(fixture('order-en-cod-delivery.json'));
    expect(shopOrderId).toBe('1042');
    expect(order).toEqual({
      type: 'delivery',
      items: [
        {
          name: 'Pizza Margherita',
          quantity: 2,
          unitPrice: '7.50',
          options: [{ name: 'Size: Large', price: '1.00' }],
          note: 'Well done',
        },
        { name: 'Coca-Cola 33cl', quantity: 1, unitPrice: '2.50' },
      ],
      deliveryFee: '2.50',
      fee: '1.50',
      discount: '2.00',
      total: '21.50',
      currency: 'EUR',
      paymentMethod: 'cod',
      paid: false,
      customer: {
        name: 'Giulia Rossi',
        phone: '+39 333 1234567',
        address: 'Via Garibaldi 12, 00153 Roma (RM)',
      },
      notes: 'Ring twice',
    });
    await expectValid(order);
  });

  it('maps the Italian-keyed order: comma decimals, variants object, a negative coupon line, zone-less time', async () => {
    const raw = fixture('order-it-contrassegno.json');
    const { shopOrderId, order } = mapOrder(raw);
    expect(shopOrderId).toBe('A-2031');
    expect(order).toEqual({
      type: 'delivery',
      items: [
        {
          name: 'Pizza Diavola',
          quantity: 2,
          unitPrice: '8.00',
          options: [
            { name: 'Impasto: Integrale', price: '0.00' },
            { name: 'Mozzarella di bufala', price: '2.00' },
          ],
          note: 'Poco piccante',
        },
        { name: 'Tiramisù', quantity: 1, unitPrice: '4.50' },
      ],
      deliveryFee: '2.50',
      fee: '1.00',
      discount: '3.00',
      total: '25.00',
      currency: 'EUR',
      paymentMethod: 'cod',
      paid: false,
      customer: {
        name: 'Mario Bianchi',
        phone: '02 1234567',
        address: 'Via Dante 5, scala B, 20121 Milano (MI)',
      },
      notes: 'Citofono rotto, chiamare\nRequested time: 20:30',
    });
    expect(orderPosition(raw)).toEqual({ time: Date.UTC(2026, 10, 29, 19, 10), id: 'A-2031' });
    await expectValid(order);
  });

  it('maps a paid pickup order: products/title/qty/unit_price, string options, no address, ISO requested time', async () => {
    const { shopOrderId, order } = mapOrder(fixture('order-pickup-paid.json'));
    expect(shopOrderId).toBe('1043');
    expect(order).toEqual({
      type: 'pickup',
      items: [
        {
          name: 'Poke Salmone',
          quantity: 1,
          unitPrice: '12.90',
          options: [
            { name: 'Riso venere', price: '0.00' },
            { name: 'Senza sesamo', price: '0.00' },
          ],
        },
        { name: 'Acqua naturale 50cl', quantity: 2, unitPrice: '1.00' },
      ],
      total: '14.90',
      currency: 'EUR',
      paymentMethod: 'PayPal',
      paid: true,
      customer: { name: 'Luca Verdi', phone: '+39 347 0000000' },
      requestedAt: '2026-11-29T19:45:00+01:00',
      notes: 'Call when ready',
    });
    await expectValid(order);
  });

  it('maps an order that carries only ids: nested cart object, line totals, weights, translated names, no total', async () => {
    const raw = fixture('order-ids-only.json');
    expect(paymentIdWithoutName(raw)).toBe('3');
    const plain = mapOrder(raw).order;
    expect(plain).toEqual({
      type: 'delivery',
      items: [
        { name: 'Lasagna al forno', quantity: 3, unitPrice: '9.50' },
        { name: 'Pane', quantity: 1, unitPrice: '2.00', note: 'affettato — Quantity: 0.5' },
      ],
      total: '30.50',
      currency: 'EUR',
      paymentMethod: 'payment-3',
      customer: {
        name: 'Trattoria Da Anna S.r.l.',
        phone: '011 555 1234',
        address: 'Corso Francia 100, 10143 Torino',
      },
    });
    await expectValid(plain);
    // With the shop's payment names and the owner's pickup methods, the ids mean COD pickup.
    const resolved = mapOrder(raw, {
      paymentNames: new Map([['3', 'Contrassegno']]),
      pickupMethods: ['7'],
    }).order;
    expect(resolved).toMatchObject({ type: 'pickup', paymentMethod: 'cod' });
    expect(resolved.customer).toEqual({ name: 'Trattoria Da Anna S.r.l.', phone: '011 555 1234' });
    expect(orderPosition(raw)).toEqual({ time: 1796065200_000, id: '1044' });
  });

  it.each([
    { label: 'contrassegno', name: 'Contrassegno' },
    { label: 'cash on delivery', name: 'Cash on Delivery' },
    { label: 'pagamento alla consegna', name: 'Pagamento alla consegna' },
    { label: 'cod', name: 'COD' },
    { label: 'contanti', name: 'Contanti al ritiro' },
  ])('treats "$label" as cash on delivery', ({ name }) => {
    const order = { id: 1, cart: [{ name: 'Pizza', price: 5 }], payment_method: name };
    expect(mapOrder(order).order.paymentMethod).toBe('cod');
  });

  it.each([
    { name: 'Carta di credito' },
    { name: 'PayPal' },
    { name: 'Satispay' },
    { name: 'Bonifico bancario' },
    { name: 'Cashback card' },
  ])('keeps "$name" as an online payment', ({ name }) => {
    const order = { id: 1, cart: [{ name: 'Pizza', price: 5 }], payment_method: name };
    expect(mapOrder(order).order.paymentMethod).toBe(name);
  });

  it.each([
    { shipping: 'Ritiro in negozio', type: 'pickup' },
    { shipping: 'Asporto', type: 'pickup' },
    { shipping: 'Pickup at the restaurant', type: 'pickup' },
    { shipping: 'Take away', type: 'pickup' },
    { shipping: 'Consegna a domicilio', type: 'delivery' },
    { shipping: 'Corriere espresso', type: 'delivery' },
  ])('reads shipping "$shipping" as $type', ({ shipping, type }) => {
    const order = { id: 1, cart: [{ name: 'Pizza', price: 5 }], shipping_method: { id: 9, title: shipping } };
    expect(mapOrder(order).order.type).toBe(type);
  });

  it.each([
    { status: 'Collected', paid: true },
    { status: 'Incassato', paid: true },
    { status: 'Pagato', paid: true },
    { status: 'Not collected', paid: false },
    { status: 'Non incassato', paid: false },
    { status: 'In attesa di pagamento', paid: false },
    { status: true, paid: true },
    { status: 0, paid: false },
    { status: 'mystery', paid: undefined },
  ])('reads payment status $status as paid=$paid', ({ status, paid }) => {
    const order = { id: 1, cart: [{ name: 'Pizza', price: 5 }], payment_status: status };
    expect(mapOrder(order).order.paid).toBe(paid);
  });

  it('computes the total when the order has none, and never prints floating-point garbage', async () => {
    const order = {
      id: 7,
      cart: [
        { name: 'A', quantity: 3, price: 0.1 },
        { name: 'B', quantity: 1, price: 0.2, options: [{ name: 'x', price: 0.1 }] },
      ],
      shipping_cost: '0,1',
    };
    const mapped = mapOrder(order).order;
    expect(mapped.total).toBe('0.70');
    expect(mapped.items.map((item) => item.unitPrice)).toEqual(['0.10', '0.20']);
    await expectValid(mapped);
  });

  it('prints variant surcharges as part of the name when the line price already includes them', () => {
    const line = { name: 'Pizza', quantity: 2, price: '8,50', variants: [{ name: 'Maxi', price: '1,00' }] };
    const included = mapOrder({ id: 1, cart: [line], total: '17,00' }).order;
    expect(included.items[0]!.options).toEqual([{ name: 'Maxi (+1.00)', price: '0.00' }]);
    const added = mapOrder({ id: 1, cart: [line], total: '19,00' }).order;
    expect(added.items[0]!.options).toEqual([{ name: 'Maxi', price: '1.00' }]);
  });

  it('keeps what fits our limits and reports what cannot be read, naming the field', () => {
    const long = 'x'.repeat(300);
    const mapped = mapOrder({
      id: 1,
      cart: [{ name: long, quantity: '1500', price: '1' }],
      note: long.repeat(4),
    });
    expect(mapped.order.items[0]).toMatchObject({ quantity: 1, note: 'Quantity: 1500' });
    expect(mapped.order.items[0]!.name).toHaveLength(200);
    expect(mapped.order.notes).toHaveLength(1000);

    const problem = (order: Json) => {
      try {
        mapOrder(order);
      } catch (error) {
        return error instanceof MappingError ? `${error.field}: ${error.problem}` : 'other';
      }
      return 'mapped';
    };
    expect(problem({ cart: [{ name: 'A', price: 1 }] })).toMatch(/^id: is missing/);
    expect(problem({ id: 'has space', cart: [{ name: 'A', price: 1 }] })).toMatch(/^id:/);
    expect(problem({ id: 1 })).toMatch(/^items: are missing/);
    expect(problem({ id: 1, cart: [{ price: 1 }] })).toMatch(/^items\.0\.name: is missing/);
    expect(problem({ id: 1, cart: [{ name: 'A', quantity: 'lots' }] })).toMatch(
      /^items\.0\.quantity: is not a number/,
    );
    expect(problem({ id: 1, cart: [{ name: 'A', quantity: 0 }] })).toMatch(/^items: has no line/);
    expect(problem({ id: 1, cart: [{ name: 'A', price: 1, unknown_field: { deep: [1, 2] } }] })).toBe(
      'mapped',
    );
  });
});

describe('Framework360 amounts and times', () => {
  it.each([
    { input: '7.50', cents: 750 },
    { input: '7,50', cents: 750 },
    { input: '7,5', cents: 750 },
    { input: '€ 7,50', cents: 750 },
    { input: '7.50 EUR', cents: 750 },
    { input: '1.234,56', cents: 123456 },
    { input: '1,234.56', cents: 123456 },
    { input: "1'234.50", cents: 123450 },
    { input: '1.234.567', cents: 123456700 },
    { input: '7.5000', cents: 750 },
    { input: '7.005', cents: 701 },
    { input: '-3,00', cents: -300 },
    { input: 7.5, cents: 750 },
    { input: 0.1 + 0.2, cents: 30 },
    { input: 12, cents: 1200 },
    { input: 'free', cents: null },
    { input: '', cents: null },
    { input: null, cents: null },
    { input: { amount: 1 }, cents: null },
  ])('parses $input as $cents cents', ({ input, cents }) => {
    expect(parseCents(input)).toBe(cents);
  });

  it('formats cents as two-decimal strings', () => {
    expect([0, 5, 750, 123456].map(formatCents)).toEqual(['0.00', '0.05', '7.50', '1234.56']);
  });

  it.each([
    { input: '2026-11-29 19:02:11', ms: Date.UTC(2026, 10, 29, 19, 2, 11) },
    { input: '2026-11-29T19:02:11+01:00', ms: Date.UTC(2026, 10, 29, 18, 2, 11) },
    { input: '29/11/2026 19:02', ms: Date.UTC(2026, 10, 29, 19, 2) },
    { input: '2026-11-29', ms: Date.UTC(2026, 10, 29) },
    { input: 1796065200, ms: 1796065200_000 },
    { input: '1796065200000', ms: 1796065200_000 },
    { input: 'yesterday', ms: null },
  ])('reads the shop time $input', ({ input, ms }) => {
    expect(parseShopTime(input)).toBe(ms);
  });

  it('compares numeric ids as numbers', () => {
    expect(compareIds('9', '10')).toBeLessThan(0);
    expect(compareIds('10', '10')).toBe(0);
    expect(compareIds('b', 'a')).toBeGreaterThan(0);
  });
});

describe('Framework360 webhooks and API answers', () => {
  it('reads a webhook carrying the order under data', () => {
    const meaning = readWebhook(fixture('webhook-order-created.json'));
    expect(meaning.kind).toBe('order');
    if (meaning.kind !== 'order') return;
    expect(mapOrder(meaning.order).order).toMatchObject({
      type: 'delivery',
      paymentMethod: 'cod',
      deliveryFee: '2.00',
      total: '11.00',
      items: [{ name: 'Calzone', quantity: 1, unitPrice: '9.00' }],
      customer: { name: 'Anna Neri', phone: '051 111222', address: 'Via Verdi 8, Bologna' },
    });
  });

  it.each([
    { label: 'an order_id', body: { event: 'order_created', order_id: 1046 }, id: '1046' },
    {
      label: 'an id under data',
      body: { event: 'order.created', id: 'evt_9', data: { id: 1046 } },
      id: '1046',
    },
    { label: 'a scalar data', body: { event: 'new_order', data: 1046 }, id: '1046' },
    { label: 'a bare id', body: { id: '1046' }, id: '1046' },
  ])('asks to fetch an order from $label', ({ body, id }) => {
    expect(readWebhook(body)).toEqual({ kind: 'fetch', shopOrderId: id });
  });

  it('ignores events that are not a creation, and treats bodies with neither order nor id as a ping', () => {
    expect(readWebhook(fixture('webhook-order-status-changed.json'))).toEqual({
      kind: 'ignored',
      shopOrderId: '1042',
      reason: 'Event "order.status_changed" is not an order creation',
    });
    expect(readWebhook(fixture('webhook-order-id-only.json'))).toEqual({
      kind: 'fetch',
      shopOrderId: '1046',
    });
    expect(readWebhook(fixture('webhook-test.json'))).toEqual({ kind: 'ping' });
    expect(readWebhook({})).toEqual({ kind: 'ping' });
    expect(readWebhook({ event: 'webhooks.test', data: fixture('order-en-cod-delivery.json') })).toEqual({
      kind: 'ping',
    });
    // An order's own `type` ("delivery") is not an event name.
    expect(readWebhook({ type: 'delivery', id: 3, cart: [{ name: 'A', price: 1 }] }).kind).toBe('order');
    expect(() => readWebhook([1, 2])).toThrow(MappingError);
    expect(() => readWebhook('text')).toThrow('body must be a JSON object');
  });

  it.each([
    { file: 'statuses-array.json', completed: '3', cancelled: '4', count: 4 },
    { file: 'statuses-labels.json', completed: '12', cancelled: '13', count: 4 },
    { file: 'statuses-map.json', completed: '2', cancelled: '3', count: 3 },
  ])(
    'reads $file and finds the completed/cancelled statuses by name',
    ({ file, completed, cancelled, count }) => {
      const statuses = readStatuses(fixture(file))!;
      expect(statuses).toHaveLength(count);
      expect(statuses.every((s) => typeof s.id === 'string' && typeof s.name === 'string')).toBe(true);
      expect(guessStatus(statuses, 'completed')?.id).toBe(completed);
      expect(guessStatus(statuses, 'cancelled')?.id).toBe(cancelled);
    },
  );

  it('reads statuses given as {id,title} and as plain strings; finds nothing when no name says it', () => {
    expect(readStatuses({ data: [{ id: 5, title: 'Evaso' }] })).toEqual([{ id: '5', name: 'Evaso' }]);
    expect(readStatuses({ data: ['Nuovo', 'Completato'] })).toEqual([
      { id: 'Nuovo', name: 'Nuovo' },
      { id: 'Completato', name: 'Completato' },
    ]);
    expect(guessStatus([{ id: '1', name: 'Nuovo' }], 'completed')).toBeNull();
    expect(readStatuses({ data: 'nope' })).toBeNull();
  });

  it('reads order lists and single orders out of their envelopes', () => {
    const summaries = ordersFromList(fixture('orders-list-summaries.json'))!;
    expect(summaries.map((order) => orderPosition(order))).toEqual([
      { time: Date.UTC(2026, 10, 29, 19, 31), id: '1048' },
      { time: Date.UTC(2026, 10, 29, 19, 30), id: '1047' },
    ]);
    expect(ordersFromList({ data: [] })).toEqual([]);
    expect(ordersFromList({ data: null })).toEqual([]);
    expect(ordersFromList({ data: 'x' })).toBeNull();
    const order = fixture('order-en-cod-delivery.json');
    expect(orderFromResponse({ data: order })).toBe(order);
    expect(orderFromResponse({ status: 1, data: { order } })).toBe(order);
    expect(orderFromResponse(order)).toBe(order);
    expect(orderFromResponse({ data: null })).toBeNull();
  });

  it('recognises failures answered with HTTP 200', () => {
    expect(shopError({ status: 0, error: 'invalid_status' })).toBe('invalid_status');
    expect(shopError({ error: { message: 'nope' } })).toBe('nope');
    expect(shopError({ success: false, message: 'denied' })).toBe('denied');
    expect(shopError({ status: 0 })).toBe('the shop answered status 0');
    expect(shopError({ status: 1, data: { id: 1 } })).toBeNull();
    expect(shopError({ status: 0, id: 4, cart: [{ name: 'A' }] })).toBeNull();
    expect(shopError({ data: [] })).toBeNull();
  });
});

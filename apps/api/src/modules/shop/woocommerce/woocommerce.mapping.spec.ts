import fs from 'node:fs';
import path from 'node:path';
import { DomainError } from '../../../common/domain-error';
import type { ShopOrderInput } from '../shop-adapter';
import {
  DEFAULT_PICKUP_METHODS,
  mapOrder,
  parseAmount,
  readOrder,
  type WcOrder,
} from './woocommerce.mapping';

const FIXTURES = path.join(__dirname, '../../../../test/fixtures/woocommerce');
const raw = (name: string) => fs.readFileSync(path.join(FIXTURES, `${name}.json`));
const fixture = (name: string) => JSON.parse(raw(name).toString('utf8')) as WcOrder;
const options = { pickupMethods: DEFAULT_PICKUP_METHODS };

/** items + fees + delivery − discount, in cents: what the intake compares with the total. */
function cents(order: ShopOrderInput): { expected: number; total: number } {
  const c = (value: string | undefined) => Math.round(Number(value ?? '0') * 100);
  const items = order.items.reduce(
    (sum, item) =>
      sum + item.quantity * (c(item.unitPrice) + (item.options ?? []).reduce((s, o) => s + c(o.price), 0)),
    0,
  );
  return { expected: items + c(order.fee) + c(order.deliveryFee) - c(order.discount), total: c(order.total) };
}

function failure(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('WooCommerce order mapping: fixtures', () => {
  it('maps a cash-on-delivery order: variation attributes and add-on as options, fee, shipping, coupon', () => {
    expect(readOrder(raw('cod-delivery'), options)).toEqual({
      kind: 'order',
      shopOrderId: '4711',
      order: {
        type: 'delivery',
        items: [
          {
            name: 'Pizza Margherita',
            quantity: 2,
            unitPrice: '11.00',
            options: [
              { name: 'Dimensione: Maxi', price: '0' },
              { name: 'Impasto: Integrale', price: '0' },
              { name: 'Cottura: Ben cotta', price: '0' },
              { name: 'Aggiunte (+€2,00): Mozzarella di bufala', price: '0' },
            ],
          },
          { name: 'Tiramisù', quantity: 1, unitPrice: '5.50' },
          { name: 'Coca-Cola 33cl', quantity: 3, unitPrice: '2.50' },
        ],
        deliveryFee: '3.00',
        fee: '1.00',
        discount: '3.00',
        total: '36.00',
        currency: 'EUR',
        paymentMethod: 'cod',
        // WooCommerce stamps date_paid on every order reaching "processing", COD included.
        paid: false,
        customer: {
          name: 'Giulia Rossi',
          phone: '+39 333 1234567',
          address: 'Via Roma 1, Scala B, interno 4, 20121 Milano MI',
        },
        notes: 'Citofono Rossi, secondo piano. Pizza tagliata per favore.',
      },
    });
  });

  it('maps a block-checkout local pickup paid by card as a paid pickup without the shop’s own address', () => {
    expect(readOrder(raw('pickup-stripe'), options)).toEqual({
      kind: 'order',
      shopOrderId: '4712',
      order: {
        type: 'pickup',
        items: [
          { name: 'Pizza Diavola', quantity: 1, unitPrice: '8.50' },
          { name: 'Birra Moretti 66cl', quantity: 2, unitPrice: '4.00' },
        ],
        total: '16.50',
        currency: 'EUR',
        paymentMethod: 'stripe',
        paid: true,
        customer: { name: 'Marco Bianchi', phone: '+39 347 7654321' },
        notes: 'Passo alle 20:15',
      },
    });
  });

  it('maps a delivery paid online', () => {
    expect(readOrder(raw('paid-delivery-stripe'), options)).toEqual({
      kind: 'order',
      shopOrderId: '4713',
      order: {
        type: 'delivery',
        items: [{ name: 'Pizza Capricciosa', quantity: 2, unitPrice: '9.00' }],
        deliveryFee: '2.00',
        total: '20.00',
        currency: 'EUR',
        paymentMethod: 'stripe',
        paid: true,
        customer: {
          name: 'Luca Verdi',
          phone: '+39 320 5550101',
          address: 'Viale Monza 88, 20127 Milano MI',
        },
      },
    });
  });

  it('decodes entities and keeps accents in names, options and notes; a negative fee is a discount', () => {
    expect(readOrder(raw('entities-accents'), options)).toEqual({
      kind: 'order',
      shopOrderId: '4714',
      order: {
        type: 'delivery',
        items: [
          // "Dimensione: Grande" is already in the name, so it is not printed twice.
          { name: 'Pizza Quattro Stagioni – Grande', quantity: 1, unitPrice: '10.00' },
          { name: 'Caffè', quantity: 2, unitPrice: '1.20' },
          {
            name: 'Spaghetti all’amatriciana & pecorino',
            quantity: 1,
            unitPrice: '11.00',
            options: [{ name: 'Note per la cucina: Poco piccante – senza cipolla', price: '0' }],
          },
        ],
        deliveryFee: '2.50',
        discount: '2.00',
        total: '23.90',
        currency: 'EUR',
        paymentMethod: 'cod',
        paid: false,
        customer: { name: 'José Núñez', phone: '+39 366 555 0199', address: 'Via Nizza 7, 10125 Torino TO' },
        notes: 'Citofono «Núñez» – 3° piano.\nPortate il caffè a parte, grazie!',
      },
    });
  });

  it('ignores a block-checkout draft, with the reason', () => {
    expect(readOrder(raw('checkout-draft'), options)).toEqual({
      kind: 'ignored',
      shopOrderId: '4715',
      reason: expect.stringMatching(/^status checkout-draft: a checkout that is not finished/),
    });
  });

  it.each([
    { name: 'cod-delivery' },
    { name: 'pickup-stripe' },
    { name: 'paid-delivery-stripe' },
    { name: 'entities-accents' },
  ])('$name adds up: items + fees + delivery − discount = total', ({ name }) => {
    const mapped = mapOrder(fixture(name), options);
    const { expected, total } = cents(mapped);
    expect(expected).toBe(total);
  });
});

describe('WooCommerce order mapping: rules', () => {
  const base = () => fixture('paid-delivery-stripe');

  it('ignores WordPress drafts and orders that are already dead', () => {
    for (const status of ['draft', 'auto-draft', 'failed', 'cancelled', 'refunded', 'trash']) {
      const body = Buffer.from(JSON.stringify({ ...base(), status }));
      expect(readOrder(body, options)).toMatchObject({ kind: 'ignored', shopOrderId: '4713' });
    }
    for (const status of ['pending', 'processing', 'on-hold', 'completed']) {
      const body = Buffer.from(JSON.stringify({ ...base(), status }));
      expect(readOrder(body, options).kind).toBe('order');
    }
  });

  it('adds tax to prices, shipping and fees when the shop enters prices without tax', () => {
    const order: WcOrder = {
      ...base(),
      prices_include_tax: false,
      line_items: [{ name: 'Burger', quantity: 2, subtotal: '20.00', subtotal_tax: '4.40', total: '20.00' }],
      shipping_total: '5.00',
      shipping_tax: '1.10',
      fee_lines: [{ name: 'Service', total: '1.00', total_tax: '0.22' }],
      total: '31.72',
    };
    const mapped = mapOrder(order, options);
    expect(mapped).toMatchObject({
      items: [{ name: 'Burger', quantity: 2, unitPrice: '12.20' }],
      deliveryFee: '6.10',
      fee: '1.22',
      total: '31.72',
    });
    expect(cents(mapped).expected).toBe(cents(mapped).total);
  });

  it('splits a line whose amount does not divide into whole cents, so it still adds up', () => {
    const order: WcOrder = {
      ...base(),
      line_items: [{ name: 'Arancino', quantity: 3, subtotal: '9.09', subtotal_tax: '0.91', total: '9.09' }],
      shipping_total: '0.00',
      total: '10.00',
    };
    const mapped = mapOrder(order, options);
    expect(mapped.items).toEqual([
      { name: 'Arancino', quantity: 2, unitPrice: '3.33' },
      { name: 'Arancino', quantity: 1, unitPrice: '3.34' },
    ]);
    expect(cents(mapped).expected).toBe(1000);
  });

  it('uses the line total when a payload has no subtotal', () => {
    const order: WcOrder = {
      ...base(),
      line_items: [{ name: 'Pizza', quantity: 2, total: '14.00', total_tax: '0.00' }],
    };
    expect(mapOrder(order, options).items).toEqual([{ name: 'Pizza', quantity: 2, unitPrice: '7.00' }]);
  });

  it('detects pickup by method id only, with the connection’s list and old `id:instance` ids', () => {
    const withMethod = (method_id: string, title = 'Whatever the owner typed'): WcOrder => ({
      ...base(),
      shipping_lines: [{ method_id, total: '0.00', method_title: title } as never],
    });
    expect(mapOrder(withMethod('local_pickup'), options).type).toBe('pickup');
    expect(mapOrder(withMethod('legacy_local_pickup'), options).type).toBe('pickup');
    expect(mapOrder(withMethod('local_pickup:7'), options).type).toBe('pickup');
    expect(mapOrder(withMethod('flat_rate', 'Ritiro in sede'), options).type).toBe('delivery');
    expect(mapOrder(withMethod('wcfm_pickup'), options).type).toBe('delivery');
    expect(mapOrder(withMethod('wcfm_pickup'), { pickupMethods: ['wcfm_pickup'] }).type).toBe('pickup');
    expect(mapOrder({ ...base(), shipping_lines: [] }, options).type).toBe('delivery');
  });

  it('takes the payment method id, never its title, and paid only from date_paid', () => {
    const unpaid = mapOrder({ ...base(), date_paid: null, date_paid_gmt: null }, options);
    expect(unpaid).toMatchObject({ paymentMethod: 'stripe', paid: false });
    const gmtOnly = mapOrder({ ...base(), date_paid: null, date_paid_gmt: '2026-11-29T18:20:11' }, options);
    expect(gmtOnly.paid).toBe(true);
    const free = mapOrder({ ...base(), payment_method: '' }, options);
    expect(free.paymentMethod).toBeUndefined();
  });

  it('falls back to the billing name, phone and address when shipping is empty', () => {
    const order: WcOrder = {
      ...base(),
      shipping: { first_name: '', last_name: '', address_1: '', city: '', postcode: '', phone: '' },
      billing: {
        first_name: 'Ana',
        last_name: 'García',
        address_1: 'Carrer de Mallorca 401',
        address_2: '',
        postcode: '08013',
        city: 'Barcelona',
        state: 'B',
        phone: '+34 600 000 000',
      },
    };
    expect(mapOrder(order, options).customer).toEqual({
      name: 'Ana García',
      phone: '+34 600 000 000',
      address: 'Carrer de Mallorca 401, 08013 Barcelona B',
    });
    const nobody = mapOrder({ ...base(), shipping: {}, billing: {} }, options);
    expect(nobody.customer).toBeUndefined();
  });

  it('keeps text within the intake limits', () => {
    const long = 'x'.repeat(300);
    const mapped = mapOrder(
      {
        ...base(),
        customer_note: long.repeat(4),
        line_items: [
          {
            name: long,
            quantity: 1,
            subtotal: '18.00',
            meta_data: Array.from({ length: 60 }, (_, i) => ({
              key: `k${i}`,
              display_key: `K${i}`,
              display_value: 'v',
            })),
          },
        ],
      },
      options,
    );
    expect(mapped.items[0]!.name).toHaveLength(200);
    expect(mapped.items[0]!.options).toHaveLength(50);
    expect(mapped.notes).toHaveLength(1000);
  });

  it('rounds amounts with more decimals than the currency has, without floats', () => {
    expect(parseAmount('12.50', 2)).toBe(1250);
    expect(parseAmount('0.1', 2)).toBe(10);
    expect(parseAmount('-2.00', 2)).toBe(-200);
    expect(parseAmount('4.095', 2)).toBe(410);
    expect(parseAmount('4.0949', 2)).toBe(409);
    expect(parseAmount(7, 2)).toBe(700);
    expect(parseAmount('1200', 0)).toBe(1200);
    expect(parseAmount('1.5', 0)).toBe(2);
    expect(parseAmount('12,50', 2)).toBeNull();
    expect(parseAmount('', 2)).toBeNull();
    expect(parseAmount(undefined, 2)).toBeNull();
  });
});

describe('WooCommerce order mapping: unreadable payloads', () => {
  it.each([
    { body: 'not json', field: 'body', message: /not valid JSON/ },
    { body: '[1,2]', field: 'body', message: /must be a JSON object/ },
    {
      body: '{"order":{"id":5,"status":"processing"}}',
      field: 'body',
      message: /WP REST API Integration v3/,
    },
    { body: '{"status":"processing"}', field: 'id', message: /id is missing/ },
    { body: '{"id":0}', field: 'id', message: /id is missing/ },
    { body: '{"id":"abc"}', field: 'id', message: /id is missing/ },
    {
      body: '{"id":5,"status":"processing","total":"1.00"}',
      field: 'line_items',
      message: /line_items must be a list/,
    },
    {
      body: '{"id":5,"line_items":[{"name":"P","quantity":0,"subtotal":"1.00"}],"total":"1.00"}',
      field: 'line_items[0].quantity',
      message: /line_items\[0\]\.quantity must be a whole number/,
    },
    {
      body: '{"id":5,"line_items":[{"name":"P","quantity":1,"subtotal":"1,00"}],"total":"1.00"}',
      field: 'line_items[0].subtotal',
      message: /line_items\[0\]\.subtotal must be a decimal amount/,
    },
    {
      body: '{"id":5,"line_items":[{"name":"P","quantity":1}],"total":"1.00"}',
      field: 'line_items[0].total',
      message: /line_items\[0\]\.total is missing/,
    },
    {
      body: '{"id":5,"line_items":[{"name":"P","quantity":1,"total":"1.00"}]}',
      field: 'total',
      message: /total is missing/,
    },
  ])('refuses $body naming $field', ({ body, field, message }) => {
    const error = failure(() => readOrder(Buffer.from(body), options));
    expect(error.code).toBe('validation_failed');
    expect(error.message).toMatch(message);
    expect(error.details).toEqual([{ field, problems: [expect.stringMatching(message)] }]);
  });

  it('accepts a numeric string id', () => {
    const body = Buffer.from(JSON.stringify({ ...fixture('paid-delivery-stripe'), id: '4713' }));
    expect(readOrder(body, options)).toMatchObject({ kind: 'order', shopOrderId: '4713' });
  });
});

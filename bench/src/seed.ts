// Everything the scenarios need, created through the public HTTP API like a real restaurant would.
import { randomBytes } from 'node:crypto';
import { json } from './http';
import { mapPool } from './stats';

export interface SeededPrinter {
  id: string;
  pollUrl: string;
  callbackUrl: string;
  /** Path and query a GoodCom printer requests on its order URL (credentials included). */
  pollPath: string;
  resId: string;
  username: string;
  password: string;
}

export interface Restaurant {
  baseUrl: string;
  ownerToken: string;
  apiKey: string;
  printers: SeededPrinter[];
}

interface PrinterCreated {
  id: string;
  pollUrl: string;
  callbackUrl: string;
  device: { resId: string; username: string; password: string };
}

export interface OrderCreated {
  id: string;
  number: number;
  status: string;
}

export async function seedRestaurant(baseUrl: string, printerCount: number): Promise<Restaurant> {
  const signup = await json<{ token: string }>(
    `${baseUrl}/api/v1/auth/signup`,
    'POST',
    {
      restaurantName: 'Bench Pizzeria',
      email: `bench-${randomBytes(4).toString('hex')}@example.com`,
      password: 'bench horse battery staple',
      timeZone: 'Europe/Rome',
    },
    null,
  );
  const key = await json<{ key: string }>(
    `${baseUrl}/api/v1/api-keys`,
    'POST',
    { name: 'Bench shop' },
    { session: signup.token },
  );
  const printers = await mapPool(
    Array.from({ length: printerCount }, (_, i) => i),
    8,
    async (i) => {
      const created = await json<PrinterCreated>(
        `${baseUrl}/api/v1/printers`,
        'POST',
        { name: `Printer ${i + 1}` },
        { session: signup.token },
      );
      const { resId, username, password } = created.device;
      const query = new URLSearchParams({ a: resId, u: username, p: password }).toString();
      return {
        id: created.id,
        pollUrl: created.pollUrl,
        callbackUrl: created.callbackUrl,
        pollPath: `${new URL(created.pollUrl).pathname}?${query}`,
        resId,
        username,
        password,
      };
    },
  );
  return { baseUrl, ownerToken: signup.token, apiKey: key.key, printers };
}

let sequence = 0;

/** A typical two-line delivery order, as a shop plugin would post it. */
export function orderBody(printerId: string): Record<string, unknown> {
  sequence += 1;
  return {
    externalId: `bench-${Date.now().toString(36)}-${sequence}`,
    printerId,
    type: 'delivery',
    items: [
      {
        name: 'Pizza Margherita',
        quantity: 2,
        unitPrice: '7.50',
        options: [{ name: 'Extra mozzarella', price: 1 }],
      },
      { name: 'Coca-Cola', quantity: 1, unitPrice: 2.5 },
    ],
    deliveryFee: '2.00',
    total: '21.50',
    currency: 'EUR',
    paymentMethod: 'cod',
    customer: { name: 'Giulia Rossi', phone: '+39 333 1234567', address: 'Via Roma 1, Roma' },
    notes: 'Ring twice',
  };
}

export function placeOrder(restaurant: Restaurant, printerId: string): Promise<OrderCreated> {
  return json<OrderCreated>(
    `${restaurant.baseUrl}/api/v1/orders`,
    'POST',
    orderBody(printerId),
    { apiKey: restaurant.apiKey },
    [201],
  );
}

export function getOrder(restaurant: Restaurant, id: string): Promise<OrderCreated> {
  return json<OrderCreated>(
    `${restaurant.baseUrl}/api/v1/orders/${id}`,
    'GET',
    undefined,
    { session: restaurant.ownerToken },
    [200],
  );
}

/** The order number a printer reads from segment 2 of the wire string (`#res*type*number*...#`). */
export function wireOrderNumber(wire: string): string {
  return wire.trim().replace(/^#/, '').split('*')[2] ?? '';
}

export function acceptUrl(printer: SeededPrinter, orderNumber: string): string {
  const query = new URLSearchParams({
    a: printer.resId,
    o: orderNumber,
    ak: 'Accepted',
    m: '',
    dt: '20:15',
    u: printer.username,
    p: printer.password,
  });
  return `${printer.callbackUrl}?${query.toString()}`;
}

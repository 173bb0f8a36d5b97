// Direct calls to the API for test set-up that is not what a scenario is about.
import type { CreatedApiKey, OrderDetail, PrinterView, SignupResponse } from '@shared/types';

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly auth: { token?: string; apiKey?: string } = {},
  ) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.auth.token) headers['Authorization'] = `Bearer ${this.auth.token}`;
    if (this.auth.apiKey) headers['X-API-Key'] = this.auth.apiKey;
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  static async signup(baseUrl: string, restaurantName: string, email: string, password: string) {
    const client = new ApiClient(baseUrl);
    const answer = await client.call<SignupResponse>('POST', '/auth/signup', {
      restaurantName,
      email,
      password,
      timeZone: 'Europe/Rome',
      locale: 'en',
    });
    return { answer, client: new ApiClient(baseUrl, { token: answer.token }) };
  }

  createPrinter(body: Record<string, unknown>): Promise<PrinterView> {
    return this.call<PrinterView>('POST', '/printers', body);
  }

  createApiKey(name: string): Promise<CreatedApiKey> {
    return this.call<CreatedApiKey>('POST', '/api-keys', { name });
  }

  order(id: string): Promise<OrderDetail> {
    return this.call<OrderDetail>('GET', `/orders/${id}`);
  }

  sendOrder(body: Record<string, unknown>): Promise<OrderDetail> {
    return this.call<OrderDetail>('POST', '/orders', body);
  }
}

export function accountOf(printer: PrinterView) {
  if (!printer.pollUrl || !printer.callbackUrl) throw new Error('printer has no URLs');
  return {
    pollUrl: printer.pollUrl,
    callbackUrl: printer.callbackUrl,
    resId: printer.device.resId,
    username: printer.device.username,
    password: printer.device.password,
  };
}

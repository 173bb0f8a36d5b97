import type { OrderEventView } from '@shared/types';
import { ApiRequestError, apiRequest, queryString, setUnauthorizedHandler } from '../api/client';
import { translator } from '../i18n/I18nProvider';
import { formatDuration, formatMinorUnits } from '../i18n/format';
import type { Formatters } from '../i18n/useFormat';
import { describeEvent } from '../pages/OrderDetailPage';
import { intakeSnippet, parseCashMethods } from '../pages/IntegrationsPage';
import { mergeOrders, queriesFor } from '../pages/OrdersPage';
import { validatePrinterSettings } from '../pages/PrinterDetailPage';
import { apiError, fakeApi } from '../test/render';
import { describeError, fieldProblems } from './errors';

const { t } = translator('en');

describe('apiRequest', () => {
  afterEach(() => setUnauthorizedHandler(null));

  it('turns an error body into an ApiRequestError with the API’s code and message', async () => {
    fakeApi({
      'POST /api/v1/printers/p1/rotate-token': () =>
        apiError(403, 'forbidden', 'This action needs one of the roles: owner'),
    });
    const failure = apiRequest('POST', '/printers/p1/rotate-token');
    await expect(failure).rejects.toBeInstanceOf(ApiRequestError);
    await expect(failure).rejects.toMatchObject({
      status: 403,
      code: 'forbidden',
      message: 'This action needs one of the roles: owner',
    });
  });

  it('reports an expired session (401 outside /auth) to the session, once per call', async () => {
    fakeApi({
      'GET /api/v1/printers': () => apiError(401, 'unauthenticated', 'Sign in first'),
      'POST /api/v1/auth/login': () => apiError(401, 'invalid_credentials', 'Wrong email or password'),
    });
    const expired = jest.fn();
    setUnauthorizedHandler(expired);
    await expect(apiRequest('GET', '/printers')).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(expired).toHaveBeenCalledTimes(1);
    // A wrong password is not an expired session.
    await expect(apiRequest('POST', '/auth/login', { body: {} })).rejects.toMatchObject({
      code: 'invalid_credentials',
    });
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('sends JSON with the session cookie and reads 204 as nothing', async () => {
    const calls = fakeApi({ 'DELETE /api/v1/printers/p1': () => ({ status: 204 }) });
    await expect(
      apiRequest('DELETE', '/printers/p1', { query: { pendingOrders: 'move', targetPrinterId: 'p2' } }),
    ).resolves.toBeUndefined();
    expect(calls[0]?.url).toBe('/api/v1/printers/p1?pendingOrders=move&targetPrinterId=p2');
    const init = (globalThis.fetch as jest.Mock).mock.calls[0][1] as RequestInit;
    expect(init.credentials).toBe('same-origin');
  });

  it('builds query strings without empty values, lists comma-joined', () => {
    expect(
      queryString({
        status: ['queued', 'printing'],
        needsAttention: true,
        printerId: '',
        cursor: undefined,
        limit: 50,
      }),
    ).toBe('?status=queued%2Cprinting&needsAttention=true&limit=50');
    expect(queryString({})).toBe('');
  });

  it('describes failures for people', () => {
    expect(describeError(new ApiRequestError(0, 'network', 'x'), t)).toBe(t('error.network'));
    expect(describeError(new ApiRequestError(500, 'internal', 'stack trace'), t)).toBe(t('error.server'));
    expect(describeError(new ApiRequestError(409, 'printer_has_orders', '2 order(s) still wait'), t)).toBe(
      '2 order(s) still wait',
    );
    expect(describeError(new Error('boom'), t)).toBe(t('error.unexpected'));
    expect(
      fieldProblems(
        new ApiRequestError(400, 'validation_failed', 'x', [
          { field: 'name', problems: ['name is too long', 'name is odd'] },
        ]),
      ),
    ).toEqual({ name: 'name is too long; name is odd' });
  });
});

describe('order timeline', () => {
  const format = {
    minor: (minor: number, currency: string) => formatMinorUnits(minor, currency, 'en'),
    duration: (seconds: number) => formatDuration(seconds, 'en'),
  } as Formatters;
  const names = (id: string | null) => ({ p1: 'Kitchen', p2: 'Bar' })[id ?? ''] ?? null;
  const event = (type: OrderEventView['type'], data: OrderEventView['data'] = null): OrderEventView => ({
    id: 1,
    type,
    at: '2026-11-29T18:00:00.000Z',
    data,
  });
  const say = (e: OrderEventView) => describeEvent(e, { currency: 'EUR' }, t, format, names);

  it('tells received → queued → served → accepted for HH:MM', () => {
    expect(say(event('received', { source: 'api-key:k1' })).text).toBe('Received from the shop');
    expect(say(event('queued', { rule: 'all' })).text).toBe('Queued for printing');
    expect(say(event('served', { printerId: 'p1' })).text).toBe('Sent to Kitchen');
    expect(say(event('completed', { by: 'printer', time: '19:45', message: 'OK' }))).toEqual({
      text: 'Accepted on the printer, ready for 19:45',
      tone: 'ok',
    });
  });

  it('gives the printer’s reason for a rejection, and the staff note for a cancellation', () => {
    expect(say(event('cancelled', { by: 'printer', time: '19:40', message: 'TOO BUSY' }))).toEqual({
      text: 'Rejected on the printer: TOO BUSY',
      tone: 'bad',
    });
    expect(say(event('cancelled', { by: 'printer', message: null })).text).toBe(
      'Rejected on the printer: no reason given',
    );
    expect(say(event('cancelled', { by: 'user:u1', note: 'Customer called' })).text).toBe(
      'Cancelled: Customer called',
    );
  });

  it('explains attention, moves and money mismatches', () => {
    expect(say(event('needs_attention', { unansweredSeconds: 320 })).text).toBe(
      `No answer from the printer after ${formatDuration(320, 'en')}: needs attention`,
    );
    expect(say(event('moved', { from: 'p1', to: 'p2' })).text).toBe('Moved from Kitchen to Bar');
    expect(say(event('moved', { from: 'gone', to: 'p2' })).text).toBe('Moved from a deleted printer to Bar');
    expect(say(event('total_mismatch', { expected: 2350, given: 2550 })).text).toBe(
      'Total from the shop (€25.50) differs from the items (€23.50); the shop’s total is printed',
    );
  });
});

describe('order filters', () => {
  const none = { status: '', printerId: '', day: '', search: '', attention: false };

  it('maps the filters to API queries in the restaurant’s time zone', () => {
    expect(
      queriesFor(
        { ...none, status: 'waiting', printerId: 'p1', attention: true, day: '2026-07-15' },
        'Europe/Rome',
      ),
    ).toEqual([
      {
        limit: 50,
        status: ['queued', 'printing'],
        printerId: 'p1',
        needsAttention: true,
        from: '2026-07-14T22:00:00.000Z',
        to: '2026-07-15T21:59:59.999Z',
      },
    ]);
  });

  it('searches a number both as ticket number and as shop order id, text only as shop order id', () => {
    expect(queriesFor({ ...none, search: '#1234' }, 'UTC')).toEqual([
      { limit: 50, number: 1234 },
      { limit: 50, externalId: '1234' },
    ]);
    expect(queriesFor({ ...none, search: ' woo-77 ' }, 'UTC')).toEqual([{ limit: 50, externalId: 'woo-77' }]);
  });

  it('merges answers without duplicates, newest first', () => {
    const order = (id: string, receivedAt: string) => ({ id, receivedAt }) as never;
    expect(
      mergeOrders([
        [order('a', '2026-01-01T10:00:00Z')],
        [order('b', '2026-01-01T11:00:00Z'), order('a', '2026-01-01T10:00:00Z')],
      ]).map((o: { id: string }) => o.id),
    ).toEqual(['b', 'a']);
  });
});

describe('printer settings form', () => {
  const valid = {
    name: 'Kitchen',
    textPolicy: 'utf8' as const,
    newlineToken: '%%',
    currencyPrefix: '€',
    timeZone: '',
    pollIntervalSeconds: '10',
    unansweredLimitSeconds: '300',
    isDefault: true,
  };

  it('accepts what the API accepts', () => {
    expect(validatePrinterSettings(valid, t)).toEqual({});
    expect(validatePrinterSettings({ ...valid, timeZone: 'Europe/Madrid', currencyPrefix: '' }, t)).toEqual(
      {},
    );
  });

  it('refuses reserved characters and out-of-range numbers, field by field', () => {
    expect(
      validatePrinterSettings(
        {
          ...valid,
          name: ' ',
          newlineToken: '#',
          currencyPrefix: 'EUR;',
          timeZone: 'Moon/Base',
          pollIntervalSeconds: '1',
          unansweredLimitSeconds: '29.5',
        },
        t,
      ),
    ).toEqual({
      name: t('form.required'),
      newlineToken: t('printerSettings.tokenInvalid'),
      currencyPrefix: t('printerSettings.prefixInvalid'),
      timeZone: t('form.timeZoneInvalid'),
      pollIntervalSeconds: 'Enter a whole number from 2 to 600.',
      unansweredLimitSeconds: 'Enter a whole number from 30 to 86400.',
    });
  });
});

describe('integrations helpers', () => {
  it('writes a curl command that sends a valid order with the key', () => {
    const snippet = intakeSnippet('https://bridge.example', 'gck_secret');
    expect(snippet.split('\n')[0]).toBe("curl -X POST 'https://bridge.example/api/v1/orders' \\");
    expect(snippet).toContain("-H 'X-API-Key: gck_secret'");
    const json = JSON.parse(/-d '([^']*)'$/.exec(snippet)?.[1] ?? '') as { total: string; items: unknown[] };
    expect(json.total).toBe('19.00');
    expect(intakeSnippet('https://bridge.example', null)).toContain('YOUR_API_KEY');
  });

  it('reads payment methods from commas or lines, without blanks or repeats', () => {
    expect(parseCashMethods(' cod, cash,,contanti\ncod \n')).toEqual(['cod', 'cash', 'contanti']);
  });
});

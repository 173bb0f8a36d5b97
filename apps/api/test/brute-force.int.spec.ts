// Guessing secrets: printer URL tokens, API keys and passwords. Each guesser is slowed to 429 after
// its per-address limit, while honest clients (printers, shops, the owner) keep working, also from
// the guesser's own address where the secret they present is valid.
import { randomBytes } from 'node:crypto';
import { listAll } from './fault-harness';
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
  wireOrderId,
} from './harness';

/** The API trusts X-Forwarded-For from loopback (its reverse proxy): each value is one client address. */
const from = (address: string) => ({ 'x-forwarded-for': address });
const ATTACKER = '203.0.113.7';
const NEIGHBOUR = '203.0.113.8';
const randomToken = () => randomBytes(24).toString('base64url');

describe.each(DIALECTS)('brute force on %s', (dialect) => {
  describe('printer tokens', () => {
    const LIMIT = 20;
    let server: TestServer;

    beforeAll(async () => {
      server = await startServer(dialect, { UNKNOWN_TOKEN_ATTEMPTS_PER_MINUTE: String(LIMIT) });
    });

    afterAll(async () => {
      await server.stop();
    });

    it('a guesser gets 404 then 429; real printers on its address and elsewhere keep working', async () => {
      const owner = await signup(server);
      const printer = await createPrinter(server, owner);
      const apiKey = await createApiKey(server, owner);
      const order = await http(server, 'POST', '/api/v1/orders', { apiKey, body: orderBody('bf-1') });
      expect(order.status).toBe(201);

      const guesses: number[] = [];
      const honest: number[] = [];
      for (let i = 0; i < 3 * LIMIT; i += 1) {
        const kind = i % 2 === 0 ? 'order' : 'callback';
        const res = await http(server, 'GET', `/gc/${randomToken()}/${kind}?a=1&o=1&ak=Accepted`, {
          headers: from(ATTACKER),
        });
        guesses.push(res.status);
        if (res.status === 429) {
          expect(res.headers.get('retry-after')).toBe('60');
          expect(res.text).toBe('');
        }
        // The real printer shares the guesser's address (a carrier NAT) and polls all along.
        if (i % 5 === 0) honest.push((await poll(server, printer.pollUrl, from(ATTACKER))).status);
      }
      expect(guesses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(404));
      expect(guesses.slice(LIMIT)).toEqual(Array(2 * LIMIT).fill(429));
      expect(honest).toEqual(Array(honest.length).fill(200));

      // The order is still served, and its answer from the blocked address still lands.
      const served = await poll(server, printer.pollUrl, from(ATTACKER));
      expect(wireOrderId(served.text)).toBe(String(order.body.number));
      const answer = await http(
        server,
        'GET',
        `${printer.callbackUrl}?a=1&o=${order.body.number}&ak=Accepted&m=OK&dt=20:00`,
        { headers: from(ATTACKER) },
      );
      expect({ status: answer.status, text: answer.text }).toEqual({ status: 200, text: 'OK' });
      const done = await http(server, 'GET', `/api/v1/orders/${order.body.id}`, { token: owner.token });
      expect(done.body.status).toBe('completed');

      // Another address is judged on its own misses; a printer there is unaffected too.
      expect(
        (await http(server, 'GET', `/gc/${randomToken()}/order`, { headers: from(NEIGHBOUR) })).status,
      ).toBe(404);
      expect((await poll(server, printer.pollUrl, from(NEIGHBOUR))).status).toBe(200);

      // The window is one minute: after it the guesser is back to plain 404s (and counted again).
      server.clock.advance(60_001);
      expect(
        (await http(server, 'GET', `/gc/${randomToken()}/order`, { headers: from(ATTACKER) })).status,
      ).toBe(404);
    });

    it('a guessed token never reaches the printer log or the order', async () => {
      const owner = await signup(server);
      const printer = await createPrinter(server, owner);
      const token = new URL(printer.pollUrl).pathname.split('/')[2]!;
      const guess = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`; // one character off
      const res = await callback(server, printer.callbackUrl.replace(/\/gc\/[^/]+\//, `/gc/${guess}/`), {
        o: '1',
        ak: 'Accepted',
      });
      expect([404, 429]).toContain(res.status);
      const log = await http(server, 'GET', `/api/v1/printers/${printer.id}/events`, { token: owner.token });
      expect(log.body.items.map((e: { type: string }) => e.type)).toEqual(['created']);
    });
  });

  describe('API keys', () => {
    const LIMIT = 15;
    let server: TestServer;

    beforeAll(async () => {
      server = await startServer(dialect, { UNKNOWN_API_KEY_ATTEMPTS_PER_MINUTE: String(LIMIT) });
    });

    afterAll(async () => {
      await server.stop();
    });

    it('a guesser gets 401 then 429; a valid key from the same address keeps sending orders', async () => {
      const owner = await signup(server);
      await createPrinter(server, owner);
      const apiKey = await createApiKey(server, owner);
      const guesses: { status: number; code: string }[] = [];
      const honest: number[] = [];
      for (let i = 0; i < 3 * LIMIT; i += 1) {
        const res = await http(server, 'POST', '/api/v1/orders', {
          apiKey: `gck_${randomBytes(32).toString('base64url')}`,
          headers: from(ATTACKER),
          body: orderBody(`guess-${i}`),
        });
        guesses.push({ status: res.status, code: res.body.code });
        if (res.status === 429) {
          expect(res.headers.get('retry-after')).toBe('60');
          expect(res.body.message).toMatch(/Too many unknown API keys/);
        }
        if (i % 5 === 0) {
          const real = await http(server, 'POST', '/api/v1/orders', {
            apiKey,
            headers: from(ATTACKER),
            body: orderBody(`real-${i}`),
          });
          honest.push(real.status);
        }
      }
      expect(guesses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill({ status: 401, code: 'unauthenticated' }));
      expect(guesses.slice(LIMIT)).toEqual(Array(2 * LIMIT).fill({ status: 429, code: 'rate_limited' }));
      expect(honest).toEqual(Array(honest.length).fill(201));
      // Only the honest orders exist.
      const stored = await listAll(server, '/api/v1/orders', owner.token);
      expect(stored.map((o) => o.externalId).sort()).toEqual(
        Array.from({ length: honest.length }, (_, k) => `real-${k * 5}`).sort(),
      );
      // A neighbour's first bad key is a plain 401: misses are counted per address.
      const neighbour = await http(server, 'POST', '/api/v1/orders', {
        apiKey: 'gck_wrong',
        headers: from(NEIGHBOUR),
        body: orderBody('n-1'),
      });
      expect(neighbour.status).toBe(401);
      // After the one-minute window the guesser is back to 401.
      server.clock.advance(60_001);
      const later = await http(server, 'POST', '/api/v1/orders', {
        apiKey: 'gck_wrong',
        headers: from(ATTACKER),
        body: orderBody('late'),
      });
      expect(later.status).toBe(401);
    });
  });

  describe('passwords', () => {
    const LIMIT = 10;
    let server: TestServer;

    beforeAll(async () => {
      server = await startServer(dialect, { AUTH_ATTEMPTS_PER_MINUTE: String(LIMIT) });
    });

    afterAll(async () => {
      await server.stop();
    });

    it('a guesser gets 401 then 429; the owner signs in elsewhere and existing sessions and keys work', async () => {
      const owner = await signup(server);
      await createPrinter(server, owner);
      const apiKey = await createApiKey(server, owner);
      const statuses: number[] = [];
      for (let i = 0; i < 2 * LIMIT; i += 1) {
        const res = await http(server, 'POST', '/api/v1/auth/login', {
          headers: from(ATTACKER),
          body: { email: owner.email, password: `guess number ${i}` },
        });
        statuses.push(res.status);
        if (res.status === 429) expect(res.body.code).toBe('rate_limited');
      }
      expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(401));
      expect(statuses.slice(LIMIT)).toEqual(Array(LIMIT).fill(429));
      // The limit is per address and counts every attempt, so even the right password from the
      // guesser's address waits out the minute: the price of not locking the account itself.
      const fromAttacker = await http(server, 'POST', '/api/v1/auth/login', {
        headers: from(ATTACKER),
        body: { email: owner.email, password: 'correct horse battery' },
      });
      expect(fromAttacker.status).toBe(429);
      // The owner, anywhere else, signs in; the account is not locked by someone else's guesses.
      const real = await http(server, 'POST', '/api/v1/auth/login', {
        headers: from(NEIGHBOUR),
        body: { email: owner.email, password: 'correct horse battery' },
      });
      expect(real.status).toBe(200);
      // Signed-in sessions and API keys are not login attempts, even from the guesser's address.
      const me = await http(server, 'GET', '/api/v1/auth/me', {
        token: owner.token,
        headers: from(ATTACKER),
      });
      expect(me.status).toBe(200);
      const order = await http(server, 'POST', '/api/v1/orders', {
        apiKey,
        headers: from(ATTACKER),
        body: orderBody('after-guessing'),
      });
      expect(order.status).toBe(201);
    });
  });
});

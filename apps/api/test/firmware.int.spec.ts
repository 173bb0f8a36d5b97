import net from 'node:net';
import {
  createApiKey,
  createPrinter,
  DIALECTS,
  http,
  orderBody,
  signup,
  startServer,
  type TestServer,
} from './harness';

/** Sends bytes exactly as given over a raw socket (like firmware: no half-close) and reads until the server closes. */
function raw(server: TestServer, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1', () => socket.write(request));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

describe.each(DIALECTS)('firmware tolerance on raw sockets, %s', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer(dialect);
  });

  afterAll(async () => {
    await server.stop();
  });

  it('accepts an absolute-form poll and a callback whose request line has raw spaces', async () => {
    const owner = await signup(server);
    const printer = await createPrinter(server, owner);
    const apiKey = await createApiKey(server, owner);
    const order = await http(server, 'POST', '/api/v1/orders', { apiKey, body: orderBody('raw-1') });
    const pollPath = new URL(printer.pollUrl).pathname;
    const cbPath = new URL(printer.callbackUrl).pathname;

    const polled = await raw(
      server,
      `GET http://printer.example${pollPath}?a=1&u=demo&p=123 HTTP/1.1\r\nHost: printer.example\r\n` +
        'Pragma: no-cache\r\nAccept: */*\r\nProxy-Connection: Keep-Alive\r\nConnection: close\r\n\r\n',
    );
    expect(polled).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(polled).toContain(`*${order.body.number}*`);

    const answered = await raw(
      server,
      `GET ${cbPath}?a=1&o=${order.body.number}&ak=Rejected&m=TOO BUSY&dt=21:05&u=demo&p=123 HTTP/1.1\r\n` +
        'Host: printer.example\r\nConnection: close\r\n\r\n',
    );
    expect(answered).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    const after = await http(server, 'GET', `/api/v1/orders/${order.body.id}`, { token: owner.token });
    expect(after.body.status).toBe('cancelled');
    expect(after.body.notes[0].text).toContain(': TOO BUSY');
  });

  it('still answers a malformed request line with a 400, not a crash', async () => {
    const response = await raw(server, 'NOT A REQUEST\r\n\r\n');
    expect(response).toMatch(/^HTTP\/1\.1 400/);
    expect((await http(server, 'GET', '/health')).status).toBe(200);
  });
});

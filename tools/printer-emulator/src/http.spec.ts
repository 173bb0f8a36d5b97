import net from 'node:net';
import { appendQuery, buildQuery, parseResponse, requestTarget, sendRequest } from './http';

describe('query building', () => {
  it('appends with ? or & like the firmware', () => {
    expect(appendQuery('/poll', 'a=1')).toBe('/poll?a=1');
    expect(appendQuery('/poll?token=x', 'a=1')).toBe('/poll?token=x&a=1');
    expect(appendQuery('/confirm.php?', 'a=1')).toBe('/confirm.php?a=1');
  });

  it('encodes values unless raw', () => {
    const params = [
      ['m', 'TOO BUSY'],
      ['p', 'a&b'],
    ] as const;
    expect(buildQuery(params, false)).toBe('m=TOO%20BUSY&p=a%26b');
    expect(buildQuery(params, true)).toBe('m=TOO BUSY&p=a&b');
  });

  it('builds origin-form and absolute-form targets', () => {
    const url = new URL('http://example.test:8080/gc/poll?t=1#frag');
    expect(requestTarget(url, 'a=1', false)).toBe('/gc/poll?t=1&a=1');
    expect(requestTarget(url, 'a=1', true)).toBe('http://example.test:8080/gc/poll?t=1&a=1');
    expect(requestTarget(new URL('http://example.test/cb'), null, false)).toBe('/cb');
  });
});

describe('parseResponse', () => {
  const raw = (text: string): Buffer => Buffer.from(text, 'latin1');

  it('waits for the whole Content-Length body', () => {
    expect(parseResponse(raw('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab'), false)).toBeNull();
    const res = parseResponse(
      raw('HTTP/1.1 200 OK\r\nContent-Length: 5\r\nMore-Orders: 1\r\n\r\nabcde'),
      false,
    );
    expect(res?.statusLine).toBe('HTTP/1.1 200 OK');
    expect(res?.headers['more-orders']).toBe('1');
    expect(res?.body.toString()).toBe('abcde');
  });

  it('decodes chunked bodies', () => {
    const head = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n';
    expect(parseResponse(raw(`${head}3\r\n#ab\r\n`), false)).toBeNull();
    expect(parseResponse(raw(`${head}3\r\n#ab\r\n2\r\nc#\r\n0\r\n\r\n`), false)?.body.toString()).toBe(
      '#abc#',
    );
  });

  it('reads to the end of the connection without a length', () => {
    expect(parseResponse(raw('HTTP/1.0 200 OK\r\n\r\nhello'), false)).toBeNull();
    expect(parseResponse(raw('HTTP/1.0 200 OK\r\n\r\nhello'), true)?.body.toString()).toBe('hello');
  });

  it('rejects a malformed status line', () => {
    expect(() => parseResponse(raw('SMTP ready\r\n\r\n'), false)).toThrow(/malformed status line/);
  });
});

describe('sendRequest', () => {
  let server: net.Server;
  let port: number;
  const received: string[] = [];

  beforeAll(async () => {
    server = net.createServer((socket) => {
      socket.on('data', (chunk: Buffer) => {
        received.push(chunk.toString());
        // Keep-alive style server that never closes: the client must stop at Content-Length.
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('writes the request line verbatim and stops reading at Content-Length', async () => {
    const res = await sendRequest({
      method: 'GET',
      url: new URL(`http://127.0.0.1:${port}/x`),
      target: '/x?m=TOO BUSY',
      headers: { Pragma: 'no-cache' },
      timeoutMs: 2000,
    });
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('ok');
    expect(received.join('')).toMatch(
      /^GET \/x\?m=TOO BUSY HTTP\/1\.1\r\nHost: 127\.0\.0\.1:\d+\r\nPragma: no-cache\r\n/,
    );
  });

  it('can be aborted', async () => {
    const controller = new AbortController();
    const silent = net.createServer((socket) => socket.resume()); // resume so it sees our FIN and closes
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentPort = (silent.address() as net.AddressInfo).port;
    const pending = sendRequest({
      method: 'GET',
      url: new URL(`http://127.0.0.1:${silentPort}/`),
      target: '/',
      timeoutMs: 5000,
      signal: controller.signal,
    });
    controller.abort();
    await expect(pending).rejects.toThrow('request aborted');
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('times out', async () => {
    const silent = net.createServer((socket) => socket.resume()); // resume so it sees our FIN and closes
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentPort = (silent.address() as net.AddressInfo).port;
    await expect(
      sendRequest({
        method: 'GET',
        url: new URL(`http://127.0.0.1:${silentPort}/`),
        target: '/',
        timeoutMs: 50,
      }),
    ).rejects.toThrow('no response within 50 ms');
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });
});

// A fake GoodCom order server for the emulator's tests: per-RES-ID queues of order strings, the
// oldest unanswered order served on each poll (honouring Range), removed by its callback, and
// `More-orders: 1` while more are waiting. Two transports: node:http (a strict parser, proving our
// hand-written requests are valid HTTP) and node:net (sees the raw request line, raw spaces and all).
import http from 'node:http';
import net from 'node:net';

export interface SeenRequest {
  /** `METHOD target HTTP/1.1` as received (reconstructed from node:http for the http transport). */
  requestLine: string;
  method: string;
  target: string;
  path: string;
  headers: Record<string, string>;
  /** Query and (for POST) form fields, leniently decoded. */
  params: Record<string, string>;
  body: string;
}

export interface FakeServerOptions {
  orders?: string[];
  transport?: 'http' | 'raw';
  /** Answer this many callbacks with 500 before behaving. */
  failCallbacks?: number;
  /** Serve this order once more after its callback arrived (the bug duplicates detection is for). */
  reserveAfterAnswer?: string;
  /** When set, polls with other `u`/`p` get the HttpC command `#!*P*Authentication error!`. */
  credentials?: { username: string; password: string };
  /** Answer polls with this status instead (e.g. 500). */
  pollStatus?: number;
  /** Raw transport only: status lines for the first callbacks (processed normally otherwise),
   *  e.g. `HTTP/1.1 206 Partial Content` as the GoodCom sample server sends. */
  callbackStatusLines?: string[];
}

interface Reply {
  /** Overrides the status line the raw transport writes. */
  statusLine?: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const REASONS: Record<number, string> = {
  200: 'OK',
  206: 'Partial Content',
  404: 'Not Found',
  416: 'Range Not Satisfiable',
  500: 'Internal Server Error',
};

/** Hand-written classic-format orders (§2.1). `classicOrder('AC001', '10005')` is vector TV1. */
export function classicOrder(resId: string, orderId: string, variant = 0): string {
  const templates = [
    `#${resId}*1*${orderId}*1;Chiken;3.00;2;Beef;6.00;3;rice;2.50;*1.0*0;12.50;4;Tom;Address;15:47 03-08-10;113;7;cod:;008612345678;*Comment#`,
    `#${resId}*2*${orderId}*1;Margherita;7.50;2;Cola;5.00;Extra ice;;0.00;*0*0.50;13.00;5;Anna Rossi;;19:30 14-05-24;2;6;card;+390612345678;*Ring the bell%%Second floor#`,
    `#${resId}*1*${orderId}*3;Spring rolls;9.00;1;Pad thai;11.50;No peanuts;;;*2.00*0;22.50;4;Sam Lee;12 High Street%%London;20:05 14-05-24;0;7;cod;07700900123;*#`,
  ];
  return templates[variant % templates.length] ?? '';
}

/** A classic order well over 2 KiB, with multi-byte characters so chunk edges can split them. */
export function longOrder(resId: string, orderId: string): string {
  const items = Array.from({ length: 60 }, (_, i) => `1;Caffè speciale numero ${i + 1} con panna;2.00;`).join(
    '',
  );
  return `#${resId}*1*${orderId}*${items}*0*0;90.00;4;Giulia Bianchi;Via Roma 1%%Milano;12:30 14-05-24;7;6;card;+39021234567;*Citofono Bianchi#`;
}

function orderIdOf(wire: string): string {
  return wire.split('*')[2] ?? '';
}

function resIdOf(wire: string): string {
  return wire.replace(/^#/, '').split('*')[0] ?? '';
}

export class FakeGoodcomServer {
  readonly polls: SeenRequest[] = [];
  readonly callbacks: SeenRequest[] = [];
  /** Unanswered orders, oldest first. */
  readonly queue: string[];
  private failCallbacks: number;
  private readonly callbackStatusLines: string[];
  private reserved = false;
  private server: net.Server | undefined;

  constructor(private readonly options: FakeServerOptions = {}) {
    this.queue = [...(options.orders ?? [])];
    this.failCallbacks = options.failCallbacks ?? 0;
    this.callbackStatusLines = [...(options.callbackStatusLines ?? [])];
  }

  get port(): number {
    const address = this.server?.address();
    if (!address || typeof address === 'string') throw new Error('server not listening');
    return address.port;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async start(): Promise<this> {
    const server =
      this.options.transport === 'raw'
        ? net.createServer((socket) => this.onRawConnection(socket))
        : http.createServer((req, res) => this.onHttpRequest(req, res));
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    if (server instanceof http.Server) server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private handle(seen: SeenRequest): Reply {
    if (seen.path === '/poll') {
      this.polls.push(seen);
      return this.poll(seen);
    }
    if (seen.path === '/callback') {
      this.callbacks.push(seen);
      return this.callback(seen);
    }
    return text(404, 'not found');
  }

  private poll(seen: SeenRequest): Reply {
    if (this.options.pollStatus) return text(this.options.pollStatus, 'boom');
    const { credentials } = this.options;
    if (credentials && (seen.params.u !== credentials.username || seen.params.p !== credentials.password)) {
      return text(200, '#!*P*Authentication error!\r\n');
    }
    const wire = this.queue.find((order) => resIdOf(order) === seen.params.a) ?? '';
    return answerRange(Buffer.from(wire, 'utf8'), seen.headers.range);
  }

  private callback(seen: SeenRequest): Reply {
    if (this.failCallbacks > 0) {
      this.failCallbacks--;
      return text(500, 'try again');
    }
    const orderId = seen.params.o ?? '';
    const index = this.queue.findIndex(
      (order) => orderIdOf(order) === orderId && resIdOf(order) === seen.params.a,
    );
    if (index >= 0) {
      const [answered = ''] = this.queue.splice(index, 1);
      if (this.options.reserveAfterAnswer === orderId && !this.reserved) {
        this.reserved = true;
        this.queue.unshift(answered);
      }
    }
    const more = this.queue.some((order) => resIdOf(order) === seen.params.a);
    const statusLine = this.callbackStatusLines.shift();
    return {
      statusLine,
      ...text(200, '1'),
      headers: { 'Content-Type': 'text/plain', ...(more ? { 'More-orders': '1' } : {}) },
    };
  }

  private onHttpRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers)) headers[name] = String(value);
      const target = req.url ?? '';
      const reply = this.handle(
        seenRequest(
          `${req.method} ${target} HTTP/${req.httpVersion}`,
          headers,
          Buffer.concat(chunks).toString(),
        ),
      );
      res.writeHead(reply.status, { ...reply.headers, 'Content-Length': String(reply.body.length) });
      res.end(reply.body);
    });
  }

  private onRawConnection(socket: net.Socket): void {
    let buf = Buffer.alloc(0);
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      const headEnd = buf.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const [requestLine = '', ...lines] = buf.subarray(0, headEnd).toString('utf8').split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const body = buf.subarray(headEnd + 4);
      if (body.length < Number(headers['content-length'] ?? 0)) return;
      const reply = this.handle(seenRequest(requestLine, headers, body.toString('utf8')));
      const head = [reply.statusLine ?? `HTTP/1.1 ${reply.status} ${REASONS[reply.status] ?? 'Whatever'}`];
      for (const [name, value] of Object.entries(reply.headers)) head.push(`${name}: ${value}`);
      head.push(`Content-Length: ${reply.body.length}`, 'Connection: close', '', '');
      socket.end(Buffer.concat([Buffer.from(head.join('\r\n')), reply.body]));
    });
  }
}

export async function startFakeServer(options: FakeServerOptions = {}): Promise<FakeGoodcomServer> {
  return new FakeGoodcomServer(options).start();
}

function text(status: number, body: string): Reply {
  return { status, headers: { 'Content-Type': 'text/plain' }, body: Buffer.from(body) };
}

/** GoodCom sample semantics: 200 when the range covers everything, 206 for a slice, 416 past the end. */
function answerRange(body: Buffer, range: string | undefined): Reply {
  const plain = { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' };
  const m = range ? /^bytes=(\d+)-(\d*)$/.exec(range) : null;
  if (!m) return { status: 200, headers: plain, body };
  const start = Number(m[1]);
  const end = Math.min(m[2] ? Number(m[2]) : Infinity, body.length - 1);
  if (start >= body.length)
    return { status: 416, headers: { 'Content-Range': `bytes */${body.length}` }, body: Buffer.alloc(0) };
  if (start === 0 && end >= body.length - 1) return { status: 200, headers: plain, body };
  return {
    status: 206,
    headers: { ...plain, 'Content-Range': `bytes ${start}-${end}/${body.length}` },
    body: body.subarray(start, end + 1),
  };
}

function seenRequest(requestLine: string, headers: Record<string, string>, body: string): SeenRequest {
  // Method and version are the first and last words; the target may itself contain raw spaces.
  const method = requestLine.slice(0, requestLine.indexOf(' '));
  const target = requestLine.slice(method.length + 1, requestLine.lastIndexOf(' '));
  const originForm = target.replace(/^https?:\/\/[^/]+/, '');
  const queryAt = originForm.indexOf('?');
  const path = queryAt < 0 ? originForm : originForm.slice(0, queryAt);
  const params = parseParams(queryAt < 0 ? '' : originForm.slice(queryAt + 1));
  if (method === 'POST') Object.assign(params, parseParams(body));
  return { requestLine, method, target, path, headers, params, body };
}

function parseParams(query: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    const raw = eq < 0 ? '' : pair.slice(eq + 1).replace(/\+/g, ' ');
    try {
      params[key] = decodeURIComponent(raw);
    } catch {
      params[key] = raw;
    }
  }
  return params;
}

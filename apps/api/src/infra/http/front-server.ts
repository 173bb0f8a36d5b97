import type { Server as HttpServer } from 'node:http';
import net from 'node:net';
import { repairRequestLine } from './request-line';

const MAX_REQUEST_LINE = 8192;
const FIRST_LINE_TIMEOUT_MS = 15_000;

/**
 * Accepts TCP connections, repairs the first request line when firmware sent one Node's parser
 * would reject, then hands the socket to the HTTP server (`'connection'` accepts any socket).
 * Printer endpoints answer an order with `Connection: close`, so the callback that follows arrives
 * on a new connection whose first line is repaired too.
 */
export function createFrontServer(httpServer: HttpServer): net.Server {
  // Half-open like Node's own HTTP server: a client that ends its side still gets the answer.
  return net.createServer({ allowHalfOpen: true }, (socket) => {
    let head = Buffer.alloc(0);
    const handOver = () => {
      socket.removeListener('data', onData);
      socket.setTimeout(0);
      socket.pause();
      const eol = head.indexOf(0x0a);
      if (eol !== -1) {
        const crlf = eol > 0 && head[eol - 1] === 0x0d;
        const line = head.subarray(0, crlf ? eol - 1 : eol).toString('latin1');
        const repaired = repairRequestLine(line);
        if (repaired !== null)
          head = Buffer.concat([Buffer.from(repaired, 'latin1'), head.subarray(crlf ? eol - 1 : eol)]);
      }
      socket.unshift(head);
      httpServer.emit('connection', socket);
      socket.resume();
    };
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      if (head.includes(0x0a) || head.length >= MAX_REQUEST_LINE) handOver();
    };
    socket.on('data', onData);
    socket.once('error', () => socket.destroy());
    socket.setTimeout(FIRST_LINE_TIMEOUT_MS, () => socket.destroy());
  });
}

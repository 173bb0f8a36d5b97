import type { LoggerService } from '@nestjs/common';
import pino, { type Logger } from 'pino';

const SECRET_QUERY_KEYS = new Set(['u', 'p', 'password', 'token', 'key', 'api_key', 'apikey']);

/**
 * Removes secrets from a URL before it is logged: the printer token in `/gc/<token>/…` and the
 * printer's `u`/`p` (and any other credential-like parameter) in the query string.
 */
export function redactUrl(url: string): string {
  const [path = '', query] = url.split(/\?(.*)/s, 2);
  const safePath = path
    .replace(/\/gc\/[^/?#]+/g, '/gc/[redacted]')
    .replace(/(\/hooks\/[^/?#]+\/[^/?#]+)\/[^/?#]+/g, '$1/[redacted]');
  if (query === undefined) return safePath;
  const safeQuery = query
    .split('&')
    .map((pair) => {
      const [name = ''] = pair.split('=', 1);
      return SECRET_QUERY_KEYS.has(name.toLowerCase()) ? `${name}=[redacted]` : pair;
    })
    .join('&');
  return `${safePath}?${safeQuery}`;
}

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'goodcom-bridge' },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-api-key"]',
        'headers.authorization',
        'headers.cookie',
        'headers["x-api-key"]',
        '*.password',
        '*.token',
        '*.key',
      ],
      censor: '[redacted]',
    },
  });
}

/** Routes Nest's own log lines into the same JSON log stream. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}

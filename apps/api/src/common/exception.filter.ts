import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { DomainError, type ErrorCode } from './domain-error';

export function statusFor(code: ErrorCode): number {
  switch (code) {
    case 'validation_failed':
    case 'malformed_json':
    case 'tenant_required':
      return 400;
    case 'unauthenticated':
    case 'invalid_credentials':
    case 'invalid_signature':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'email_taken':
    case 'no_printer':
    case 'printer_has_orders':
    case 'order_not_actionable':
    case 'order_already_answered':
      return 409;
    case 'payload_too_large':
      return 413;
    case 'unsupported_media_type':
      return 415;
    case 'rate_limited':
      return 429;
    case 'internal':
      return 500;
    case 'shop_unavailable':
      return 502;
    case 'unavailable':
      return 503;
  }
}

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

/** A body-parser failure as a domain error, or null for any other error. */
export function bodyParserError(error: unknown): DomainError | null {
  const parserError = error as BodyParserError | null;
  const type = parserError?.type;
  if (type === 'entity.parse.failed')
    return new DomainError('malformed_json', 'The request body is not valid JSON');
  if (type === 'entity.too.large') {
    return new DomainError(
      'payload_too_large',
      `The request body is larger than ${parserError?.limit} bytes`,
    );
  }
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') {
    return new DomainError(
      'unsupported_media_type',
      'The request body uses an unsupported charset or encoding',
    );
  }
  return null;
}

/** Turns anything thrown into `{ statusCode, code, message, correlationId }`. */
export function toDomainError(exception: unknown): DomainError {
  if (exception instanceof DomainError) return exception;
  const parsed = bodyParserError(exception);
  if (parsed) return parsed;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 404) return new DomainError('not_found', 'No such endpoint');
    if (status === 429) return new DomainError('rate_limited', 'Too many requests, slow down');
    if (status === 401) return new DomainError('unauthenticated', exception.message);
    if (status === 403) return new DomainError('forbidden', exception.message);
    if (status === 413) return new DomainError('payload_too_large', exception.message);
    if (status < 500) return new DomainError('validation_failed', exception.message);
  }
  if (isDatabaseUnreachable(exception)) {
    return new DomainError('unavailable', 'The database is unreachable right now; retry in a few seconds');
  }
  return new DomainError('internal', 'Something went wrong on our side; it has been logged');
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'SQLITE_BUSY',
]);

/** A lost or refused database connection: the request may well succeed when retried. */
function isDatabaseUnreachable(exception: unknown): boolean {
  const error = exception as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = error?.driverError?.code ?? error?.code;
  return typeof code === 'string' && UNREACHABLE.has(code);
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request & { id?: string }>();
    const error = toDomainError(exception);
    const statusCode = statusFor(error.code);
    if (statusCode === 503) this.logger.warn({ reqId: request.id, code: error.code }, 'database unreachable');
    else if (statusCode >= 500) this.logger.error({ err: exception, reqId: request.id }, 'unhandled error');
    if (response.headersSent) return;
    if (statusCode === 503) response.setHeader('Retry-After', '5');
    response.status(statusCode).json({
      statusCode,
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
      correlationId: request.id ?? null,
    });
  }
}

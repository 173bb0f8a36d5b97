/** Every error code the API can answer with. The exception filter maps each to one HTTP status. */
export type ErrorCode =
  | 'validation_failed'
  | 'malformed_json'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unauthenticated'
  | 'forbidden'
  | 'rate_limited'
  | 'not_found'
  | 'email_taken'
  | 'invalid_credentials'
  | 'tenant_required'
  | 'no_printer'
  | 'printer_has_orders'
  | 'order_not_actionable'
  | 'order_already_answered'
  | 'internal';

/** Thrown by services (never HttpException), so cron jobs and the printer edge can call them too. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function notFound(what: string): DomainError {
  return new DomainError('not_found', `${what} not found`);
}

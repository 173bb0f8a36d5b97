/** Every error code the API can answer with. The exception filter maps each to one HTTP status. */
import type { ApiErrorCode } from '@shared/types';

export type ErrorCode = ApiErrorCode;

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

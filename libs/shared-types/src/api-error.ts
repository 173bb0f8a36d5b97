/** Every error code the API answers with (`ApiError.code`). */
export type ApiErrorCode =
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
  | 'invalid_signature'
  | 'shop_unavailable'
  | 'unavailable'
  | 'internal';

export const API_ERROR_CODES: readonly ApiErrorCode[] = [
  'validation_failed',
  'malformed_json',
  'payload_too_large',
  'unsupported_media_type',
  'unauthenticated',
  'forbidden',
  'rate_limited',
  'not_found',
  'email_taken',
  'invalid_credentials',
  'tenant_required',
  'no_printer',
  'printer_has_orders',
  'order_not_actionable',
  'order_already_answered',
  'invalid_signature',
  'shop_unavailable',
  'unavailable',
  'internal',
];

/** One invalid field of a `validation_failed` error (`details`). */
export interface ValidationProblem {
  /** Dotted path of the field, e.g. `items.0.name`. */
  field: string;
  problems: string[];
}

/** The body of every error answer. */
export interface ApiError {
  statusCode: number;
  code: ApiErrorCode;
  message: string;
  /** `ValidationProblem[]` for `validation_failed`; `{ waiting }` for `printer_has_orders`. */
  details?: unknown;
  correlationId: string | null;
}

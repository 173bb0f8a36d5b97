import { type ProtocolErrorCode } from './types';

/** Thrown when an order cannot be encoded safely or a string is not an order at all. */
export class ProtocolError extends Error {
  readonly code: ProtocolErrorCode;

  constructor(code: ProtocolErrorCode, message: string) {
    super(message);
    this.name = 'ProtocolError';
    this.code = code;
  }
}

/** The encoded order exceeds `EncodeOptions.maxLength` (UTF-8 bytes). */
export class OrderTooLongError extends ProtocolError {
  readonly length: number;
  readonly maxLength: number;

  constructor(length: number, maxLength: number) {
    super('order_too_long', `Encoded order is ${length} bytes, more than the maximum of ${maxLength}`);
    this.name = 'OrderTooLongError';
    this.length = length;
    this.maxLength = maxLength;
  }
}

import { ProtocolError } from './errors';
import { type FormatAmountOptions } from './types';

/** Integer minor units to `12.50` / `-2.00` / `0.00`; the prefix goes after the minus sign. */
export function formatAmount(minor: number, options: FormatAmountOptions = {}): string {
  const minorDigits = options.minorDigits ?? 2;
  if (!Number.isInteger(minorDigits) || minorDigits < 0 || minorDigits > 8) {
    throw new ProtocolError(
      'invalid_option',
      `minorDigits must be an integer 0..8, got ${String(minorDigits)}`,
    );
  }
  if (!Number.isSafeInteger(minor)) {
    throw new ProtocolError(
      'invalid_amount',
      `Amount must be an integer number of minor units, got ${String(minor)}`,
    );
  }
  const digits = String(Math.abs(minor)).padStart(minorDigits + 1, '0');
  const number =
    minorDigits === 0 ? digits : `${digits.slice(0, -minorDigits)}.${digits.slice(-minorDigits)}`;
  return `${minor < 0 ? '-' : ''}${options.currencyPrefix ?? ''}${number}`;
}

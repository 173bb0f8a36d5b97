import { registerDecorator, type ValidationOptions } from 'class-validator';

/** ISO 4217 currencies whose minor unit is not 2 digits; all others use cents. */
const MINOR_DIGITS: Record<string, number> = {
  JPY: 0,
  KRW: 0,
  CLP: 0,
  ISK: 0,
  VND: 0,
  XAF: 0,
  XOF: 0,
  UGX: 0,
  PYG: 0,
  BHD: 3,
  KWD: 3,
  OMR: 3,
  JOD: 3,
  TND: 3,
  LYD: 3,
  IQD: 3,
};

export function minorDigits(currency: string): number {
  return MINOR_DIGITS[currency] ?? 2;
}

/** Largest amount accepted anywhere (major units): far above any restaurant order. */
export const MAX_AMOUNT = 1_000_000;
const MONEY_TEXT = /^(\d{1,7})(?:\.(\d{1,3}))?$/;

/** A JSON number or decimal string, non-negative, at most 3 decimals and below MAX_AMOUNT. */
export function isMoneyInput(value: unknown): value is number | string {
  if (typeof value === 'number')
    return Number.isFinite(value) && value >= 0 && value < MAX_AMOUNT && MONEY_TEXT.test(String(value));
  if (typeof value === 'string') return MONEY_TEXT.test(value) && Number(value) < MAX_AMOUNT;
  return false;
}

/**
 * Major units (number or decimal string) to integer minor units, without floating point:
 * the decimal text is split and padded, so 7.5 and "7.50" are both 750 cents.
 * Returns null when the value has more decimals than the currency allows.
 */
export function toMinor(value: number | string, currency: string): number | null {
  const match = MONEY_TEXT.exec(String(value));
  if (!match) return null;
  const digits = minorDigits(currency);
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > digits) return null;
  return Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

export function formatMinor(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 10 ** digits)}.${String(abs % 10 ** digits).padStart(digits, '0')}`;
}

export function IsMoney(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isMoney',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `${String(propertyName)} must be a non-negative amount in major units below ${MAX_AMOUNT}, as a number or a decimal string such as "7.50"`,
        ...options,
      },
      validator: { validate: isMoneyInput },
    });
}

import { formatMinor, isMoneyInput, toMinor } from './money';

describe('money', () => {
  it('converts major units to exact minor units without floating point', () => {
    expect(toMinor(7.5, 'EUR')).toBe(750);
    expect(toMinor('7.50', 'EUR')).toBe(750);
    expect(toMinor('0.1', 'EUR')).toBe(10);
    expect(toMinor(0.29, 'EUR')).toBe(29);
    expect(toMinor('1200', 'JPY')).toBe(1200);
    expect(toMinor('1.250', 'KWD')).toBe(1250);
  });

  it('refuses more decimals than the currency has', () => {
    expect(toMinor('7.555', 'EUR')).toBeNull();
    expect(toMinor('1.5', 'JPY')).toBeNull();
  });

  it('accepts only non-negative, bounded amounts', () => {
    expect(isMoneyInput(-1)).toBe(false);
    expect(isMoneyInput('1e3')).toBe(false);
    expect(isMoneyInput(Number.NaN)).toBe(false);
    expect(isMoneyInput(1e12)).toBe(false);
    expect(isMoneyInput('12.50')).toBe(true);
  });

  it('formats minor units back', () => {
    expect(formatMinor(2150, 'EUR')).toBe('21.50');
    expect(formatMinor(-200, 'EUR')).toBe('-2.00');
    expect(formatMinor(1200, 'JPY')).toBe('1200');
  });
});

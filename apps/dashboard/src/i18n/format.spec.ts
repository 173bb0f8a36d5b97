import { messages } from './messages';
import {
  dayInZone,
  formatDateTime,
  formatDuration,
  formatMinorUnits,
  formatMoney,
  formatRelative,
  formatTime,
  formatWhen,
  zonedDayRange,
} from './format';

// Intl output uses narrow no-break spaces in places; compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it('writes the API decimal string in each language’s currency style', () => {
    expect(plain(formatMoney('1234.50', 'EUR', 'en'))).toBe('€1,234.50');
    // Italian and Spanish group thousands only from five digits on (CLDR minimum grouping).
    expect(plain(formatMoney('1234.50', 'EUR', 'it'))).toBe('1234,50 €');
    expect(plain(formatMoney('12345.50', 'EUR', 'it'))).toBe('12.345,50 €');
    expect(plain(formatMoney('1234.50', 'EUR', 'es'))).toBe('1234,50 €');
    expect(plain(formatMoney('7.5', 'EUR', 'it'))).toBe('7,50 €');
  });

  it('keeps every digit of large amounts (no floating point rounding)', () => {
    expect(plain(formatMoney('999999.99', 'EUR', 'en'))).toBe('€999,999.99');
  });

  it('uses the currency’s own minor digits', () => {
    expect(plain(formatMoney('1500', 'JPY', 'en'))).toBe('¥1,500');
    expect(plain(formatMinorUnits(2550, 'EUR', 'it'))).toBe('25,50 €');
    expect(plain(formatMinorUnits(5, 'EUR', 'en'))).toBe('€0.05');
    expect(plain(formatMinorUnits(1500, 'JPY', 'en'))).toBe('¥1,500');
  });
});

describe('dates and times', () => {
  const at = '2026-07-15T17:45:00.000Z';

  it('shows times in the restaurant’s time zone, not the browser’s', () => {
    expect(formatTime(at, 'it', 'Europe/Rome')).toBe('19:45');
    expect(formatTime(at, 'es', 'Europe/Madrid')).toBe('19:45');
    expect(formatTime(at, 'en-GB', 'Europe/London')).toBe('18:45');
    expect(formatTime(at, 'it', 'UTC', true)).toBe('17:45:00');
  });

  it('formats dates per language', () => {
    expect(plain(formatDateTime(at, 'it', 'Europe/Rome'))).toBe('15 lug 2026, 19:45');
    expect(plain(formatDateTime(at, 'es', 'Europe/Madrid'))).toBe('15 jul 2026, 19:45');
    expect(plain(formatDateTime(at, 'en-GB', 'Europe/London'))).toBe('15 Jul 2026, 18:45');
  });

  it('falls back to UTC for a missing or unknown zone', () => {
    expect(formatTime(at, 'it', null)).toBe('17:45');
    expect(formatTime(at, 'it', 'Not/AZone')).toBe('17:45');
  });

  it('shows only the time for today in the zone, and the date otherwise', () => {
    const now = new Date('2026-07-15T21:30:00.000Z'); // 23:30 in Rome, same day
    expect(formatWhen(at, 'it', 'Europe/Rome', now)).toBe('19:45');
    // 22:30 UTC is already the next day in Rome.
    expect(dayInZone(new Date('2026-07-15T22:30:00.000Z'), 'Europe/Rome')).toBe('2026-07-16');
    expect(plain(formatWhen(at, 'it', 'Europe/Rome', new Date('2026-07-16T08:00:00.000Z')))).toBe(
      '15 lug 2026, 19:45',
    );
  });

  it('covers one local day exactly, also across a daylight-saving change', () => {
    expect(zonedDayRange('2026-07-15', 'Europe/Rome')).toEqual({
      from: '2026-07-14T22:00:00.000Z',
      to: '2026-07-15T21:59:59.999Z',
    });
    // 29 March 2026: Rome moves from +01:00 to +02:00, a 23-hour day.
    expect(zonedDayRange('2026-03-29', 'Europe/Rome')).toEqual({
      from: '2026-03-28T23:00:00.000Z',
      to: '2026-03-29T21:59:59.999Z',
    });
    expect(zonedDayRange('2026-03-29', 'UTC')).toEqual({
      from: '2026-03-29T00:00:00.000Z',
      to: '2026-03-29T23:59:59.999Z',
    });
  });

  it('says how long ago in each language', () => {
    const now = Date.parse(at);
    expect(formatRelative(at, 'en', now + 3_000)).toBe('now');
    expect(formatRelative(at, 'en', now + 5 * 60_000)).toBe('5 minutes ago');
    expect(formatRelative(at, 'it', now + 5 * 60_000)).toBe('5 minuti fa');
    expect(formatRelative(at, 'es', now + 2 * 3600_000)).toBe('hace 2 horas');
  });

  it('writes durations with short units', () => {
    expect(plain(formatDuration(45, 'en'))).toBe('45 sec');
    expect(plain(formatDuration(300, 'it'))).toBe('5 min');
    expect(plain(formatDuration(3900, 'en'))).toBe('1 hr 5 min');
  });
});

describe('messages', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it.each(['it', 'es'] as const)('%s uses the same placeholders as English in every message', (locale) => {
    for (const [key, english] of Object.entries(messages.en)) {
      expect({ key, vars: placeholders(messages[locale][key as keyof typeof messages.en]) }).toEqual({
        key,
        vars: placeholders(english),
      });
    }
  });

  it.each(['it', 'es'] as const)('%s is actually translated', (locale) => {
    const same = Object.keys(messages.en).filter(
      (key) =>
        messages[locale][key as keyof typeof messages.en] === messages.en[key as keyof typeof messages.en],
    );
    // A few words are the same in both languages (Email, Online, GoodCom Bridge...).
    expect(same.length).toBeLessThan(12);
  });
});

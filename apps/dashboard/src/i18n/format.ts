// Money, dates and times through `Intl`, for the chosen language and the restaurant's time zone.

/** A money string from the API ("7.50") in the locale's currency format. Exact: the decimal string is
 *  handed to `Intl` as is (no floating point), falling back to a plain number for old engines. */
export function formatMoney(amount: string, currency: string, locale: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  return format.format(amount as `${number}`);
}

/** Minor units (as in some event data) to a formatted amount. */
export function formatMinorUnits(minor: number, currency: string, locale: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const negative = minor < 0;
  const text = String(Math.abs(Math.trunc(minor))).padStart(digits + 1, '0');
  const major = digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  return format.format(`${negative ? '-' : ''}${major}` as `${number}`);
}

function safeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

export function formatDateTime(iso: string, locale: string, timeZone: string | null | undefined): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: safeZone(timeZone),
  }).format(new Date(iso));
}

export function formatTime(
  iso: string,
  locale: string,
  timeZone: string | null | undefined,
  seconds = false,
): string {
  return new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' } : {}),
    timeZone: safeZone(timeZone),
  }).format(new Date(iso));
}

export function formatDate(iso: string, locale: string, timeZone: string | null | undefined): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: safeZone(timeZone) }).format(
    new Date(iso),
  );
}

/** The calendar day (`YYYY-MM-DD`) of an instant in a time zone. */
export function dayInZone(at: Date, timeZone: string | null | undefined): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: safeZone(timeZone),
  }).formatToParts(at);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** A time of day when the instant is today (in the zone), else date and time. */
export function formatWhen(
  iso: string,
  locale: string,
  timeZone: string | null | undefined,
  now = new Date(),
): string {
  return dayInZone(new Date(iso), timeZone) === dayInZone(now, timeZone)
    ? formatTime(iso, locale, timeZone)
    : formatDateTime(iso, locale, timeZone);
}

/** "3 minutes ago", "in 2 hours", "now". */
export function formatRelative(iso: string, locale: string, now: number = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 10) return format.format(0, 'second');
  if (abs < 60) return format.format(seconds, 'second');
  if (abs < 45 * 60) return format.format(Math.round(seconds / 60), 'minute');
  if (abs < 22 * 3600) return format.format(Math.round(seconds / 3600), 'hour');
  return format.format(Math.round(seconds / 86400), 'day');
}

/** A duration in seconds as "4 min" / "1 h 5 min" / "45 s", localised units. */
export function formatDuration(totalSeconds: number, locale: string): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const unit = (value: number, name: 'hour' | 'minute' | 'second') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'short' }).format(value);
  if (seconds < 60) return unit(seconds, 'second');
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (hours === 0) return unit(minutes, 'minute');
  return minutes === 0 ? unit(hours, 'hour') : `${unit(hours, 'hour')} ${unit(minutes, 'minute')}`;
}

/** Milliseconds to add to UTC to get the wall clock of `timeZone` at `at`. */
function zoneOffset(at: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? '0');
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(at / 1000) * 1000;
}

/** The instant a wall-clock time (`YYYY-MM-DD`, minutes since midnight) happens in `timeZone`. */
function zonedInstant(day: string, minutes: number, timeZone: string): number {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, date, 0, minutes);
  let guess = wall - zoneOffset(wall, timeZone);
  guess = wall - zoneOffset(guess, timeZone);
  return guess;
}

/** The UTC range `[from, to]` (ISO strings) covering one calendar day in a time zone. */
export function zonedDayRange(
  day: string,
  timeZone: string | null | undefined,
): { from: string; to: string } {
  const zone = safeZone(timeZone);
  const next = new Date(`${day}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const start = zonedInstant(day, 0, zone);
  const end = zonedInstant(next.toISOString().slice(0, 10), 0, zone) - 1;
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}

/** The browser's IANA time zone, or UTC. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Every IANA zone the browser knows, for pickers. */
export function timeZones(): string[] {
  try {
    const zones = Intl.supportedValuesOf('timeZone');
    return zones.includes('UTC') ? zones : ['UTC', ...zones];
  } catch {
    return ['UTC'];
  }
}

export function isValidTimeZone(zone: string): boolean {
  if (zone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

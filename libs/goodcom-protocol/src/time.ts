import { ProtocolError } from './errors';

/** `HH:MM DD-MM-YY` in an IANA zone (`Europe/Rome`) or a fixed offset (`+02:00`, `-0530`, `Z`). */
export function formatRequestedFor(date: Date, timeZone = 'UTC'): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new ProtocolError('invalid_date', 'requestedAt is not a valid date');
  }
  const zone = resolveZone(timeZone);
  const p = typeof zone === 'number' ? offsetParts(date, zone) : intlParts(date, zone);
  return `${p.hour}:${p.minute} ${p.day}-${p.month}-${p.year}`;
}

interface TimeParts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A fixed offset in minutes, or a validated IANA zone name. */
export function resolveZone(timeZone: string): number | string {
  const offset = /^([+-])(\d{2}):?(\d{2})$/.exec(timeZone);
  if (timeZone === 'Z' || timeZone === 'z') return 0;
  if (offset) {
    const [, sign, hh, mm] = offset;
    const minutes = Number(hh) * 60 + Number(mm);
    if (Number(hh) > 14 || Number(mm) > 59) {
      throw new ProtocolError('invalid_time_zone', `Offset ${timeZone} is out of range`);
    }
    return sign === '-' ? -minutes : minutes;
  }
  if (!formatters.has(timeZone)) {
    try {
      formatters.set(
        timeZone,
        new Intl.DateTimeFormat('en-GB', {
          timeZone,
          hourCycle: 'h23',
          year: '2-digit',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
        }),
      );
    } catch {
      throw new ProtocolError('invalid_time_zone', `Unknown time zone ${JSON.stringify(timeZone)}`);
    }
  }
  return timeZone;
}

function offsetParts(date: Date, offsetMinutes: number): TimeParts {
  const shifted = new Date(date.getTime() + offsetMinutes * 60_000);
  const two = (n: number): string => String(n).padStart(2, '0');
  return {
    year: two(((shifted.getUTCFullYear() % 100) + 100) % 100),
    month: two(shifted.getUTCMonth() + 1),
    day: two(shifted.getUTCDate()),
    hour: two(shifted.getUTCHours()),
    minute: two(shifted.getUTCMinutes()),
  };
}

function intlParts(date: Date, zone: string): TimeParts {
  const formatter = formatters.get(zone);
  const parts: Record<string, string> = {};
  for (const part of formatter?.formatToParts(date) ?? []) parts[part.type] = part.value;
  const get = (type: keyof TimeParts): string => (parts[type] ?? '00').padStart(2, '0').slice(-2);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
  };
}

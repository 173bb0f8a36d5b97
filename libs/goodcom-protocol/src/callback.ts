import {
  type CallbackInput,
  type CallbackOutcome,
  type CallbackParseResult,
  type PollParams,
  type PrinterCallback,
} from './types';

const ANSWERS: Readonly<Record<string, CallbackOutcome>> = {
  accepted: 'accepted',
  accept: 'accepted',
  confirm: 'accepted',
  confirmed: 'accepted',
  ok: 'accepted',
  yes: 'accepted',
  '1': 'accepted',
  rejected: 'rejected',
  reject: 'rejected',
  declined: 'rejected',
  decline: 'rejected',
  cancel: 'rejected',
  cancelled: 'rejected',
  canceled: 'rejected',
  no: 'rejected',
  // `0` is deliberately absent: the only public `ak=0` (ZOMIGO README) carries a delivery time,
  // so it may well mean "accepted"; guessing either way could cancel or confirm the wrong order.
};

/** Read a printer callback (doc §3): classic `a/o/ak/m/dt/u/p`, newer `dd/bat/cur`, legacy names. */
export function parseCallback(input: CallbackInput): CallbackParseResult {
  const params = readParams(input);
  const get = (...names: string[]): string | null => pick(params, names);

  const orderId = get('o', 'ordernumber');
  if (orderId === null) {
    return fail('missing_order_id', "Callback has no order id (parameter 'o', legacy 'ordernumber')");
  }
  const answer = get('ak', 'status');
  if (answer === null) {
    return fail('missing_answer', "Callback has no answer (parameter 'ak', legacy 'status')");
  }
  const outcome = ANSWERS[answer.toLowerCase()];
  if (outcome === undefined) {
    return fail(
      'unknown_answer',
      `Callback answer ${JSON.stringify(clip(answer))} (parameter 'ak') is neither Accepted nor Rejected`,
    );
  }
  const value: PrinterCallback = {
    outcome,
    orderId,
    resId: get('a', 'restid'),
    message: spaced(get('m', 'reason', 'rejectreason')),
    time: spaced(get('dt', 'deliverytime')),
    date: isoDate(get('dd')),
    user: get('u'),
    password: get('p', 'password'),
    battery: get('bat'),
    cur: get('cur'),
    answer,
  };
  return { ok: true, value };
}

/** Read a poll request's credentials (doc §1): `a/u/p`, legacy `restid/password`. */
export function parsePollParams(input: CallbackInput): PollParams {
  const params = readParams(input);
  return {
    resId: pick(params, ['a', 'restid']),
    user: pick(params, ['u']),
    password: pick(params, ['p', 'password']),
  };
}

/** Lower-cased name → values in order of appearance, already decoded. */
type Params = Map<string, string[]>;

function readParams(input: CallbackInput): Params {
  const params: Params = new Map();
  const add = (name: string, value: string): void => {
    const key = name.trim().toLowerCase();
    params.set(key, [...(params.get(key) ?? []), value]);
  };
  if (typeof input === 'string') {
    for (const pair of input.replace(/^\s*\?/, '').split('&')) {
      const eq = pair.indexOf('=');
      if (eq < 0) add(lenientDecode(pair), '');
      else add(lenientDecode(pair.slice(0, eq)), lenientDecode(pair.slice(eq + 1)));
    }
  } else if (input instanceof URLSearchParams) {
    input.forEach((value, name) => add(name, value));
  } else if (input !== null && typeof input === 'object') {
    for (const [name, raw] of Object.entries(input)) {
      const value = Array.isArray(raw) ? (raw as unknown[]).find((v) => scalar(v) !== null) : raw;
      const text = scalar(value);
      // Nested objects (qs `a[b]=c`) carry nothing a printer sends.
      if (text !== null) add(name, text);
    }
  }
  return params;
}

/** First non-blank value of the first name present, trimmed; null when absent. */
function pick(params: Params, names: string[]): string | null {
  for (const name of names) {
    for (const value of params.get(name) ?? []) {
      const trimmed = value.trim();
      if (trimmed !== '') return trimmed;
    }
  }
  return null;
}

function scalar(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean')
    return String(value);
  return null;
}

/**
 * Percent-decode what is valid UTF-8 percent-encoding and leave everything else as sent: printer
 * firmware does not encode, so a stray `%` is text, never an error. `+` is left alone here.
 */
function lenientDecode(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return decodeRunPartially(run);
    }
  });
}

// A run may mix valid UTF-8 sequences with stray bytes; decode the valid ones one at a time.
function decodeRunPartially(run: string): string {
  const bytes = run.split('%').slice(1);
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    let decoded: string | null = null;
    for (let size = 4; size >= 1 && decoded === null; size--) {
      if (i + size > bytes.length) continue;
      try {
        decoded = decodeURIComponent(`%${bytes.slice(i, i + size).join('%')}`);
        i += size;
      } catch {
        decoded = null;
      }
    }
    if (decoded === null) {
      out += `%${bytes[i] ?? ''}`;
      i += 1;
    } else {
      out += decoded;
    }
  }
  return out;
}

/** `m`/`dt` come from firmware that writes `_` (accept items) or `+` (form encoding) for spaces. */
function spaced(value: string | null): string | null {
  if (value === null) return null;
  const text = value.replace(/[+_]/g, ' ').trim();
  return text === '' ? null : text;
}

/** `dd=230824` → `2023-08-24`; anything else → null. */
function isoDate(value: string | null): string | null {
  const match = value === null ? null : /^(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!match) return null;
  const [, yy = '', mm = '', dd = ''] = match;
  const date = new Date(Date.UTC(2000 + Number(yy), Number(mm) - 1, Number(dd)));
  if (date.getUTCMonth() !== Number(mm) - 1 || date.getUTCDate() !== Number(dd)) return null;
  return `20${yy}-${mm}-${dd}`;
}

function fail(
  code: 'missing_order_id' | 'missing_answer' | 'unknown_answer',
  message: string,
): CallbackParseResult {
  return { ok: false, error: { code, message } };
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

// How the emulated staff answer an order, and the callback fields that answer turns into.
import { type DecodedOrder } from '@goodcom/protocol';

/** The GoodCom factory reject-reason list (INI item 15), spaces included. */
export const DEFAULT_REJECT_REASONS: readonly string[] = [
  'TOO BUSY',
  'FOOD UNAVAILABLE',
  'UNABLE TO DELIVER',
  'DONT DELIVER TO AREA',
  'UNKNOWN ADDRESS',
  'TIME UNAVAILABLE',
  'JAM - PLEASE REORDER',
];

/** What staff pressed. Omitted minutes/reason fall back to the printer's configured defaults. */
export type Answer = { accept: true; minutes?: number } | { accept: false; reason?: string };

/** A custom policy; `null` means "nobody answers" (like the `none` policy). */
export type PolicyFunction = (order: DecodedOrder) => Answer | null | Promise<Answer | null>;

export type PolicyName = 'accept' | 'reject' | 'random' | 'none';

export type Policy = PolicyName | PolicyFunction;

export const POLICY_NAMES: readonly PolicyName[] = ['accept', 'reject', 'random', 'none'];

/** The answer as it goes over the wire. */
export interface SentAnswer {
  ak: 'Accepted' | 'Rejected';
  /** `OK` on accept, the reason on reject. */
  m: string;
  /** `HH:MM`: the promised time on accept, the time of rejection on reject (like the firmware). */
  dt: string;
}

/** mulberry32: tiny, seedable, good enough to make `random` runs reproducible. */
export function createRng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Returns a `HH:MM` (24 h) formatter for an IANA zone; `undefined` = the system zone. Throws
 *  RangeError for an unknown zone, so callers can validate options up front. */
export function clockFormatter(timeZone?: string): (date: Date) => string {
  const format = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });
  return (date) => format.format(date);
}

export function toSentAnswer(
  answer: Answer,
  now: Date,
  defaults: { minutes: number; reason: () => string; clock: (date: Date) => string },
): SentAnswer {
  if (answer.accept) {
    const minutes = answer.minutes ?? defaults.minutes;
    return { ak: 'Accepted', m: 'OK', dt: defaults.clock(new Date(now.getTime() + minutes * 60_000)) };
  }
  return { ak: 'Rejected', m: answer.reason ?? defaults.reason(), dt: defaults.clock(now) };
}

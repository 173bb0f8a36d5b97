import { compareIds, comparePositions, type OrderPosition } from './framework360.mapping';

/**
 * Where polling stands: the newest (creation time, id) handed to the core, plus the other ids
 * that share that creation time. Keeping those ids lets a later poll take orders created in the
 * same second without re-reading (and re-logging as duplicates) the ones already imported, and
 * without skipping any: an order at the cursor's time whose id is not listed is taken again.
 */
export interface PollCursor extends OrderPosition {
  seen: string[];
}

/** The connection's cursor column is varchar(255). */
const MAX_CURSOR_LENGTH = 255;

export function encodeCursor(cursor: PollCursor): string {
  const seen = [...cursor.seen].sort(compareIds);
  let encoded = JSON.stringify({ v: 1, t: cursor.time, id: cursor.id, seen });
  // Forgetting a seen id only means it may come back once more as a (harmless) duplicate.
  while (encoded.length > MAX_CURSOR_LENGTH && seen.length > 0) {
    seen.shift();
    encoded = JSON.stringify({ v: 1, t: cursor.time, id: cursor.id, seen });
  }
  return encoded;
}

/** The stored cursor, or null when there is none or it is not ours (then polling starts afresh). */
export function decodeCursor(raw: string | null): PollCursor | null {
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw) as { v?: unknown; t?: unknown; id?: unknown; seen?: unknown };
    if (value.v !== 1 || typeof value.t !== 'number' || typeof value.id !== 'string') return null;
    const seen = Array.isArray(value.seen)
      ? value.seen.filter((id): id is string => typeof id === 'string')
      : [];
    return { time: value.t, id: value.id, seen };
  } catch {
    return null;
  }
}

/** The cursor of the first poll: the newest order that exists now (everything up to it is history). */
export function startCursor(existing: OrderPosition[]): PollCursor {
  const newest = [...existing].sort(comparePositions).at(-1);
  if (!newest) return { time: 0, id: '', seen: [] };
  const seen = existing
    .filter((p) => p.time === newest.time && p.time !== 0 && p.id !== newest.id)
    .map((p) => p.id);
  return { ...newest, seen: [...new Set(seen)] };
}

/** Not yet handed over: later than the cursor, or at its time and not among the ids seen there. */
export function isNew(position: OrderPosition, cursor: PollCursor): boolean {
  if (position.time !== cursor.time) return position.time > cursor.time;
  if (position.id === cursor.id || cursor.seen.includes(position.id)) return false;
  // Without creation times, ids are the only order there is.
  if (position.time === 0) return compareIds(position.id, cursor.id) > 0;
  return true;
}

/** The cursor after handing over `taken` (the new orders of this poll). */
export function advanceCursor(cursor: PollCursor, taken: OrderPosition[]): PollCursor {
  const newest = [cursor, ...taken].sort(comparePositions).at(-1)!;
  if (newest.time === 0) return { time: 0, id: newest.id, seen: [] };
  const atNewest = taken.filter((p) => p.time === newest.time).map((p) => p.id);
  const carried = newest.time === cursor.time ? [...cursor.seen, cursor.id] : [];
  const seen = [...new Set([...carried, ...atNewest])].filter((id) => id !== newest.id && id !== '');
  return { time: newest.time, id: newest.id, seen };
}

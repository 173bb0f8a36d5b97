/** When the next attempt happens after `attempts` failures: 10 s doubling to at most 1 h, ±20 % jitter. */
export function nextDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(10_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** A message is given up only after it has been retried for the whole window. */
export function isExhausted(createdAt: number, now: number, windowMs: number): boolean {
  return now - createdAt >= windowMs;
}

export interface FailureState {
  failingSince: number | null;
  consecutiveFailures: number;
}

/**
 * A target is disabled when one of its messages has been retried for the whole window without
 * success (so it kept failing for at least that long), or at once when it answers 410 Gone.
 * Returns the reason shown to the owner, or null to keep going.
 */
export function disableReason(
  state: FailureState,
  windowMs: number,
  lastProblem: string,
  statusCode: number | null,
  gaveUp: boolean,
  disabledAs = 'Disabled',
): string | null {
  if (statusCode === 410) return `${disabledAs}: the endpoint answered 410 Gone (${lastProblem})`;
  if (!gaveUp) return null;
  const hours = Math.round(windowMs / 3_600_000);
  return `${disabledAs} after ${state.consecutiveFailures} failed deliveries over ${hours} h without a success (last: ${lastProblem})`;
}

/**
 * Counts misses (unknown printer tokens) per client address in a fixed one-minute window.
 * Only misses are counted, so an honest printer with a valid token is never slowed down.
 */
export class MissLimiter {
  private readonly windows = new Map<string, { start: number; misses: number }>();

  constructor(private readonly perMinute: number) {}

  isBlocked(key: string, now: number): boolean {
    const window = this.windows.get(key);
    return window !== undefined && now - window.start < 60_000 && window.misses >= this.perMinute;
  }

  recordMiss(key: string, now: number): void {
    const window = this.windows.get(key);
    if (!window || now - window.start >= 60_000) {
      if (this.windows.size > 10_000) this.prune(now);
      this.windows.set(key, { start: now, misses: 1 });
    } else {
      window.misses += 1;
    }
  }

  private prune(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= 60_000) this.windows.delete(key);
  }
}

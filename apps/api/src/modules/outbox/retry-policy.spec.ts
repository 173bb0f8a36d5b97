import { disableReason, isExhausted, nextDelayMs } from './retry-policy';

describe('retry policy', () => {
  it('doubles from 10 s and caps at one hour, within the jitter band', () => {
    expect(nextDelayMs(1, () => 0.5)).toBe(10_000);
    expect(nextDelayMs(2, () => 0.5)).toBe(20_000);
    expect(nextDelayMs(30, () => 0.5)).toBe(3_600_000);
    expect(nextDelayMs(1, () => 0)).toBe(8_000);
    expect(nextDelayMs(1, () => 1)).toBe(12_000);
  });

  it('keeps retrying for at least 24 h', () => {
    let elapsed = 0;
    let attempts = 0;
    while (!isExhausted(0, elapsed, 24 * 3_600_000)) {
      attempts += 1;
      elapsed += nextDelayMs(attempts, () => 0);
    }
    expect(elapsed).toBeGreaterThanOrEqual(24 * 3_600_000);
    expect(attempts).toBeGreaterThan(20);
  });

  it('disables only after the whole window without success, or on 410', () => {
    const day = 24 * 3_600_000;
    expect(
      disableReason({ failingSince: 0, consecutiveFailures: 40 }, day - 1, day, 'HTTP 500', 500),
    ).toBeNull();
    expect(
      disableReason({ failingSince: 0, consecutiveFailures: 2 }, day * 2, day, 'HTTP 500', 500),
    ).toBeNull();
    expect(disableReason({ failingSince: 0, consecutiveFailures: 40 }, day, day, 'HTTP 500', 500)).toMatch(
      /40 failed deliveries over 24 h.*HTTP 500/,
    );
    expect(disableReason({ failingSince: null, consecutiveFailures: 0 }, 0, day, 'HTTP 410', 410)).toMatch(
      /410 Gone/,
    );
  });
});

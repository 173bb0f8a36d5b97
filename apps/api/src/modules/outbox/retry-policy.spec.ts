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

  it('disables only once a message was given up after the whole window, or on 410', () => {
    const day = 24 * 3_600_000;
    const failing = { failingSince: 0, consecutiveFailures: 40 };
    expect(disableReason(failing, day, 'HTTP 500', 500, false)).toBeNull();
    expect(disableReason(failing, day, 'HTTP 401', 401, true, 'Status pushes stopped')).toMatch(
      /^Status pushes stopped after 40 failed deliveries over 24 h.*HTTP 401/,
    );
    expect(disableReason(failing, day, 'HTTP 500', 500, true)).toMatch(
      /40 failed deliveries over 24 h.*HTTP 500/,
    );
    expect(
      disableReason({ failingSince: null, consecutiveFailures: 0 }, day, 'HTTP 410', 410, false),
    ).toMatch(/410 Gone/);
  });
});

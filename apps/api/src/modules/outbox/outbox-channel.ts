import type { OutboxChannel, OutboxMessage } from './outbox-message.entity';

/** What one attempt produced. `statusCode` is null when no HTTP answer came back. */
export interface DeliveryOutcome {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  response: string | null;
  latencyMs: number;
}

/** `paused`: the owner or the bridge disabled the target, messages wait. `gone`: deleted. */
export type TargetState = 'active' | 'paused' | 'gone';

/** A kind of delivery target (webhook endpoints, a shop platform), registered by its module. */
export interface ChannelHandler {
  readonly channel: OutboxChannel;
  targetState(targetId: string): Promise<TargetState>;
  deliver(message: OutboxMessage): Promise<DeliveryOutcome>;
  /**
   * Keeps the target's health (failure run, disabling) up to date after each attempt. `gaveUp`:
   * this attempt was the message's last (its retry window is spent).
   */
  recordOutcome(targetId: string, outcome: DeliveryOutcome, now: number, gaveUp: boolean): Promise<void>;
}

/** The short text stored and shown for a failed attempt. */
export function describeFailure(outcome: DeliveryOutcome): string {
  if (outcome.error) return outcome.error;
  return `HTTP ${outcome.statusCode ?? '?'}`;
}

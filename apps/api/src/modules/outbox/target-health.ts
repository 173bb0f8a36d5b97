import { IsNull, type ObjectLiteral, type Repository } from 'typeorm';
import { type DeliveryOutcome, describeFailure, type TargetState } from './outbox-channel';
import { disableReason } from './retry-policy';

/** The columns every delivery target (webhook endpoint, shop connection) keeps about its health. */
export interface HealthColumns extends ObjectLiteral {
  id: string;
  enabled: boolean;
  deletedAt: number | null;
  disabledReason: string | null;
  failingSince: number | null;
  consecutiveFailures: number;
  lastFailureAt: number | null;
  updatedAt: number;
}

export interface HealthOptions<T> {
  windowMs: number;
  /** Extra columns written after a success (e.g. `lastSuccessAt`). */
  onSuccess: (now: number) => Partial<T>;
  /** Extra columns written after a failure (e.g. the error text). */
  onFailure: (problem: string) => Partial<T>;
  /** How the reason starts when the bridge disables the target ("Disabled", "Status pushes stopped"). */
  disabledAs: string;
}

/** `gone` once deleted, `paused` while disabled, else `active`. */
export async function targetStateOf<T extends HealthColumns>(
  repo: Repository<T>,
  id: string,
): Promise<TargetState> {
  const target = await repo.findOneBy({ id } as never);
  if (!target || target.deletedAt !== null) return 'gone';
  return target.enabled ? 'active' : 'paused';
}

/**
 * After each attempt: a success ends the failure run; a failure extends it and, when the message
 * was given up (or the target answered 410), disables the target with a reason the owner sees.
 */
export async function recordTargetOutcome<T extends HealthColumns>(
  repo: Repository<T>,
  id: string,
  outcome: DeliveryOutcome,
  now: number,
  gaveUp: boolean,
  options: HealthOptions<T>,
): Promise<void> {
  const byId = { id } as never;
  if (outcome.ok) {
    await repo.update(byId, {
      failingSince: null,
      consecutiveFailures: 0,
      updatedAt: now,
      ...options.onSuccess(now),
    });
    return;
  }
  const problem = describeFailure(outcome);
  await repo.increment(byId, 'consecutiveFailures', 1);
  await repo.update({ id, failingSince: IsNull() } as never, { failingSince: now } as never);
  await repo.update(byId, { lastFailureAt: now, updatedAt: now, ...options.onFailure(problem) });
  const target = await repo.findOneBy(byId);
  if (!target?.enabled) return;
  const reason = disableReason(
    target,
    options.windowMs,
    problem,
    outcome.statusCode,
    gaveUp,
    options.disabledAs,
  );
  if (reason)
    await repo.update({ id, enabled: true } as never, { enabled: false, disabledReason: reason } as never);
}

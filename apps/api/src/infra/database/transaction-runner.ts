import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** MySQL or MariaDB (the same driver and SQL dialect in TypeORM). */
export function isMysqlFamily(dataSource: DataSource): boolean {
  return dataSource.options.type === 'mysql' || dataSource.options.type === 'mariadb';
}

const DEADLOCK_RETRIES = 8;

/** A random pause before retry n, growing exponentially (capped): immediate retries collide again. */
function retryPause(attempt: number): Promise<void> {
  const ceiling = Math.min(250, 10 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}

function isRetryable(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT';
}

/**
 * Every multi-statement write goes through here.
 * SQLite: TypeORM shares one connection, so two interleaved transactions would nest into each
 * other; they are run one after another instead (SQLite has a single writer anyway).
 * MySQL/MariaDB: a real transaction per call, retried when InnoDB picks it as a deadlock victim,
 * after a short random pause (transactions racing on the same rows would otherwise collide again).
 */
@Injectable()
export class TransactionRunner {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly serial: boolean;

  constructor(private readonly dataSource: DataSource) {
    this.serial = !isMysqlFamily(dataSource);
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serial) return this.withRetry(work);
    const result = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async withRetry<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.dataSource.transaction(work);
      } catch (error) {
        if (attempt >= DEADLOCK_RETRIES || !isRetryable(error)) throw error;
        await retryPause(attempt);
      }
    }
  }
}

import { Column, type ColumnOptions, type ValueTransformer } from 'typeorm';

// Times are stored as epoch milliseconds in a BIGINT: identical behaviour on SQLite and MariaDB,
// no driver time-zone conversions, and plain numbers in range queries. mysql2 returns BIGINT as a
// string (TypeORM turns on bigNumberStrings), so reads are normalised to numbers here.
const epochTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? null : Number(value)),
};

export function EpochColumn(options: Pick<ColumnOptions, 'nullable' | 'name'> = {}): PropertyDecorator {
  return Column({ type: 'bigint', transformer: epochTransformer, ...options });
}

/** Integer minor units (cents). */
export function MoneyColumn(options: Pick<ColumnOptions, 'nullable' | 'default'> = {}): PropertyDecorator {
  return Column({ type: 'integer', ...options });
}

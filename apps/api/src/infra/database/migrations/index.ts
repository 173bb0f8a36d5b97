import { Initial1764390000000 } from './1764390000000-initial';

/** Every migration, in order. Runs on SQLite and MariaDB/MySQL alike. */
export const MIGRATIONS = [Initial1764390000000];

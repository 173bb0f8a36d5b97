import { Initial1764390000000 } from './1764390000000-initial';
import { Integrations1764480000000 } from './1764480000000-integrations';

/** Every migration, in order. Runs on SQLite and MariaDB/MySQL alike. */
export const MIGRATIONS = [Initial1764390000000, Integrations1764480000000];

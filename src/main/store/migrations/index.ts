import type { Migration } from '../migration';
import { sessionsMigration } from './001-sessions';

/** Every migration, in order. A new one goes at the end with the next version number. */
export const migrations: readonly Migration[] = [sessionsMigration];

import type { Migration } from '../migration';
import { sessionsMigration } from './001-sessions';
import { sessionIndexMigration } from './002-session-index';
import { eventsMigration } from './003-events';
import { streamsMigration } from './004-streams';
import { sessionIdentityMigration } from './005-session-identity';
import { turnsMigration } from './006-turns';
import { branchesAndProposalsMigration } from './007-branches-and-proposals';
import { editRedoMigration } from './008-edit-redo';
import { promptTextsMigration } from './009-prompt-texts';
import { agentsMigration } from './010-agents';
import { machinesAndSyncMigration } from './011-machines-and-sync';
import { placementReasonsMigration } from './012-placement-reasons';
import { changeTimeMigration } from './013-change-time';
import { syncTrustMigration } from './014-sync-trust';
import { manualEntriesMigration } from './015-manual-entries';

/** Every migration, in order. A new one goes at the end with the next version number. */
export const migrations: readonly Migration[] = [
  sessionsMigration,
  sessionIndexMigration,
  eventsMigration,
  streamsMigration,
  sessionIdentityMigration,
  turnsMigration,
  branchesAndProposalsMigration,
  editRedoMigration,
  promptTextsMigration,
  agentsMigration,
  machinesAndSyncMigration,
  placementReasonsMigration,
  changeTimeMigration,
  syncTrustMigration,
  // 12-14 belong to other branches (streams, sync) and merge in before this one.
  manualEntriesMigration,
];

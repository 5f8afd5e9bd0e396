import type { TtApi } from './api';

// Kept free of dependencies: the sandboxed preload bundles this list and nothing else.
export const apiMethodNames = [
  'status',
  'getSettings',
  'updateSettings',
  'setApiKey',
  'indexSessions',
  'listSessions',
  'sessionDetails',
  'findStreams',
  'importEvents',
  'listEvents',
  'inferStreams',
  'listStreams',
  'renameStream',
  'confirmStream',
  'mergeStreams',
  'moveSession',
  'undo',
  'redo',
  'newStream',
  'listUnassigned',
  'assignUnassigned',
  'timeline',
  'report',
  'insights',
  'sessionReport',
  'activityCalendar',
  'timesheet',
  'listManualEntries',
  'addManualEntry',
  'updateManualEntry',
  'deleteManualEntry',
  'listMachines',
  'syncNow',
  'syncStatus',
] as const satisfies readonly (keyof TtApi)[];

export type ApiMethodName = (typeof apiMethodNames)[number];

// A compile-time check that every TtApi method is listed above.
type Missing = Exclude<keyof TtApi, ApiMethodName>;
export const everyMethodListed: Missing extends never ? true : Missing = true;

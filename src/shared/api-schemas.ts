import { z } from 'zod';
import type { ApiMethodName } from './api-methods';
import { REPORT_GROUPINGS } from './report-groupings';
import { TIMESHEET_MEASURES } from './api';
import { SESSION_SOURCE_NAMES } from './session-sources';
import { oneLineName, STREAM_NAME_MAX_LENGTH } from './stream-name';
import { rangeProblem } from './time-range';

// Runtime validation of every argument that crosses a process boundary (IPC or HTTP).
// Each method takes at most one argument, an object; unknown fields are rejected so that a
// typo fails loudly instead of being ignored. Bounds keep a hostile caller from asking for
// absurd work (a thousand-year timeline, a megabyte stream name).

const epochMs = z.number().int().min(0).max(8.64e15);
/**
 * A stream or session id (or a unique prefix of one): tt's ids are UUIDs and Claude Code's
 * file names, so printable ASCII without spaces; bounded, so a huge argument cannot become a
 * LIKE pattern SQLite refuses.
 */
const id = z
  .string()
  .min(1, 'an id cannot be empty')
  .max(200, 'an id has at most 200 characters')
  .regex(/^[!-~]+$/, 'an id has only letters, digits and punctuation (no spaces or control characters)');

/** A range tt works through (timeline, report, inference): the one rule in time-range.ts. */
function boundedRange<T extends { start?: number; end?: number }>(value: T, context: z.RefinementCtx): void {
  if (value.start === undefined || value.end === undefined) return; // the service completes and checks it
  const problem = rangeProblem(value.start, value.end);
  if (problem !== null) context.addIssue({ code: 'custom', message: problem });
}

const range = z.strictObject({ start: epochMs, end: epochMs }).superRefine(boundedRange);

const none = z.tuple([]);
// One optional argument. A tuple with an optional element (not a union of two tuples) keeps
// zod's messages precise: "Too small … at [0].limit" rather than a bare "Invalid input".
const optional = <T extends z.ZodType>(schema: T) => z.tuple([schema.optional()]);

export const streamNameSchema = z
  .string()
  // One line, as inference keeps the names it proposes (stream-name.ts).
  .transform(oneLineName)
  .pipe(
    z
      .string()
      .min(1, 'a name cannot be empty')
      .max(STREAM_NAME_MAX_LENGTH, `a name may have at most ${STREAM_NAME_MAX_LENGTH} characters`),
  );

/** What a setting may be: checked on update, and on every read of what the database holds. */
export const settingsUpdateSchema = z.strictObject({
  projectRoots: z.array(z.string().min(1).max(4096)).max(20).optional(),
  model: z.string().min(1).max(100).optional(),
  maxTokens: z.number().int().min(256).max(64_000).optional(),
  requestTimeoutMs: z.number().int().min(1_000).max(600_000).optional(),
  attentionWindowMinutes: z.number().int().min(1).max(120).optional(),
  sessionTimeoutMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .optional(),
  llmExclusions: z
    .array(
      z
        .string()
        .trim()
        .min(1)
        .max(4096)
        .refine((s) => !/[\p{Cc}]/u.test(s), 'an exclusion cannot hold control characters'),
    )
    .max(200)
    .optional(),
  awayAfterMinutes: z.number().int().min(1).max(240).optional(),
  disabledSources: z.array(z.enum(SESSION_SOURCE_NAMES)).max(SESSION_SOURCE_NAMES.length).optional(),
  syncFolder: z
    .string()
    .trim()
    .min(1)
    .max(4096)
    .refine((s) => s.startsWith('/') || s.startsWith('~'), 'the sync folder must be an absolute path')
    .refine((s) => !/[\p{Cc}]/u.test(s), 'a path cannot hold control characters')
    .nullable()
    .optional(),
  syncPromptTexts: z.boolean().optional(),
  /** hourly rates per project, for the timesheet's amounts */
  rates: z
    .record(z.string().min(1).max(500), z.number().finite().min(0).max(1_000_000))
    .refine((rates) => Object.keys(rates).length <= 1000, 'at most 1,000 rates')
    .optional(),
});

const projectNames = z.array(z.string().min(1).max(500)).max(200);
/** A manual entry's note: one line, bounded. */
export const manualNoteSchema = z
  .string()
  .max(2000, 'a note has at most 2,000 characters')
  .refine((s) => !/[\p{Cc}]/u.test(s), 'a note is one line without control characters');

/** A range of the Insights view, narrowed to projects and a machine. */
const insightsRange = z
  .strictObject({ start: epochMs, end: epochMs, projects: projectNames.optional(), machine: id.optional() })
  .superRefine(boundedRange);

export const apiInputSchemas = {
  status: none,
  getSettings: none,
  listMachines: none,
  syncNow: none,
  syncStatus: none,
  updateSettings: z.tuple([settingsUpdateSchema]),

  setApiKey: z.tuple([
    z.strictObject({
      key: z
        .string()
        .transform((s) => s.trim())
        .pipe(z.string().min(1, 'the key cannot be empty').max(500))
        .nullable(),
    }),
  ]),

  indexSessions: optional(z.strictObject({ roots: z.array(z.string().min(1).max(4096)).max(20).optional() })),
  listSessions: optional(
    z.strictObject({
      since: epochMs.optional(),
      until: epochMs.optional(),
      project: z.string().max(500).optional(),
      streamId: id.optional(),
      limit: z.number().int().min(1).max(100_000).optional(),
    }),
  ),

  importEvents: none,
  listEvents: optional(
    z.strictObject({
      since: epochMs.optional(),
      until: epochMs.optional(),
      type: z.enum(['pane-focus', 'scroll', 'idle-start', 'idle-end']).optional(),
      limit: z.number().int().min(1).max(100_000).optional(),
    }),
  ),

  inferStreams: z.tuple([
    z
      .strictObject({
        mode: z.enum(['directory', 'llm']),
        start: epochMs.optional(),
        end: epochMs.optional(),
        dryRun: z.boolean().optional(),
        replaceLlm: z.boolean().optional(),
      })
      .superRefine(boundedRange),
  ]),
  listStreams: optional(z.strictObject({ start: epochMs.optional(), end: epochMs.optional() })),
  renameStream: z.tuple([z.strictObject({ id, name: streamNameSchema })]),
  confirmStream: z.tuple([z.strictObject({ id })]),
  mergeStreams: z.tuple([
    z
      .strictObject({ from: id, into: id })
      .refine((m) => m.from !== m.into, 'cannot merge a stream into itself'),
  ]),
  moveSession: z.tuple([z.strictObject({ sessionId: id, streamId: id })]),
  undo: none,
  redo: none,
  newStream: z.tuple([
    z.strictObject({
      sessionIds: z.array(id).min(1, 'select at least one session').max(10_000),
      name: streamNameSchema.optional(),
      from: id.optional(),
    }),
  ]),
  sessionDetails: z.tuple([
    z.strictObject({ sessionId: id, start: epochMs, end: epochMs }).superRefine(boundedRange),
  ]),
  findStreams: z.tuple([
    z
      .strictObject({
        start: epochMs,
        end: epochMs,
        project: z.string().min(1).max(500).optional(),
        text: z.string().max(200, 'a search has at most 200 characters').optional(),
      })
      .superRefine(boundedRange),
  ]),
  listUnassigned: z.tuple([range]),
  assignUnassigned: z.tuple([
    z
      .strictObject({
        project: z.string().min(1).max(500),
        start: epochMs,
        end: epochMs,
        streamId: id.optional(),
        newName: streamNameSchema.optional(),
      })
      .refine((a) => a.end > a.start, 'end must be after start')
      .refine(
        (a) => (a.streamId === undefined) !== (a.newName === undefined),
        'give streamId or newName, not both',
      ),
  ]),

  timeline: z.tuple([
    z.strictObject({ start: epochMs, end: epochMs, machine: id.optional() }).superRefine(boundedRange),
  ]),
  report: z.tuple([
    z.strictObject({ start: epochMs, end: epochMs, by: z.enum(REPORT_GROUPINGS) }).superRefine(boundedRange),
  ]),
  insights: z.tuple([insightsRange]),
  sessionReport: z.tuple([range]),
  activityCalendar: z.tuple([insightsRange]),
  timesheet: z.tuple([
    z
      .strictObject({
        start: epochMs,
        end: epochMs,
        by: z.enum(['project', 'stream']),
        measure: z.enum(TIMESHEET_MEASURES),
        roundMinutes: z.union([z.literal(6), z.literal(15), z.literal(30)]).optional(),
        projects: projectNames.optional(),
      })
      .superRefine(boundedRange),
  ]),
  listManualEntries: z.tuple([range]),
  addManualEntry: z.tuple([
    z
      .strictObject({
        start: epochMs,
        end: epochMs,
        streamId: id.optional(),
        project: z.string().min(1).max(500).optional(),
        note: manualNoteSchema.optional(),
      })
      .refine((e) => e.end > e.start, 'the end must be after the start')
      .refine((e) => (e.streamId === undefined) !== (e.project === undefined), 'give a stream or a project'),
  ]),
  updateManualEntry: z.tuple([
    z.strictObject({
      id,
      start: epochMs.optional(),
      end: epochMs.optional(),
      note: manualNoteSchema.optional(),
    }),
  ]),
  deleteManualEntry: z.tuple([z.strictObject({ id })]),
} satisfies Record<ApiMethodName, z.ZodType>;

export class ApiInputError extends Error {
  constructor(method: string, issues: string) {
    super(`invalid arguments for ${method}: ${issues}`);
    this.name = 'ApiInputError';
  }
}

/** Validates raw arguments for `method`, throwing ApiInputError with a readable message. */
export function parseApiArgs(method: ApiMethodName, args: unknown): unknown[] {
  const result = apiInputSchemas[method].safeParse(args);
  if (!result.success) {
    throw new ApiInputError(method, z.prettifyError(result.error));
  }
  return result.data as unknown[];
}

export function isApiMethodName(name: string): name is ApiMethodName {
  return Object.hasOwn(apiInputSchemas, name);
}

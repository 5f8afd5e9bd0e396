import { z } from 'zod';
import { decodeHlc } from './hlc';

// The sync segment: one JSONL file of one machine's new rows. Line 1 is a header (format
// version, machine, sequence number), then one record per line, then an end line with the
// record count, so a file cut short is told from a complete one. Segments are immutable:
// a later segment may carry a newer version of a session (its origin_version says which).

/** The format this tt writes; a segment with a higher version is skipped with a reason. */
export const SEGMENT_FORMAT_VERSION = 1;

/** seg-00000001.jsonl (or .jsonl.gz): anything else in a machine's folder is not a segment. */
export const SEGMENT_NAME = /^seg-(\d{8})\.jsonl(\.gz)?$/;

export function segmentName(seq: number, gzip: boolean): string {
  return `seg-${String(seq).padStart(8, '0')}.jsonl${gzip ? '.gz' : ''}`;
}

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const text = z.string().max(1_000_000);
const nullableText = text.nullable();
const int = z.number().int().safe();
const nullableInt = int.nullable();

export const segmentHeaderSchema = z.object({
  tt: z.literal('sync-segment'),
  version: int,
  machine: uuid,
  machineName: z.string().min(1).max(200),
  instance: uuid,
  seq: int.min(1),
  createdAt: int,
});
export type SegmentHeader = z.infer<typeof segmentHeaderSchema>;

const assignmentSchema = z.object({
  stream_id: text,
  assigned_by: z.enum(['directory', 'llm', 'user']),
  confidence: z.number().min(0).max(1).optional(),
});

const streamBaseSchema = z.object({
  id: text,
  name: text,
  confidence: z.number(),
  source: z.enum(['directory', 'llm', 'user']),
  reviewed: int,
  name_locked: int,
  project_key: nullableText,
  created_at: int,
  merged_into: nullableText,
});

const editWritesSchema = z.object({
  streams: z.array(
    z.object({
      id: text,
      fields: streamBaseSchema
        .pick({
          name: true,
          name_locked: true,
          reviewed: true,
          source: true,
          merged_into: true,
          project_key: true,
        })
        .partial()
        .nullable(),
      base: streamBaseSchema.nullable(),
    }),
  ),
  sessions: z.array(z.object({ id: text, row: assignmentSchema.nullable() })),
  events: z.array(z.object({ id: text, row: assignmentSchema.nullable() })),
  manual: z
    .array(
      z.object({
        id: uuid,
        row: z
          .object({
            stream_id: text,
            start_ms: int,
            end_ms: int,
            note: z.string().max(2000),
            machine_id: nullableText,
            created_at: int,
          })
          .refine((row) => row.end_ms > row.start_ms, 'an entry must end after it starts')
          .nullable(),
      }),
    )
    .optional(),
});

export const sessionRecordSchema = z.object({
  kind: z.literal('session'),
  id: text,
  version: int,
  row: z.object({
    parent_session_id: nullableText,
    project_path: nullableText,
    project_name: nullableText,
    start_time: int,
    end_time: nullableInt,
    message_count: int,
    summary: nullableText,
    custom_title: nullableText,
    first_prompt: nullableText,
    is_subagent: z.union([z.literal(0), z.literal(1)]),
    agent_type: nullableText,
    last_message_uuid: nullableText,
    git_branch: nullableText,
    git_branch_share: z.number().nullable(),
  }),
  /** the project identity its machine resolved (jj, git), so every machine keys its stream alike */
  identity: z
    .object({ projectName: text, workspaceName: nullableText, jj: z.boolean() })
    .nullable()
    .optional(),
  prompts: z.array(z.tuple([int, nullableText])),
  activity: z.array(z.tuple([int, int])),
  spans: z.array(z.tuple([z.enum(['agent', 'handback', 'pending']), int, int, int, int])),
});
export type SessionRecord = z.infer<typeof sessionRecordSchema>;

export const eventRecordSchema = z.object({
  kind: z.literal('event'),
  row: z.object({
    id: text,
    ts: int,
    type: z.string().min(1).max(100),
    pane_id: nullableText,
    tmux_session: nullableText,
    window_index: nullableInt,
    cwd: nullableText,
    project_name: nullableText,
    workspace_name: nullableText,
    identity_source: nullableText,
    detail: nullableText,
    git_branch: nullableText,
  }),
});
export type EventRecord = z.infer<typeof eventRecordSchema>;

export const opRecordSchema = z.object({
  kind: z.literal('op'),
  id: uuid,
  hlc: z.string().refine((value) => decodeHlc(value) !== null, 'not a clock stamp'),
  description: text,
  writes: editWritesSchema,
});
export type OpRecord = z.infer<typeof opRecordSchema>;

const endSchema = z.object({ kind: z.literal('end'), records: int });

export type SegmentRecord = SessionRecord | EventRecord | OpRecord;

export type ParsedSegment =
  | {
      ok: true;
      header: SegmentHeader;
      records: SegmentRecord[];
      skippedLines: { line: number; reason: string }[];
    }
  | { ok: false; reason: string; header?: SegmentHeader };

const recordSchemas = { session: sessionRecordSchema, event: eventRecordSchema, op: opRecordSchema } as const;

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Reads a whole segment's text. The header and the end line must be sound (else the segment
 * is skipped: it is cut short, or not a segment, or from a newer tt); a bad record line in
 * between is skipped on its own, with its line number and why.
 */
export function parseSegment(content: string): ParsedSegment {
  const lines = content.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const header = segmentHeaderSchema.safeParse(parseJson(lines[0] ?? ''));
  if (!header.success) {
    const raw = parseJson(lines[0] ?? '') as { tt?: unknown } | undefined;
    return {
      ok: false,
      reason: raw?.tt === 'sync-segment' ? 'its header is not valid' : 'not a tt sync segment',
    };
  }
  if (header.data.version > SEGMENT_FORMAT_VERSION) {
    return {
      ok: false,
      header: header.data,
      reason: `written by a newer tt (segment format ${header.data.version}; this tt reads up to ${SEGMENT_FORMAT_VERSION})`,
    };
  }
  const end = endSchema.safeParse(parseJson(lines.at(-1) ?? ''));
  if (lines.length < 2 || !end.success || end.data.records !== lines.length - 2) {
    return {
      ok: false,
      header: header.data,
      reason: 'cut short (no end line, or fewer records than it says)',
    };
  }
  const records: SegmentRecord[] = [];
  const skippedLines: { line: number; reason: string }[] = [];
  for (let i = 1; i < lines.length - 1; i++) {
    const value = parseJson(lines[i]!) as { kind?: unknown } | undefined;
    if (value === undefined) {
      skippedLines.push({ line: i + 1, reason: 'not JSON' });
      continue;
    }
    const schema = recordSchemas[value?.kind as keyof typeof recordSchemas] as
      z.ZodType<SegmentRecord> | undefined;
    if (schema === undefined) {
      skippedLines.push({
        line: i + 1,
        reason: `unknown record kind ${JSON.stringify(value?.kind ?? null)}`,
      });
      continue;
    }
    const record = schema.safeParse(value);
    if (record.success) records.push(record.data);
    else
      skippedLines.push({
        line: i + 1,
        reason: `invalid ${String(value.kind)}: ${record.error.issues[0]?.message ?? ''}`,
      });
  }
  return { ok: true, header: header.data, records, skippedLines };
}

/** The text of a segment: header, records, end line. */
export function serializeSegment(header: SegmentHeader, records: readonly SegmentRecord[]): string {
  const lines = [JSON.stringify(header)];
  for (const record of records) lines.push(JSON.stringify(record));
  lines.push(JSON.stringify({ kind: 'end', records: records.length }));
  return `${lines.join('\n')}\n`;
}

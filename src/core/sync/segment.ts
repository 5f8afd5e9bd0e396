import { z } from 'zod';
import { isPlausibleTime, PLAUSIBLE_YEARS } from '../plausible-time';
import { decodeHlc } from './hlc';

// The sync segment: one JSONL file of one machine's new rows. Line 1 is a header (format
// version, machine, sequence number), then one record per line, then an end line with the
// record count, so a file cut short is told from a complete one. Segments are immutable:
// a later segment may carry a newer version of a session (its origin_version says which).

/** The format this tt writes; a segment with a higher version is skipped with a reason. */
export const SEGMENT_FORMAT_VERSION = 1;

/**
 * What a reader holds of one segment at most. A synced folder is input from outside: a forged
 * segment (a gzip of a gigabyte of zeros, millions of empty lines) is stopped at these bounds
 * and skipped, never read whole. The exporter writes segments well inside them.
 */
export const SEGMENT_LIMITS = {
  /** bytes of text (after gunzip) */
  bytes: 256 * 1024 * 1024,
  /** bytes of one line */
  lineBytes: 32 * 1024 * 1024,
  /** lines, header and end line included */
  lines: 2_000_000,
  /** bad lines reported one by one; the rest are counted */
  reportedBadLines: 20,
  /** bad lines before the whole segment is refused: tt writes none, so this is not one of its */
  badLines: 1000,
} as const;

/** What the exporter puts in one segment at most, so that every segment it writes is read whole. */
export const SEGMENT_WRITE_LIMITS = { bytes: 64 * 1024 * 1024, records: 200_000 } as const;

/**
 * seg-00000001.jsonl (or .jsonl.gz, or .jsonl.enc when encrypted with the sync passphrase):
 * anything else in a machine's folder is not a segment.
 */
export const SEGMENT_NAME = /^seg-(\d{8})\.jsonl(\.gz|\.enc)?$/;

export function segmentName(seq: number, form: 'plain' | 'gzip' | 'encrypted'): string {
  const suffix = { plain: '', gzip: '.gz', encrypted: '.enc' }[form];
  return `seg-${String(seq).padStart(8, '0')}.jsonl${suffix}`;
}

/** A machine id (a UUID): the name of its folder in a sync root. */
export const MACHINE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const uuid = z.string().regex(MACHINE_ID);
const text = z.string().max(1_000_000);
const nullableText = text.nullable();
const int = z.number().int().safe();
const nullableInt = int.nullable();
const outside = `a time outside ${PLAUSIBLE_YEARS}`;
/** A time in 2000–2199, as a local row's times are (an imported row is checked like a local one). */
const time = int.refine(isPlausibleTime, outside);
const nullableTime = time.nullable();

export const segmentHeaderSchema = z.object({
  tt: z.literal('sync-segment'),
  version: int,
  machine: uuid,
  machineName: z.string().min(1).max(200),
  instance: uuid,
  seq: int.min(1),
  createdAt: time,
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

/**
 * An edit's writes. Kinds of writes this tt does not know (a newer tt's) are kept with the op,
 * not dropped, so that they travel on; the kinds below default to none.
 */
const editWritesSchema = z.looseObject({
  streams: z
    .array(
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
    )
    .default([]),
  sessions: z.array(z.object({ id: text, row: assignmentSchema.nullable() })).default([]),
  events: z.array(z.object({ id: text, row: assignmentSchema.nullable() })).default([]),
  manual: z
    .array(
      z.object({
        id: uuid,
        row: z
          .object({
            stream_id: text,
            start_ms: time,
            end_ms: time,
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

export const sessionRecordSchema = z
  .object({
    kind: z.literal('session'),
    id: text,
    version: int,
    row: z.object({
      parent_session_id: nullableText,
      project_path: nullableText,
      project_name: nullableText,
      start_time: time,
      end_time: nullableTime,
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
    prompts: z.array(z.tuple([time, nullableText])),
    activity: z.array(
      z.tuple([time, time]).refine(([start, end]) => end >= start, 'a span ends before it starts'),
    ),
    spans: z.array(
      z
        .tuple([z.enum(['agent', 'handback', 'pending']), int, int, time, time])
        .refine(([, , , start, end]) => end >= start, 'a turn ends before it starts'),
    ),
  })
  .refine(
    (record) => record.row.end_time === null || record.row.end_time >= record.row.start_time,
    'its end is before its start',
  );
export type SessionRecord = z.infer<typeof sessionRecordSchema>;

export const eventRecordSchema = z.object({
  kind: z.literal('event'),
  row: z.object({
    id: text,
    ts: time,
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
  hlc: z.string().refine((value) => {
    const stamp = decodeHlc(value);
    return stamp !== null && isPlausibleTime(stamp.wall);
  }, 'not a clock stamp of 2000–2199'),
  description: text,
  /** per stream field written, the stamp its machine held then (absent from older tt's ops) */
  seen: z.record(z.string().max(300), z.string().max(100).nullable()).optional(),
  writes: editWritesSchema.refine(
    (writes) => writes.streams.every((s) => s.fields?.merged_into == null || s.fields.merged_into !== s.id),
    'it merges a stream into itself',
  ),
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
 * Reads a segment line by line, so that a reader can stop at SEGMENT_LIMITS without holding
 * more. The header and the end line must be sound (else the segment is skipped: it is cut
 * short, or not a segment, or from a newer tt); a bad record line in between is skipped on its
 * own, with its line number and why.
 */
export class SegmentParser {
  private header: SegmentHeader | null = null;
  private refusal: { reason: string; header?: SegmentHeader } | null = null;
  private readonly records: SegmentRecord[] = [];
  private readonly skippedLines: { line: number; reason: string }[] = [];
  private badLines = 0;
  private lines = 0;
  /** The latest line, held back: the last one is the end line, not a record. */
  private held: string | null = null;

  /** Takes the next line (without its newline). Returns why reading should stop, or null. */
  push(line: string): string | null {
    if (this.refusal) return this.refusal.reason;
    this.lines += 1;
    if (this.lines > SEGMENT_LIMITS.lines) {
      return this.refuse(`more than ${SEGMENT_LIMITS.lines.toLocaleString('en')} lines (tt writes fewer)`);
    }
    if (this.lines === 1) return this.readHeader(line);
    if (this.held !== null) this.readRecord(this.held, this.lines - 1);
    this.held = line;
    if (this.badLines > SEGMENT_LIMITS.badLines) {
      return this.refuse(
        `more than ${SEGMENT_LIMITS.badLines} bad lines (tt writes none): not a segment of tt's`,
      );
    }
    return null;
  }

  /** Stops reading, with a reason (a limit reached, an unreadable file). */
  refuse(reason: string): string {
    this.refusal ??= { reason, ...(this.header ? { header: this.header } : {}) };
    return this.refusal.reason;
  }

  finish(): ParsedSegment {
    if (this.refusal) return { ok: false, ...this.refusal };
    if (this.header === null) return { ok: false, reason: 'not a tt sync segment' };
    const end = endSchema.safeParse(parseJson(this.held ?? ''));
    if (this.lines < 2 || !end.success || end.data.records !== this.lines - 2) {
      return {
        ok: false,
        header: this.header,
        reason: 'cut short (no end line, or fewer records than it says)',
      };
    }
    const skippedLines = [...this.skippedLines];
    const unreported = this.badLines - skippedLines.length;
    if (unreported > 0) {
      skippedLines.push({ line: this.lines, reason: `and ${unreported} more bad lines` });
    }
    return { ok: true, header: this.header, records: this.records, skippedLines };
  }

  private readHeader(line: string): string | null {
    const header = segmentHeaderSchema.safeParse(parseJson(line));
    if (!header.success) {
      const raw = parseJson(line) as { tt?: unknown } | undefined;
      return this.refuse(raw?.tt === 'sync-segment' ? 'its header is not valid' : 'not a tt sync segment');
    }
    this.header = header.data;
    if (header.data.version > SEGMENT_FORMAT_VERSION) {
      return this.refuse(
        `written by a newer tt (segment format ${header.data.version}; this tt reads up to ${SEGMENT_FORMAT_VERSION})`,
      );
    }
    return null;
  }

  private readRecord(line: string, lineNumber: number): void {
    const skip = (reason: string) => {
      this.badLines += 1;
      if (this.skippedLines.length < SEGMENT_LIMITS.reportedBadLines) {
        this.skippedLines.push({ line: lineNumber, reason });
      }
    };
    // A record is a JSON object: anything else is told without parsing it.
    const value = line.startsWith('{') ? (parseJson(line) as { kind?: unknown } | undefined) : undefined;
    if (value === undefined) return skip('not JSON');
    const schema = recordSchemas[value?.kind as keyof typeof recordSchemas] as
      z.ZodType<SegmentRecord> | undefined;
    if (schema === undefined) return skip(`unknown record kind ${JSON.stringify(value?.kind ?? null)}`);
    const record = schema.safeParse(value);
    if (record.success) this.records.push(record.data);
    else skip(`invalid ${String(value.kind)}: ${record.error.issues[0]?.message ?? ''}`);
  }
}

/** Reads a whole segment's text (tests, and what is already in memory). */
export function parseSegment(content: string): ParsedSegment {
  const parser = new SegmentParser();
  let from = 0;
  while (from < content.length) {
    const newline = content.indexOf('\n', from);
    const to = newline === -1 ? content.length : newline;
    if (parser.push(content.slice(from, to)) !== null) break;
    from = to + 1;
  }
  return parser.finish();
}

/** The text of a segment: header, records, end line. */
export function serializeSegment(header: SegmentHeader, records: readonly SegmentRecord[]): string {
  const lines = [JSON.stringify(header)];
  for (const record of records) lines.push(JSON.stringify(record));
  lines.push(JSON.stringify({ kind: 'end', records: records.length }));
  return `${lines.join('\n')}\n`;
}

// Session indexing benchmark: generates a synthetic ~/.claude/projects tree of realistic
// shape (TT_BENCH_MB megabytes, 1024 by default) and a tree for each other agent
// (agent-trees.ts: Codex CLI rollouts, TT_BENCH_AGENTS_MB each, a quarter of that by default),
// then times a cold full index of all of them, a re-index with nothing changed and a re-index
// after appending to 1% of the files, next to the time `cat` takes to read the same trees (the floor).
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { random } from './random';
import { fileURLToPath } from 'node:url';
import { TtService } from '../../src/main/service';
import { SessionService } from '../../src/main/sessions/session-service';
import { agentTrees } from './agent-trees';
import type { ServiceContext } from '../../src/main/service-context';

const MB = 1 << 20;

const rand = random(42);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const between = (min: number, max: number): number => Math.floor(min + rand() * (max - min));
const hex = (n: number): string =>
  Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
const uuid = (): string => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;

/** Already JSON-escaped text that looks like code and tool output (quotes, newlines, tabs). */
const CORPUS = (() => {
  const words = [
    'const',
    'return',
    'function',
    'import { x } from \\"./y\\";',
    'if (a === b) {\\n\\t',
    '}\\n',
    'error:',
    'TypeError',
    'PASS tests/a.test.ts',
    '\\"key\\": \\"value\\",',
    'lorem',
    'ipsum',
    'src/main/index.ts:42:7',
    'ü',
    '→',
    '\\\\',
  ];
  const parts: string[] = [];
  let length = 0;
  while (length < 256 * 1024) {
    const word = pick(words);
    parts.push(word, rand() < 0.1 ? '\\n' : ' ');
    length += word.length + 1;
  }
  return parts.join('');
})();

/** A slice of the corpus about `chars` long that does not end inside an escape. */
function text(chars: number): string {
  if (chars > CORPUS.length) return text(CORPUS.length - 16).repeat(Math.ceil(chars / CORPUS.length));
  const start = between(0, CORPUS.length - chars);
  let slice = CORPUS.slice(start, start + chars);
  while (slice.startsWith('n') || slice.startsWith('t') || slice.startsWith('"') || slice.startsWith('\\'))
    slice = slice.slice(1);
  let backslashes = 0;
  while (slice[slice.length - 1 - backslashes] === '\\') backslashes++;
  if (backslashes % 2 === 1) slice = slice.slice(0, -1);
  return slice;
}

interface SessionShape {
  cwd: string;
  sessionId: string;
  isSidechain: boolean;
  time: number;
}

function header(s: SessionShape): string {
  return `{"parentUuid":"${uuid()}","isSidechain":${s.isSidechain},"userType":"external","cwd":"${s.cwd}","sessionId":"${s.sessionId}","version":"2.1.38","gitBranch":"main","slug":"bench"`;
}

function nextTime(s: SessionShape): string {
  s.time += rand() < 0.02 ? between(6 * 60_000, 45 * 60_000) : between(300, 20_000);
  return new Date(s.time).toISOString();
}

/** One record line, with roughly the mix of types real transcripts have. */
function record(s: SessionShape, hugeLine: boolean): string {
  const r = rand();
  const ts = nextTime(s);
  if (hugeLine || r < 0.2) {
    const output = text(hugeLine ? between(2 * MB, 8 * MB) : between(300, 12_000));
    return `${header(s)},"type":"user","message":{"role":"user","content":[{"tool_use_id":"toolu_${hex(24)}","type":"tool_result","content":"${output}","is_error":false}]},"uuid":"${uuid()}","timestamp":"${ts}","toolUseResult":{"stdout":"${output}","stderr":"","interrupted":false,"isImage":false},"sourceToolAssistantUUID":"${uuid()}"}`;
  }
  if (r < 0.5) {
    return `${header(s)},"type":"progress","data":{"type":"hook_progress","hookEvent":"PreToolUse","hookName":"PreToolUse:Bash","command":"cd \${CLAUDE_PLUGIN_ROOT}/hooks && bun run ./guardian.ts"},"parentToolUseID":"toolu_${hex(24)}","toolUseID":"toolu_${hex(24)}","timestamp":"${ts}","uuid":"${uuid()}"}`;
  }
  if (r < 0.85) {
    const block =
      rand() < 0.5
        ? `{"type":"text","text":"${text(between(100, 3_000))}"}`
        : `{"type":"tool_use","id":"toolu_${hex(24)}","name":"Bash","input":{"command":"${text(between(20, 400))}","description":"run it"}}`;
    return `${header(s)},"message":{"model":"claude-opus-4-6","id":"msg_${hex(24)}","type":"message","role":"assistant","content":[${block}],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":3,"cache_creation_input_tokens":${between(0, 9999)},"cache_read_input_tokens":${between(0, 99999)},"output_tokens":${between(1, 999)},"service_tier":"standard"}},"requestId":"req_${hex(24)}","type":"assistant","uuid":"${uuid()}","timestamp":"${ts}"}`;
  }
  if (r < 0.9 && !s.isSidechain) {
    return `${header(s)},"type":"user","message":{"role":"user","content":"${text(between(20, 600))}"},"uuid":"${uuid()}","timestamp":"${ts}","permissionMode":"default"}`;
  }
  if (r < 0.95) {
    return `{"type":"file-history-snapshot","messageId":"${uuid()}","snapshot":{"messageId":"${uuid()}","trackedFileBackups":{},"timestamp":"${ts}"},"isSnapshotUpdate":false}`;
  }
  return `${header(s)},"type":"system","subtype":"turn_duration","durationMs":${between(1000, 600_000)},"timestamp":"${ts}","uuid":"${uuid()}","isMeta":false}`;
}

function writeTranscript(path: string, shape: SessionShape, bytes: number, hugeLine: boolean): number {
  const lines: string[] = [];
  let size = 0;
  if (hugeLine) {
    const line = record(shape, true);
    lines.push(line);
    size += line.length + 1;
  }
  while (size < bytes) {
    const line = record(shape, false);
    lines.push(line);
    size += line.length + 1;
  }
  const body = `${lines.join('\n')}\n`;
  writeFileSync(path, body);
  return Buffer.byteLength(body);
}

/** Main sessions: median ~100 KB, 1% of 2–20 MB; a third have subagents; 1 in 40 has a multi-MB line. */
function generateTree(root: string, totalBytes: number): { files: number; bytes: number } {
  let bytes = 0;
  let files = 0;
  const projects = Array.from(
    { length: 24 },
    (_, i) => `/home/dev/work/project-${i}/${pick(['main', 'default', 'feature-x'])}`,
  );
  while (bytes < totalBytes) {
    const cwd = pick(projects);
    const dir = join(root, cwd.replace(/[^a-zA-Z0-9]/g, '-'));
    mkdirSync(dir, { recursive: true });
    const sessionId = uuid();
    const r = rand();
    const size =
      r < 0.82 ? between(10_000, 200_000) : r < 0.99 ? between(200_000, 2 * MB) : between(2 * MB, 20 * MB);
    const shape = {
      cwd,
      sessionId,
      isSidechain: false,
      time: Date.parse('2026-01-01T00:00:00Z') + between(0, 60 * 86_400_000),
    };
    bytes += writeTranscript(join(dir, `${sessionId}.jsonl`), shape, size, rand() < 0.025);
    files++;
    if (rand() < 0.33) {
      const agents = join(dir, sessionId, 'subagents');
      mkdirSync(agents, { recursive: true });
      for (let i = between(1, 4); i > 0; i--) {
        const agentShape = { ...shape, isSidechain: true };
        bytes += writeTranscript(
          join(agents, `agent-a${hex(7)}.jsonl`),
          agentShape,
          between(10_000, 400_000),
          false,
        );
        files++;
      }
    }
  }
  return { files, bytes };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function rate(bytes: number, ms: number): string {
  return `${(bytes / MB / (ms / 1000)).toFixed(0)} MB/s`;
}

function timeCat(root: string): number {
  const started = performance.now();
  const result = spawnSync('sh', [
    '-c',
    `find "${root}" -name '*.jsonl' -type f -print0 | xargs -0 cat > /dev/null`,
  ]);
  if (result.status !== 0) throw new Error(`cat failed: ${result.stderr}`);
  return performance.now() - started;
}

export async function run(): Promise<void> {
  const targetMb = Number(process.env.TT_BENCH_MB ?? 1024);
  const agentMb = Number(process.env.TT_BENCH_AGENTS_MB ?? targetMb / 4);
  const workerPath = fileURLToPath(new URL('./session-worker.js', import.meta.url));
  const base = mkdtempSync(join(tmpdir(), 'tt-bench-sessions-'));
  const root = join(base, 'claude', 'projects');
  const home = join(base, 'home');
  try {
    let started = performance.now();
    const tree = generateTree(root, targetMb * MB);
    const env: Record<string, string> = { HOME: home, CLAUDE_CONFIG_DIR: join(base, 'claude') };
    const others = agentTrees.map((agentTree) => {
      const generated = agentTree.generate(home, agentMb * MB);
      Object.assign(env, generated.env);
      return { agentTree, ...generated };
    });
    const totalBytes = others.reduce((sum, other) => sum + other.bytes, tree.bytes);
    console.log(
      `tree: ${tree.files} Claude Code transcripts, ${(tree.bytes / MB).toFixed(0)} MB under ${root}; ` +
        others
          .map((o) => `${o.files.length} ${o.agentTree.agent} files, ${(o.bytes / MB).toFixed(0)} MB`)
          .join('; ') +
        ` (generated in ${seconds(performance.now() - started)}); ${availableParallelism()} cores, ` +
        `load average ${loadavg()
          .map((n) => n.toFixed(1))
          .join(' ')}`,
    );
    timeCat(base); // warm the page cache the same way for both
    const catMs = timeCat(base);
    console.log(`cat (floor):               ${seconds(catMs).padStart(8)}  ${rate(totalBytes, catMs)}`);

    const index = async (label: string, dataDir: string, worker: string | null): Promise<number> => {
      const service = TtService.open({ dataDir, env });
      try {
        // The bench times the indexer's phases, which the service's public result leaves out:
        // it reaches the service's context, as no host may.
        const { ctx } = service as unknown as { ctx: ServiceContext };
        const sessions = new SessionService(ctx, { workerPath: worker });
        started = performance.now();
        const result = await sessions.index();
        const ms = performance.now() - started;
        const bySource = (result.otherSources ?? [])
          .map((s) => `${s.label} ${s.filesIndexed} indexed/${s.filesUnchanged} unchanged`)
          .join(', ');
        console.log(
          `${label.padEnd(26)} ${seconds(ms).padStart(8)}  ${rate(result.bytesRead, ms).padStart(10)}  ` +
            `(${result.filesIndexed} indexed, ${result.filesUnchanged} unchanged, ${(result.bytesRead / MB).toFixed(1)} MB read, ` +
            `${result.workers} workers${result.workerFallback ? `, fallback: ${result.workerFallback}` : ''}; ` +
            `scan ${result.phaseMs.scan} ms, plan ${result.phaseMs.plan} ms, parse+write ${result.phaseMs.parseAndWrite} ms; ` +
            `${bySource} in ${result.phaseMs.otherSources ?? 0} ms)`,
        );
        return ms;
      } finally {
        service.close();
      }
    };

    const dataDir = join(base, 'data');
    const coldMs = await index('(a) cold full index:', dataDir, workerPath);
    await index('(b) nothing changed:', dataDir, workerPath);
    // Append a few records to 1% of the files of every agent, as running sessions do.
    const transcripts = spawnSync('find', [root, '-name', '*.jsonl', '-type', 'f'], { encoding: 'utf8' })
      .stdout.trim()
      .split('\n');
    const chosen = transcripts.filter((_, i) => i % 100 === 0);
    let appended = 0;
    for (const path of chosen) {
      const shape = {
        cwd: '/home/dev/work/appended',
        sessionId: 'appended',
        isSidechain: false,
        time: Date.parse('2026-03-01T00:00:00Z'),
      };
      const lines = Array.from({ length: 20 }, () => record(shape, false)).join('\n') + '\n';
      appendFileSync(path, lines);
      appended += Buffer.byteLength(lines);
    }
    let appendedFiles = chosen.length;
    for (const other of others) {
      for (const path of other.files.filter((_, i) => i % 100 === 0)) {
        appended += other.agentTree.append(path);
        appendedFiles++;
      }
    }
    console.log(`appended ${(appended / MB).toFixed(1)} MB to ${appendedFiles} files (1% of each agent's)`);
    const appendMs = await index('(c) after appending to 1%:', dataDir, workerPath);
    console.log(`(c) took ${((appendMs / coldMs) * 100).toFixed(1)}% of the cold run`);
    await index('(d) cold, in-process only:', join(base, 'data-in-process'), null);
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

// What a tmux focus change costs: the hook's command from spawn to exit (Node's startup plus
// one append), next to bare Node and the full CLI for scale; one append in-process; and
// importing 10,000 spooled events from one repository into the database.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestShellCommand } from '../../src/main/events/tmux-config';
import { spoolPath } from '../../src/main/events/spool';
import { appendEvent } from '../../src/main/events/spool-writer';
import { TtService } from '../../src/main/service';

interface Timing {
  min: number;
  median: number;
  p95: number;
}

function time(runs: number, work: (i: number) => unknown): Timing {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    work(i);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return {
    min: samples[0]!,
    median: samples[Math.floor(runs / 2)]!,
    p95: samples[Math.min(runs - 1, Math.floor(runs * 0.95))]!,
  };
}

function spawnOk(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${String(result.stderr)}`);
}

/** What tmux puts in for each #{s/'/'\\''/:name} (inside the hook's own single quotes). */
function substituteFormats(command: string, values: Record<string, string>): string {
  const filled = command.replace(/#\{s\/'\/'\\\\''\/:(\w+)\}/g, (_, name: string) =>
    values[name]!.replace(/'/g, `'\\''`),
  );
  if (filled.includes('#{')) throw new Error(`a format the bench does not fill: ${filled}`);
  return filled;
}

function print(rows: [string, Timing][], unit = 'ms', digits = 1): void {
  const width = Math.max(...rows.map(([name]) => name.length));
  for (const [name, { min, median, p95 }] of rows) {
    console.log(
      `${name.padEnd(width)}  min ${min.toFixed(digits).padStart(7)} ${unit}  median ${median.toFixed(digits).padStart(7)} ${unit}  p95 ${p95.toFixed(digits).padStart(7)} ${unit}`,
    );
  }
}

export async function run(): Promise<void> {
  const root = process.cwd();
  const ingestScript = join(root, 'out', 'main', 'ingest.js');
  if (!existsSync(ingestScript)) {
    console.log('ingest: skipped, run `npm run build` first (the hook runs out/main/ingest.js)');
    return;
  }
  const work = mkdtempSync(join(tmpdir(), 'tt-bench-ingest-'));
  try {
    const dataDir = join(work, 'data');
    mkdirSync(dataDir); // as `tt hook tmux` leaves it: the hook's log lives there
    const repo = join(work, 'repo');
    mkdirSync(repo);
    execFileSync('git', ['init', '-q', repo]);
    const runs = 60;
    const node = process.execPath;
    // A different pane each time, so no run is skipped as a repeat within 500 ms.
    const ingestArgs = (i: number) => [
      'pane-focus',
      `--data-dir=${dataDir}`,
      `--pane=%${i}`,
      `--cwd=${repo}`,
      '--session=work',
      '--window=1',
    ];
    const hook = ingestShellCommand(
      { node, ingestScript, dataDir, logFile: join(dataDir, 'ingest.log') },
      'pane-focus',
    );
    const rows: [string, Timing][] = [
      ['node -e 0 (bare Node startup, the floor)', time(runs, () => spawnOk(node, ['-e', '0']))],
      [
        'the tmux hook: sh -c "node out/main/ingest.js …"',
        time(runs, (i) =>
          spawnOk('/bin/sh', [
            '-c',
            substituteFormats(hook, {
              pane_id: `%h${i}`,
              pane_current_path: repo,
              session_name: 'work',
              window_index: '1',
            }),
          ]),
        ),
      ],
      [
        'node out/main/ingest.js pane-focus …',
        time(runs, (i) => spawnOk(node, [ingestScript, ...ingestArgs(i)])),
      ],
      [
        'tt ingest pane-focus … (bin/tt.js, fast path)',
        time(runs, (i) => spawnOk(node, [join(root, 'bin', 'tt.js'), 'ingest', ...ingestArgs(1000 + i)])),
      ],
      [
        'tt --version (the full CLI: commander, SQLite, …)',
        time(runs, () => spawnOk(node, [join(root, 'bin', 'tt.js'), '--version'])),
      ],
      [
        'tt status (the full CLI, opening the database)',
        time(runs, () => spawnOk(node, [join(root, 'bin', 'tt.js'), '--data-dir', dataDir, 'status'])),
      ],
    ];
    print(rows);

    const appendDir = join(work, 'append');
    const append = time(500, (i) =>
      appendEvent(
        appendDir,
        { type: 'pane-focus', pane: `%${i}`, cwd: repo, session: 'work', window: 1 },
        i * 1000,
      ),
    );
    print(
      [
        [
          'appendEvent() in-process (open, write, fdatasync, close)',
          { min: append.min * 1000, median: append.median * 1000, p95: append.p95 * 1000 },
        ],
      ],
      'µs',
      0,
    );

    // 10,000 events in one repository (in 20 of its folders) through the real importer and git.
    const importDir = join(work, 'import');
    mkdirSync(importDir);
    const lines: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const cwd = join(repo, `dir${i % 20}`);
      if (i < 20) mkdirSync(cwd);
      lines.push(
        JSON.stringify({
          ts: 1_700_000_000_000 + i * 1000,
          type: 'pane-focus',
          pane: `%${i % 7}`,
          cwd,
          session: 'work',
          window: 1,
        }),
      );
    }
    writeFileSync(spoolPath(importDir, 1_700_000_000_000), `${lines.join('\n')}\n`);
    // git through a wrapper that counts its calls, as the tests do.
    const binDir = join(work, 'bin');
    const gitLog = join(work, 'git-calls.log');
    mkdirSync(binDir);
    const realGit = execFileSync('/bin/sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    writeFileSync(join(binDir, 'git'), `#!/bin/sh\necho "$*" >> '${gitLog}'\nexec '${realGit}' "$@"\n`, {
      mode: 0o755,
    });
    const service = TtService.open({ dataDir: importDir, env: { PATH: binDir, HOME: work } });
    const started = process.hrtime.bigint();
    const result = await service.importEvents();
    const importMs = Number(process.hrtime.bigint() - started) / 1e6;
    const again = process.hrtime.bigint();
    await service.importEvents();
    const againMs = Number(process.hrtime.bigint() - again) / 1e6;
    service.close();
    console.log(
      `import 10,000 spooled events from one git repository: ${importMs.toFixed(0)} ms ` +
        `(${result.imported} imported, ${readFileSync(gitLog, 'utf8').trim().split('\n').length} git processes); ` +
        `importing again with nothing new: ${againMs.toFixed(1)} ms`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

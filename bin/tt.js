#!/usr/bin/env node
// The `tt` command. The real program is built into out/main by `npm run build` (which
// `npm install` runs through the "prepare" script); this file only finds it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// better-sqlite3 13 needs Node >= 22.14; on older Node it crashes rather than failing politely.
// `npm link` puts this file on PATH to run with the system's `node`, which may be older: then
// hand the same arguments to the Node 22 that `npm install` brought along (node_modules/node),
// without a shell, and pass its exit code or signal on.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 14)) {
  const projectNode = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
  if (!existsSync(projectNode) || process.env.TT_REEXECUTED === '1') {
    process.stderr.write(
      `tt: Node ${process.versions.node} is too old; tt needs Node 22.14 or newer.\n` +
        '    Run `npm install` in the tt folder: it brings its own Node 22, which tt then uses.\n',
    );
    process.exit(1);
  }
  const { spawn } = await import('node:child_process');
  const self = fileURLToPath(import.meta.url);
  const child = spawn(projectNode, [self, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, TT_REEXECUTED: '1' },
  });
  // Ctrl-C reaches the child through the terminal's process group; this process only waits
  // for it. A signal sent to this process alone is passed on.
  process.on('SIGINT', () => {});
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('error', (error) => {
    process.stderr.write(`tt: cannot run ${projectNode}: ${error.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 1);
  });
} else {
  // `tt ingest pane-focus|scroll …` runs on every tmux focus change: hand it to the small ingest
  // program, which loads neither commander nor SQLite. `--help` and bad usage (runIngest says
  // false) go on to the full command line, which explains them.
  const args = process.argv.slice(2);
  const ingest = fileURLToPath(new URL('../out/main/ingest.js', import.meta.url));
  if (args.includes('ingest') && !args.includes('--help') && !args.includes('-h') && existsSync(ingest)) {
    const { runIngest } = await import(ingest);
    if (runIngest(args, process.env)) process.exit(0);
  }

  // Node keeps the compiled bytecode of tt's bundles on disk: a command then starts without
  // compiling a megabyte of script. The cache is the user's own (0700), not a shared temp
  // folder where another local user could plant bytecode.
  const { enableCompileCache } = await import('node:module');
  const { mkdirSync } = await import('node:fs');
  const { homedir } = await import('node:os');
  const { join } = await import('node:path');
  const cacheDir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'tt', 'node-compile-cache');
  try {
    mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
    enableCompileCache?.(cacheDir);
  } catch {
    // No cache (a read-only home): tt only starts a little slower.
  }

  const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
  if (!existsSync(cli)) {
    process.stderr.write(
      'tt: the command line is not built yet; run `npm run build` in the tt folder first\n',
    );
    process.exit(1);
  }
  await import(cli);
}

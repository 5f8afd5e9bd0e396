#!/usr/bin/env node
// The `tt` command. The real program is built into out/main by `npm run build` (which
// `npm install` runs through the "prepare" script); this file only finds it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// better-sqlite3 13 needs Node >= 22.14; on older Node it crashes rather than failing politely.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 14)) {
  process.stderr.write(
    `tt: Node ${process.versions.node} is too old; tt needs Node 22.14 or newer.\n` +
      '    `npx tt` in the tt folder uses the Node 22 that `npm install` brought along.\n',
  );
  process.exit(1);
}

// `tt ingest pane-focus|scroll …` runs on every tmux focus change: hand it to the small ingest
// program, which loads neither commander nor SQLite. `--help` and bad usage (runIngest says
// false) go on to the full command line, which explains them.
const args = process.argv.slice(2);
const ingest = fileURLToPath(new URL('../out/main/ingest.js', import.meta.url));
if (args.includes('ingest') && !args.includes('--help') && !args.includes('-h') && existsSync(ingest)) {
  const { runIngest } = await import(ingest);
  if (runIngest(args, process.env)) process.exit(0);
}

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('tt: the command line is not built yet; run `npm run build` in the tt folder first\n');
  process.exit(1);
}
await import(cli);

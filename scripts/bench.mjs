// `npm run bench`: bundles scripts/bench/main.ts (and the session worker it needs) with
// rolldown into out/bench/, leaving packages in node_modules external, then runs it with
// the current node. Each section prints its own figures; see docs/benchmarks.md.
import { build } from 'rolldown';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${root}out/bench`;

await build({
  cwd: root,
  input: {
    main: 'scripts/bench/main.ts',
    'session-worker': 'src/main/sessions/parse-worker.ts',
  },
  platform: 'node',
  // Bare imports (better-sqlite3, commander, …) and node: builtins stay external.
  external: (id) => id.startsWith('node:') || !(id.startsWith('.') || id.startsWith('/')),
  output: {
    dir: outDir,
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
  },
  logLevel: 'warn',
});

const result = spawnSync(process.execPath, [`${outDir}/main.js`, ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: root,
});
process.exit(result.status ?? 1);

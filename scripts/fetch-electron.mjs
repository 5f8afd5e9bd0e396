// `npm start` / `npm run dev` run this first: it fetches Electron's binary once (it is not
// part of `npm install`), and when that cannot happen says so in words, with the way around
// it, instead of a downloader's stack trace.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const installer = fileURLToPath(new URL('../node_modules/electron/install.js', import.meta.url));
const result = spawnSync(process.execPath, [installer], {
  encoding: 'utf8',
  stdio: ['ignore', 'inherit', 'pipe'],
});
if (result.status === 0) process.exit(0);

const firstLine = (result.stderr || String(result.error ?? '')).split('\n').find((line) => line.trim()) ?? '';
process.stderr.write(
  [
    "tt: could not download Electron's binary, which the desktop app needs once.",
    `    ${firstLine.trim()}`,
    '    Check the internet connection (or a proxy: see ELECTRON_MIRROR / HTTPS_PROXY), then run `npm start` again.',
    '    Meanwhile the same app runs in your browser: `npx tt dashboard`.',
    '',
  ].join('\n'),
);
process.exit(1);

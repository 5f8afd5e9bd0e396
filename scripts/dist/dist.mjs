// `npm run dist`: builds tt's installers for this OS with electron-builder (the targets are in
// package.json's "build"), after checking that the icons are there. electron-builder's own
// progress is shown as it goes; when it fails, what failed is said in one sentence (the
// download of Electron's binary, most often, on a machine without access to it) and its stack
// trace is kept out of sight. Extra arguments go to electron-builder (`npm run dist -- --linux deb`).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** The icon files package.json's build config names, each of which must exist. */
export function missingIcons(projectRoot, build) {
  const wanted = [build.linux.icon, build.mac.icon, build.win.icon, 'resources/icon.png'];
  if (build.linux.icon.endsWith('icons')) wanted.push(join(build.linux.icon, '512x512.png'));
  return wanted.filter((path) => !existsSync(join(projectRoot, path)));
}

const NETWORK_FAILURE =
  /RequestError|HTTPError|ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|socket hang up|Response code \d+/;

/**
 * One sentence for electron-builder's failure line `⨯ MESSAGE  failedTask=… stackTrace=…`:
 * whether it failed downloading Electron (while packaging), another tool, or otherwise;
 * `steps` are the names of the steps electron-builder reported (`packaging`, `building`, …).
 */
export function failureSentence(failureLine, steps, electronVersion) {
  const message = failureLine
    .replace(/^\s*⨯\s*/, '')
    .split(/\s+failedTask=|\s+stackTrace=|\s+\{$/)[0]
    .trim();
  if (NETWORK_FAILURE.test(failureLine)) {
    // Electron is fetched while packaging, before the first target is built.
    const what =
      /electron-v\d/.test(message) || (steps.includes('packaging') && !steps.includes('building'))
        ? `Electron's binary (Electron ${electronVersion}, which every installer is built from) cannot be downloaded`
        : 'a tool electron-builder needs cannot be downloaded';
    return `tt: npm run dist cannot build the installers: ${what} (${message}); check the connection, or set ELECTRON_MIRROR, and run it again.`;
  }
  return `tt: npm run dist cannot build the installers: ${message}.`;
}

async function main() {
  const missing = missingIcons(root, pkg.build);
  if (missing.length > 0) {
    process.stderr.write(
      `tt: npm run dist cannot build the installers: ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing; run \`npm run icons\` to make ${missing.length === 1 ? 'it' : 'them'} from resources/icon.svg.\n`,
    );
    process.exit(2);
  }
  if (!existsSync(join(root, 'out/main/index.js'))) {
    process.stderr.write('tt: npm run dist needs the built app: run `npm run build` first.\n');
    process.exit(2);
  }

  const builder = join(root, 'node_modules/electron-builder/cli.js');
  const child = spawn(process.execPath, [builder, '--publish', 'never', ...process.argv.slice(2)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const steps = [];
  const other = [];
  const stderr = [];
  // electron-builder's progress lines ("  • step  key=value") are shown as they come; anything
  // else (a warning's second line, or its failure report and stack trace) is held back.
  createInterface({ input: child.stdout }).on('line', (line) => {
    const step = /^\s*•\s+(\S+)/.exec(line);
    if (!step) return void other.push(line);
    steps.push(step[1]);
    process.stdout.write(`${line}\n`);
  });
  createInterface({ input: child.stderr }).on('line', (line) => stderr.push(line));
  const code = await new Promise((resolve) => child.on('close', resolve));
  if (code === 0) {
    for (const line of other) process.stdout.write(`${line}\n`);
    process.exit(0);
  }

  // Its failure report is "⨯ MESSAGE  failedTask=… stackTrace=…" on a terminal and
  // "MESSAGE {" + an object elsewhere; either way the first line that is not a stack frame.
  const failureLine =
    [...other, ...stderr].find((line) => line.trim() && !/^\s+at /.test(line) && !/^\s*[}']/.test(line)) ??
    `electron-builder exited with ${code}`;
  process.stderr.write(
    `${failureSentence(failureLine, steps, pkg.devDependencies.electron.replace(/^\^/, ''))}\n`,
  );
  process.exit(NETWORK_FAILURE.test(failureLine) ? 5 : 1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();

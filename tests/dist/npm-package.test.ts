// The npm package: `npm pack` of this project, installed into an empty folder the way a person
// would (`npm install ./tt-x.y.z.tgz`), run with the machine's own Node (Debian's is 20): the
// command line and `tt dashboard`, no Electron. npm fetches tt's dependencies (from its cache
// when it has them), as it would for anyone.
import { execa } from 'execa';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CLAUDE_FIXTURE_ROOT } from '../helpers/fixtures';
import { tempDir } from '../helpers/temp';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

/** The first `node` on the system (not the project's), whatever its version, and that version. */
async function systemNode(): Promise<{ path: string; version: string }> {
  const dirs = (process.env.PATH ?? '').split(':').filter((dir) => dir && !dir.includes('node_modules'));
  for (const dir of [...dirs, '/usr/bin', '/usr/local/bin']) {
    const result = await execa(join(dir, 'node'), ['-p', 'process.versions.node'], { reject: false });
    if (result.exitCode === 0) return { path: join(dir, 'node'), version: String(result.stdout).trim() };
  }
  return { path: process.execPath, version: process.versions.node };
}

let dashboard: ChildProcess | undefined;
afterEach(() => {
  dashboard?.kill('SIGINT');
  dashboard = undefined;
});

describe('the npm package', () => {
  it(
    'packs without tests or sources, and `npx tt` works from the installed tarball',
    { timeout: 300_000 },
    async () => {
      // `npm test` has built out/ already; packing must not build it again under the other tests.
      const packDir = tempDir('tt-pack-');
      const packed = await execa(
        'npm',
        ['pack', '--ignore-scripts', '--json', '--pack-destination', packDir],
        {
          cwd: ROOT,
        },
      );
      const [manifest] = JSON.parse(String(packed.stdout)) as {
        filename: string;
        files: { path: string }[];
      }[];
      const files = manifest!.files.map((f) => f.path);
      expect(files).toEqual(
        expect.arrayContaining([
          'package.json',
          'bin/tt.js',
          'out/main/cli.js',
          'out/main/ingest.js',
          'out/renderer/index.html',
        ]),
      );
      expect(
        files.filter((f) => /^(tests|src|scripts|docs|resources\/icons|\.github|\.ci)\//.test(f)),
      ).toEqual([]);
      expect(files.filter((f) => /fixture/.test(f))).toEqual([]);

      const project = tempDir('tt-npm-user-');
      writeFileSync(join(project, 'package.json'), '{ "name": "someone", "private": true }\n');
      const node = await systemNode();
      const bare = `${join(node.path, '..')}:/usr/bin:/bin`;
      const installed = await execa(
        'npm',
        ['install', '--prefer-offline', '--no-audit', '--no-fund', join(packDir, manifest!.filename)],
        { cwd: project, reject: false, env: { PATH: `${join(node.path, '..')}:${process.env.PATH}` } },
      );
      expect(installed.exitCode, String(installed.stderr)).toBe(0);
      // Electron is a build tool of tt's, not something its package installs.
      expect(existsSync(join(project, 'node_modules/electron'))).toBe(false);

      const home = tempDir('tt-home-');
      const dataDir = join(home, 'data');
      // npm's own notice (a newer npm) is not tt's output.
      const env = {
        HOME: home,
        PATH: bare,
        CLAUDE_CONFIG_DIR: join(CLAUDE_FIXTURE_ROOT, '..'),
        npm_config_update_notifier: 'false',
      };
      const run = (args: string[]) =>
        execa('npx', ['--no-install', 'tt', ...args], { cwd: project, env, extendEnv: false, reject: false });

      const versionRun = await run(['--version']);
      expect(versionRun.stderr, `on Node ${node.version}`).toBe('');
      expect(String(versionRun.stdout).trim()).toBe(version);

      const indexed = await run(['--data-dir', dataDir, 'sessions', 'index']);
      expect(indexed.exitCode, String(indexed.stderr)).toBe(0);
      expect(String(indexed.stdout)).toMatch(/12 sessions?/);

      // `tt dashboard` from the package serves the app from the package's own out/renderer.
      const bin = join(project, 'node_modules/.bin/tt');
      dashboard = spawn(bin, ['--data-dir', dataDir, 'dashboard', '--no-open'], { env, cwd: project });
      let out = '';
      await new Promise<void>((resolve, reject) => {
        dashboard!.stdout!.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (/running at \S+[\s\S]*Ctrl-C/.test(out)) resolve();
        });
        dashboard!.once('exit', (code) => reject(new Error(`tt dashboard exited ${code}: ${out}`)));
      });
      const login = await run(['--data-dir', dataDir, 'dashboard', '--url']);
      expect(login.exitCode, String(login.stderr)).toBe(0);
      const url = String(login.stdout).split('\n')[0]!;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/);
      const entered = await fetch(url, { redirect: 'manual' });
      expect(entered.status).toBe(303);
      const cookie = entered.headers.get('set-cookie')!.split(';')[0]!;
      const page = await fetch(new URL('/', url), { headers: { cookie } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
    },
  );
});

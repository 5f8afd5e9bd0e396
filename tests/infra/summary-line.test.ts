// CI reads the plain closing line "N passed, N failed, N skipped". A test file that cannot
// load must count as a failure there, not vanish from the count.
import { execa } from 'execa';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';

const REPORTER = fileURLToPath(new URL('../summary-reporter.ts', import.meta.url));
const VITEST = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));

it('counts a test file that fails to load as a failure', async () => {
  const dir = tempDir('tt-summary-');
  writeFileSync(join(dir, 'good.test.ts'), "import { it } from 'vitest';\nit('works', () => {});\n");
  writeFileSync(
    join(dir, 'broken.test.ts'),
    "import { it } from 'vitest';\nthrow new Error('cannot load');\nit('never runs', () => {});\n",
  );
  writeFileSync(
    join(dir, 'vitest.config.mjs'),
    `export default { test: { include: ['*.test.ts'], reporters: [${JSON.stringify(REPORTER)}] } };\n`,
  );
  const run = await execa(process.execPath, [VITEST, 'run', '--root', dir], { cwd: dir, reject: false });
  expect(run.exitCode).not.toBe(0);
  expect(String(run.stdout).trim().split('\n').at(-1)).toBe('1 passed, 1 failed, 0 skipped');
});

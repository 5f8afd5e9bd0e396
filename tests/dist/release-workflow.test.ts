// The release workflow cannot run here (it needs GitHub's runners); it is checked as data.
// js-yaml comes with electron-builder, which reads its own YAML with it.
// @ts-expect-error -- js-yaml ships without type declarations
import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const text = readFileSync(
  fileURLToPath(new URL('../../.github/workflows/release.yml', import.meta.url)),
  'utf8',
);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a workflow, as data
const workflow = load(text) as any;

describe('the release workflow', () => {
  it('builds and tests on Linux, macOS and Windows, and drafts a release only for a version tag', () => {
    expect(workflow.on.push.tags).toEqual(['v*.*.*']);
    const installers = workflow.jobs.installers;
    expect(installers.strategy.matrix.os).toEqual(['ubuntu-latest', 'macos-latest', 'windows-latest']);
    const runs = installers.steps.map((step: { run?: string }) => step.run ?? '').join('\n');
    expect(runs).toContain('npm ci');
    expect(runs).toContain('npm test');
    expect(runs).toContain('npm run dist');
    const release = workflow.jobs['draft-release'];
    expect(release.needs).toBe('installers');
    expect(release.if).toBe("startsWith(github.ref, 'refs/tags/v')");
    expect(release.steps.at(-1).run).toContain('--draft');
    // Only the release job may write to the repository.
    expect(workflow.permissions.contents).toBe('read');
    expect(release.permissions.contents).toBe('write');
  });

  it('signs and notarizes from secrets when present, and says so when they are not', () => {
    const signing = workflow.jobs.installers.steps.find((step: { name?: string }) =>
      step.name?.startsWith('Signing'),
    );
    for (const secret of [
      'MAC_CSC_LINK',
      'APPLE_ID',
      'APPLE_APP_SPECIFIC_PASSWORD',
      'APPLE_TEAM_ID',
      'WIN_CSC_LINK',
    ]) {
      expect(signing.env[secret]).toBe(`\${{ secrets.${secret} }}`);
    }
    // The variables electron-builder reads, set only when their secret is.
    for (const variable of [
      'CSC_LINK',
      'APPLE_ID',
      'APPLE_TEAM_ID',
      'WIN_CSC_LINK',
      'CSC_IDENTITY_AUTO_DISCOVERY',
    ]) {
      expect(signing.run).toContain(`"${variable}=`);
    }
    expect(signing.run.match(/::notice/g)?.length).toBeGreaterThanOrEqual(1);
    expect(signing.run).toContain('is not signed');
    expect(signing.run).toContain('is not notarized');
  });
});

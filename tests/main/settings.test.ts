import { afterEach, describe, expect, it } from 'vitest';
import { TtService } from '../../src/main/service';
import type { SecretStore } from '../../src/main/settings/secret-store';
import { SettingsRepo } from '../../src/main/settings/settings-repo';
import { seedSessions } from '../helpers/seed-sessions';
import { tempDir } from '../helpers/temp';

const H = 3600_000;
const T0 = Date.parse('2026-03-02T08:00:00Z');

/** The app's keychain stands behind this interface; counting its reads is the point of the test. */
class CountingSecretStore implements SecretStore {
  reads = 0;
  constructor(private key: string | null) {}
  getApiKey(): string | null {
    this.reads += 1;
    return this.key;
  }
  setApiKey(key: string | null): void {
    this.key = key;
  }
}

const open: TtService[] = [];
afterEach(() => {
  for (const service of open.splice(0)) service.close();
});

function openService(secrets: SecretStore): TtService {
  const service = TtService.open({
    dataDir: tempDir(),
    env: { HOME: '/nonexistent' },
    now: () => T0 + 24 * H,
    secrets,
  });
  open.push(service);
  return service;
}

describe('settings and the keychain', () => {
  it('timeline and report requests never ask the keychain; Settings still says a key is set', async () => {
    const secrets = new CountingSecretStore('sk-ant-test');
    const service = openService(secrets);
    seedSessions(service.db, [{ sessionId: 's1', projectPath: '/home/u/code/api', start: T0, end: T0 + H }]);
    await service.updateSettings({ attentionWindowMinutes: 7 });
    const readsBefore = secrets.reads;

    for (let i = 0; i < 5; i++) {
      await service.timeline({ start: T0, end: T0 + 24 * H });
      await service.report({ start: T0, end: T0 + 24 * H, by: 'stream' });
    }
    expect(secrets.reads).toBe(readsBefore);

    const settings = await service.getSettings();
    expect(settings).toMatchObject({ hasApiKey: true, apiKeySource: 'keychain', attentionWindowMinutes: 7 });
  });

  it('the cheap read carries every configured value, the environment model included', () => {
    const env = { HOME: '/nonexistent', TT_MODEL: 'claude-test-model' };
    const service = TtService.open({ dataDir: tempDir(), env, secrets: new CountingSecretStore(null) });
    open.push(service);
    // The settings' own repository, on the service's database: what the service's parts read.
    const settingsRepo = new SettingsRepo(service.db, env, new CountingSecretStore(null));
    settingsRepo.update({ sessionTimeoutMinutes: 45, projectRoots: ['/data/projects'] });
    // sessionSources looks at the disk (which roots exist): for Settings only, never in the cheap read.
    const { hasApiKey, apiKeySource, awaySource, sessionSources, missingProjectRoots, ...full } =
      settingsRepo.get();
    // A folder set in Settings that is not there is said (it looks at the disk too).
    expect(missingProjectRoots).toEqual(['/data/projects']);
    expect(sessionSources.map((s) => s.name)).toContain('codex');
    expect({ hasApiKey, apiKeySource, awaySource }).toEqual({
      hasApiKey: false,
      apiKeySource: null,
      awaySource: null, // only the desktop app records away time
    });
    expect(settingsRepo.configured()).toEqual(full);
    expect(full).toMatchObject({ model: 'claude-test-model', sessionTimeoutMinutes: 45 });
  });

  it('falls back to the default for a stored value that is not valid JSON or not a valid setting', async () => {
    const service = TtService.open({ dataDir: tempDir(), env: { HOME: '/home/u' } });
    open.push(service);
    const write = service.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    write.run('attentionWindowMinutes', 'not json');
    write.run('sessionTimeoutMinutes', '-5');
    write.run('projectRoots', '"/data/projects"'); // a string, not a list
    write.run('maxTokens', '4096'); // valid: kept
    const settings = await service.getSettings();
    expect(settings).toMatchObject({
      attentionWindowMinutes: 5,
      sessionTimeoutMinutes: 30,
      projectRoots: [],
      maxTokens: 4096,
    });
    expect(settings.effectiveProjectRoots).toEqual([
      '/home/u/.claude/projects',
      '/home/u/.config/claude/projects',
    ]);
  });
});

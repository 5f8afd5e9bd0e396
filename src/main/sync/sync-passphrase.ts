import { execa } from 'execa';
import { TtError } from '../errors';

// The sync passphrase lives in the OS keychain, as the app's API key does, never in the data
// dir or the synced folder: libsecret's `secret-tool` on Linux, `security` on macOS (both run
// with argument arrays; on Linux the passphrase goes through stdin). TT_SYNC_PASSPHRASE, when
// set, wins (scripts, CI), as ANTHROPIC_API_KEY does for the key.

export const SYNC_PASSPHRASE_ENV = 'TT_SYNC_PASSPHRASE';
const SERVICE = 'tt';
const ACCOUNT = 'sync-passphrase';

/** At least this long: the passphrase is all that guards the segments in a shared folder. */
export const MIN_PASSPHRASE_LENGTH = 12;

type Platform = 'linux' | 'darwin';

function platform(): Platform | null {
  return process.platform === 'linux' || process.platform === 'darwin' ? process.platform : null;
}

export class SyncPassphrase {
  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** The passphrase (the environment's, else the keychain's), or null when none is set. */
  async get(): Promise<string | null> {
    const fromEnv = this.env[SYNC_PASSPHRASE_ENV];
    if (fromEnv) return fromEnv;
    const os = platform();
    if (os === null) return null;
    const result =
      os === 'linux'
        ? await execa('secret-tool', ['lookup', 'service', SERVICE, 'account', ACCOUNT], this.options())
        : await execa(
            'security',
            ['find-generic-password', '-s', SERVICE, '-a', ACCOUNT, '-w'],
            this.options(),
          );
    if (result.exitCode !== 0 || result.failed) return null; // none stored, or no keychain
    const value = String(result.stdout).replace(/\n$/, '');
    return value === '' ? null : value;
  }

  /** Keeps `passphrase` in the keychain (null forgets it). */
  async set(passphrase: string | null): Promise<void> {
    const os = platform();
    if (os === null)
      throw new TtError('input', `no keychain on ${process.platform}: set ${SYNC_PASSPHRASE_ENV} instead`);
    if (passphrase !== null && passphrase.length < MIN_PASSPHRASE_LENGTH) {
      throw new TtError('input', `a sync passphrase has at least ${MIN_PASSPHRASE_LENGTH} characters`);
    }
    const run = (file: string, args: string[], input?: string) =>
      execa(file, args, { ...this.options(), ...(input === undefined ? {} : { input }) });
    const result =
      os === 'linux'
        ? passphrase === null
          ? await run('secret-tool', ['clear', 'service', SERVICE, 'account', ACCOUNT])
          : await run(
              'secret-tool',
              ['store', '--label=tt sync passphrase', 'service', SERVICE, 'account', ACCOUNT],
              passphrase,
            )
        : passphrase === null
          ? await run('security', ['delete-generic-password', '-s', SERVICE, '-a', ACCOUNT])
          : await run('security', [
              'add-generic-password',
              '-U',
              '-s',
              SERVICE,
              '-a',
              ACCOUNT,
              '-w',
              passphrase,
            ]);
    if (result.failed && passphrase !== null) {
      const said = String(result.stderr ?? '').trim() || result.shortMessage;
      throw new TtError(
        'external',
        `the keychain refused the sync passphrase: ${said}`,
        os === 'linux' ? 'is libsecret (secret-tool) installed and a keyring unlocked?' : undefined,
      );
    }
  }

  private options() {
    return { reject: false, env: this.env, extendEnv: false, timeout: 15_000 } as const;
  }
}

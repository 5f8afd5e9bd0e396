import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TtError } from '../errors';
import { PRIVATE_FILE_MODE } from '../private-files';
import type { SecretStore } from '../settings/secret-store';

/** The part of Electron's safeStorage that tt uses; tests pass a fake. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export const API_KEY_FILE = 'anthropic-key.enc';

/**
 * The API key, encrypted by the OS keychain (safeStorage) into a file in the data directory.
 * Only ciphertext touches the disk; the key is decrypted in the main process when a call
 * to Claude needs it and is never handed to the renderer.
 */
export class SafeStorageSecretStore implements SecretStore {
  private readonly path: string;

  constructor(
    private readonly safeStorage: SafeStorageLike,
    dataDir: string,
  ) {
    this.path = join(dataDir, API_KEY_FILE);
  }

  getApiKey(): string | null {
    if (!existsSync(this.path)) return null;
    try {
      if (!this.safeStorage.isEncryptionAvailable()) return null;
      const key = this.safeStorage.decryptString(readFileSync(this.path));
      return key || null;
    } catch {
      // Encrypted by another user or keychain: unusable, so treated as absent (Settings can replace it).
      return null;
    }
  }

  setApiKey(key: string | null): void {
    if (key === null) {
      rmSync(this.path, { force: true });
      return;
    }
    if (!this.safeStorage.isEncryptionAvailable()) {
      throw new TtError(
        'storage',
        'this system offers no keychain to encrypt the API key with',
        'set ANTHROPIC_API_KEY in the environment that starts tt instead',
      );
    }
    const temporary = `${this.path}.tmp`;
    writeFileSync(temporary, this.safeStorage.encryptString(key), { mode: PRIVATE_FILE_MODE });
    renameSync(temporary, this.path);
  }
}

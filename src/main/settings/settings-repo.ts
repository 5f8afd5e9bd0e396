import { existsSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import type { Settings, SettingsUpdate } from '../../shared/api';
import { settingsUpdateSchema } from '../../shared/api-schemas';
import {
  DEFAULT_ATTENTION_WINDOW_MINUTES,
  DEFAULT_AWAY_AFTER_MINUTES,
  DEFAULT_MAX_TOKENS,
  DEFAULT_MODEL,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_SESSION_TIMEOUT_MINUTES,
  defaultProjectRoots,
} from './defaults';
import type { SecretStore } from './secret-store';
import { sessionSourceInfos } from '../sessions/sources/source-list';

/** Settings without the key's state: what the time, index and inference code read. */
export type ConfiguredSettings = Omit<
  Settings,
  'hasApiKey' | 'apiKeySource' | 'awaySource' | 'sessionSources' | 'missingProjectRoots'
>;

type StoredSettings = Omit<ConfiguredSettings, 'effectiveProjectRoots'>;

const defaults: StoredSettings = {
  projectRoots: [],
  model: DEFAULT_MODEL,
  maxTokens: DEFAULT_MAX_TOKENS,
  requestTimeoutMs: DEFAULT_REQUEST_TIMEOUT_MS,
  attentionWindowMinutes: DEFAULT_ATTENTION_WINDOW_MINUTES,
  sessionTimeoutMinutes: DEFAULT_SESSION_TIMEOUT_MINUTES,
  llmExclusions: [],
  awayAfterMinutes: DEFAULT_AWAY_AFTER_MINUTES,
  disabledSources: [],
  syncFolder: null,
  syncPromptTexts: true,
  rates: {},
};

/**
 * Settings in the database, over defaults in code. Environment variables win where a person
 * would expect them to: TT_MODEL for the model, ANTHROPIC_API_KEY for the key.
 */
export class SettingsRepo {
  /** Set by the desktop app when it records away time: what Settings shows as the source. */
  awaySource: string | null = null;

  constructor(
    private readonly db: Database,
    private readonly env: NodeJS.ProcessEnv,
    private readonly secrets: SecretStore | null,
  ) {}

  /** Everything a person sees in Settings, including whether a key is set (asks the keychain). */
  get(): Settings {
    const envKey = Boolean(this.env.ANTHROPIC_API_KEY);
    const keychainKey = !envKey && Boolean(this.secrets?.getApiKey());
    const configured = this.configured();
    return {
      ...configured,
      sessionSources: sessionSourceInfos(
        this.env,
        configured.effectiveProjectRoots,
        configured.disabledSources,
      ),
      missingProjectRoots: configured.projectRoots.filter((root) => !existsSync(root)),
      hasApiKey: envKey || keychainKey,
      apiKeySource: envKey ? 'environment' : keychainKey ? 'keychain' : null,
      awaySource: this.awaySource,
    };
  }

  /**
   * The settings without anything about the key: one cheap query and never the keychain
   * (safeStorage decrypts on every call), for code that runs on every request.
   */
  configured(): ConfiguredSettings {
    const stored = { ...defaults };
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    for (const row of rows) {
      const value = validStoredValue(row.key, row.value);
      if (value !== undefined) (stored as Record<string, unknown>)[row.key] = value;
    }
    if (this.env.TT_MODEL) stored.model = this.env.TT_MODEL;
    return {
      ...stored,
      effectiveProjectRoots:
        stored.projectRoots.length > 0 ? stored.projectRoots : defaultProjectRoots(this.env),
    };
  }

  update(update: SettingsUpdate): Settings {
    const write = this.db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(update)) {
        if (value !== undefined && Object.hasOwn(defaults, key)) write.run(key, JSON.stringify(value));
      }
    })();
    return this.get();
  }

  /** The key for the Anthropic client: the environment first, then the keychain. Main process only. */
  apiKey(): string | null {
    return this.env.ANTHROPIC_API_KEY || this.secrets?.getApiKey() || null;
  }
}

/**
 * A stored setting, if it is one this tt knows and its value is valid; otherwise undefined, so
 * that the default applies. A row written by another version, or edited by hand, must not
 * stop every command (nor turn a string into a list of one-letter project roots).
 */
function validStoredValue(key: string, json: string): unknown {
  if (!Object.hasOwn(defaults, key)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  const field = settingsUpdateSchema.shape[key as keyof typeof settingsUpdateSchema.shape];
  const parsed = field.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Where the app keeps the Anthropic API key when a person enters it in Settings. The Electron
 * host implements it with `safeStorage` (the OS keychain); the CLI has none and uses
 * ANTHROPIC_API_KEY. The key goes in and is used in the main process; it never comes back out
 * through the API.
 */
export interface SecretStore {
  getApiKey(): string | null;
  setApiKey(key: string | null): void;
}

import { resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WebPreferences } from 'electron';

/** The renderer gets no Node, its own JS world, and Chromium's sandbox. Tested as data. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    sandbox: true,
    webSecurity: true,
    allowRunningInsecureContent: false,
    spellcheck: false,
  };
}

/** Only pages that tt itself loaded may talk to the service. */
export function isAppUrl(url: string, app: { rendererDir: string; devServerUrl?: string }): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // During `npm run dev` the renderer comes from Vite's server: same origin, nothing else.
  if (app.devServerUrl) return parsed.origin === new URL(app.devServerUrl).origin;
  // Otherwise only the built renderer's own files, not any file on disk.
  if (parsed.protocol !== 'file:') return false;
  const root = resolve(app.rendererDir) + sep;
  return resolve(fileURLToPath(parsed)).startsWith(root);
}

/**
 * Whether the window may navigate to `url`: never, except within the dev server's origin
 * during `npm run dev` (an origin match: "http://localhost:5173.evil.example" is not it).
 */
export function isAllowedNavigation(url: string, devServerUrl: string | undefined): boolean {
  if (!devServerUrl) return false;
  try {
    return new URL(url).origin === new URL(devServerUrl).origin;
  } catch {
    return false;
  }
}

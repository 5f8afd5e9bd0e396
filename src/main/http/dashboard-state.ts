import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TtError } from '../errors';
import { PRIVATE_FILE_MODE } from '../private-files';

// A running `tt dashboard` leaves its address and secret in a 0600 file in the data directory,
// so that `tt dashboard --url` can ask it for a fresh login URL without the secret ever being
// on a command line or in a URL.

export const DASHBOARD_STATE_FILE = 'dashboard.json';

interface DashboardState {
  pid: number;
  port: number;
  secret: string;
}

export function writeDashboardState(dataDir: string, state: DashboardState): void {
  const path = join(dataDir, DASHBOARD_STATE_FILE);
  rmSync(path, { force: true });
  writeFileSync(path, JSON.stringify(state), { mode: PRIVATE_FILE_MODE, flag: 'wx' });
}

/** Removes the file if it is still this process's (a newer dashboard may have replaced it). */
export function removeDashboardState(dataDir: string, pid: number): void {
  const path = join(dataDir, DASHBOARD_STATE_FILE);
  if (readState(path)?.pid === pid) rmSync(path, { force: true });
}

function readState(path: string): DashboardState | null {
  try {
    const state = JSON.parse(readFileSync(path, 'utf8')) as Partial<DashboardState>;
    if (Number.isInteger(state.port) && Number.isInteger(state.pid) && typeof state.secret === 'string') {
      return state as DashboardState;
    }
  } catch {
    // missing or unreadable: no dashboard to ask
  }
  return null;
}

/** Asks the dashboard running on this data directory for a fresh one-time login URL. */
export async function requestLoginUrl(dataDir: string, linkPath: string): Promise<string> {
  const state = readState(join(dataDir, DASHBOARD_STATE_FILE));
  const none = new TtError(
    'not-found',
    `no tt dashboard is running for the data directory ${dataDir}`,
    'start one with `tt dashboard`; it prints a URL to open',
  );
  if (!state) throw none;
  let response: Response;
  try {
    response = await fetch(`http://127.0.0.1:${state.port}${linkPath}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${state.secret}` },
    });
  } catch {
    throw none;
  }
  const body = (await response.json().catch(() => null)) as { url?: unknown } | null;
  if (!response.ok || typeof body?.url !== 'string') throw none;
  return body.url;
}

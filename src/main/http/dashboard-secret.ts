import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_FILE_MODE } from '../private-files';
import { newToken } from './auth';

const SECRET_FILE_NAME = 'dashboard-secret';

/**
 * The dashboard's secret for a fixed port (`tt dashboard --port N`), kept in the data
 * directory (0600) so that a dashboard restarted on that port still knows the pages left open
 * on it, and they reconnect by themselves. Delete the file to make every open page forget it.
 */
export function dashboardSecret(dataDir: string): string {
  const path = join(dataDir, SECRET_FILE_NAME);
  try {
    const kept = readFileSync(path, 'utf8').trim();
    if (/^[0-9a-f]{64}$/.test(kept)) return kept;
  } catch {
    // none yet (or unreadable): make a new one
  }
  const secret = newToken();
  writeFileSync(path, `${secret}\n`, { mode: PRIVATE_FILE_MODE });
  chmodSync(path, PRIVATE_FILE_MODE); // an existing file keeps its mode through writeFileSync
  return secret;
}

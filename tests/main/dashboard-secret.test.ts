import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dashboardSecret } from '../../src/main/http/dashboard-secret';
import { tempDir } from '../helpers/temp';

describe('the dashboard secret for a fixed port', () => {
  it('is kept private in the data directory, so a restarted dashboard knows the pages left open', () => {
    const dir = tempDir();
    const first = dashboardSecret(dir);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(join(dir, 'dashboard-secret')).mode & 0o777).toBe(0o600);
    expect(dashboardSecret(dir)).toBe(first);
  });

  it('a damaged file is replaced by a new secret, not used', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'dashboard-secret'), 'not a secret\n');
    expect(dashboardSecret(dir)).toMatch(/^[0-9a-f]{64}$/);
  });
});

// The schema in one place: src/main/store/schema.sql is what the migrations make of an empty
// database, so a newcomer reads every table on one screen. It cannot drift: this test fails
// when a migration changes the schema and the file was not regenerated (`npm run schema`).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, schemaSql } from '../../src/main/store/database';
import { tempDir } from '../helpers/temp';
import { ROOT } from './source-files';

describe('src/main/store/schema.sql', () => {
  it('is the schema every migration leaves on an empty database', async () => {
    const db = openDatabase(join(tempDir(), 'tt.db'));
    try {
      const sql = schemaSql(db);
      expect(sql).toContain('CREATE TABLE sessions');
      await expect(sql).toMatchFileSnapshot(join(ROOT, 'src/main/store/schema.sql'));
    } finally {
      db.close();
    }
  });
});

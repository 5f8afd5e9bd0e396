import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TtService } from '../../src/main/service';
import { runAgentIndex } from '../../src/main/sessions/agent-indexer';
import type { AgentSource } from '../../src/main/sessions/sources/agent-source';
import { codexSource } from '../../src/main/sessions/sources/codex';
import { CODEX_FIXTURE_HOME, codexExpected } from '../helpers/codex-fixtures';
import { tempDir } from '../helpers/temp';

let service: TtService | null = null;
afterEach(() => {
  service?.close();
  service = null;
});

describe('runAgentIndex', () => {
  it('keeps going when one source cannot list its files, and says which', async () => {
    service = TtService.open({ dataDir: tempDir(), env: {} });
    // An adapter whose storage is broken (say, a database it cannot open to list sessions).
    const broken: AgentSource = {
      ...codexSource,
      agent: 'opencode',
      label: 'OpenCode',
      listFiles: () => Promise.reject(Object.assign(new Error('EACCES'), { code: 'EACCES' })),
    };
    const run = await runAgentIndex({
      db: service.db,
      now: () => Date.now(),
      workerPath: null,
      sources: [
        { source: broken, roots: [tempDir()] },
        { source: codexSource, roots: [join(CODEX_FIXTURE_HOME, 'sessions')] },
      ],
    });
    expect(run.skippedReasons).toEqual({ 'OpenCode: files could not be listed (permission denied)': 1 });
    expect(run.filesIndexed).toBe(codexExpected().length);
    expect(run.bySource.map((s) => [s.agent, s.filesIndexed])).toEqual([
      ['opencode', 0],
      ['codex', codexExpected().length],
    ]);
  });
});

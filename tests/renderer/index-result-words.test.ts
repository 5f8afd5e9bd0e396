// What the Index now toast says: a person must tell "found work" from "nothing new".
import { describe, expect, it } from 'vitest';
import type { IndexResult } from '../../src/shared/api';
import { describeIndexResult } from '../../src/renderer/src/lib/task-words';

const run = (over: Partial<IndexResult>): IndexResult => ({
  roots: ['/home/u/.claude/projects'],
  filesSeen: 12,
  filesIndexed: 0,
  filesUnchanged: 12,
  filesSkipped: 0,
  skippedReasons: {},
  missingRoots: [],
  sessionsWritten: 0,
  bytesRead: 0,
  durationMs: 40,
  ...over,
});

describe('the Index now toast', () => {
  it('says nothing is new when no session changed', () => {
    expect(describeIndexResult(run({})).title).toBe('Indexed 12 files: nothing new since the last index');
  });

  it('after the background index read them first, says that it did, and how many sessions tt holds', () => {
    const title = describeIndexResult(run({}), 12).title;
    expect(title).toBe(
      'Indexed 12 files: all 12 sessions were already read (tt indexes by itself in the background)',
    );
    expect(title).not.toMatch(/since the last index/);
  });

  it('counts the sessions written and the new ones grouped into streams', () => {
    const words = describeIndexResult(
      run({
        filesIndexed: 12,
        filesUnchanged: 0,
        sessionsWritten: 12,
        placed: { sessions: 6, streams: 4, start: 0, end: 1 },
      }),
    );
    expect(words.title).toBe(
      'Indexed 12 files: 12 sessions updated, 6 new grouped into 4 streams by project',
    );
    expect(words.detail).toContain('12 indexed, 0 unchanged, 0 skipped');
  });

  it('with nothing in the configured folders, names the folder the sessions came from and offers it', () => {
    const words = describeIndexResult(
      run({
        filesSeen: 0,
        filesUnchanged: 0,
        roots: ['/home/u/.claude/projects'],
        rootsElsewhere: ['/data/claude'],
      }),
      1500,
    );
    expect(words.title).toBe('Nothing to index in /home/u/.claude/projects');
    expect(words.detail).toContain('/data/claude (tt sessions index --root)');
    expect(words.addRoots).toEqual(['/data/claude']);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_BRANCH_NAMES, branchKind } from '../../src/core/identity';
import { countBranch, majorityBranch, type BranchTally } from '../../src/core/transcript/branch-tally';
import { directoryConfidence } from '../../src/core/streams/directory-confidence';
import { directoryStreamFor } from '../../src/core/streams/directory-inference';
import { continueByName } from '../../src/core/streams/llm-continuity';
import { bcubed, pairwise } from '../../src/core/streams/clustering-quality';
import { directoryStreamId } from '../../src/core/streams/stream-id';
import type { ValidatedStream } from '../../src/core/streams/llm-answer';

const main = { projectName: 'app', workspaceName: 'app' };
const worktree = { projectName: 'app', workspaceName: 'app-perf' };

describe('branches', () => {
  it('knows the default branch names, a detached HEAD and an unknown branch', () => {
    expect(DEFAULT_BRANCH_NAMES).toEqual(['main', 'master', 'trunk', 'default', 'develop']);
    expect(branchKind('develop')).toBe('default');
    expect(branchKind('fix-auth')).toBe('feature');
    expect(branchKind('HEAD')).toBe('detached');
    expect(branchKind('')).toBe('unknown');
    expect(branchKind(null)).toBe('unknown');
  });

  it('puts a session that changed branch on the branch most of its messages were on', () => {
    const tally: BranchTally = [];
    for (const branch of ['main', 'main', 'fix', 'fix', 'fix']) countBranch(tally, branch);
    expect(majorityBranch(tally)).toEqual({ branch: 'fix', share: 0.6 });
    expect(majorityBranch(countBranch([], '__proto__'))).toEqual({ branch: '__proto__', share: 1 });
    expect(
      majorityBranch([
        ['b', 1],
        ['a', 1],
      ]),
    ).toEqual({ branch: 'a', share: 0.5 });
    expect(majorityBranch(undefined)).toBeNull();
  });

  it('keys a feature branch by (project, branch) wherever it is checked out, the rest by checkout', () => {
    expect(directoryStreamFor(main, 'fix-auth')).toEqual({
      id: directoryStreamId('app/@fix-auth'),
      name: 'app · fix-auth',
      projectKey: 'app/@fix-auth',
    });
    expect(directoryStreamFor(worktree, 'fix-auth').id).toBe(directoryStreamFor(main, 'fix-auth').id);
    expect(directoryStreamFor(worktree, 'app-perf').name).toBe('app · perf');
    for (const branch of ['develop', 'main', 'HEAD', null]) {
      expect(directoryStreamFor(main, branch)).toEqual({
        id: directoryStreamId('app'),
        name: 'app',
        projectKey: 'app',
      });
      expect(directoryStreamFor(worktree, branch).name).toBe('app · perf');
    }
  });

  it('derives confidence from the evidence', () => {
    const at = (over: Partial<Parameters<typeof directoryConfidence>[0]>) =>
      directoryConfidence({
        identity: main,
        projectPath: '/src/app',
        branch: null,
        branchShare: null,
        ...over,
      });
    expect(at({ branch: 'fix-auth', branchShare: 1 })).toBe(0.9);
    expect(at({ identity: worktree, branch: 'app-perf', branchShare: 1 })).toBe(0.9);
    expect(at({ branch: 'main', branchShare: 1 })).toBe(0.6);
    expect(at({ branch: 'develop', branchShare: 0.95 })).toBe(0.6);
    expect(at({})).toBe(0.6);
    expect(at({ branch: 'fix-auth', branchShare: 0.7 })).toBe(0.4);
    expect(at({ branch: 'HEAD', branchShare: 1 })).toBe(0.4);
    expect(at({ projectPath: null })).toBeLessThanOrEqual(0.4);
  });
});

describe('continuing a stream by name', () => {
  const group = (
    answerId: string,
    name: string,
    sessionIds: string[],
    continues = false,
  ): ValidatedStream => ({
    answerId,
    continues,
    name,
    sessionIds,
    confidence: 0.8,
  });
  const previous = [{ id: 'X', name: 'Auth refactor', projects: new Set(['app']) }];
  const projectOf = (id: string) => (id.startsWith('web') ? 'web' : 'app');

  it('continues a previous stream of the same project whose name matches, ignoring case and spaces', () => {
    expect(continueByName([group('auth-2', '  auth   REFACTOR ', ['s2'])], previous, projectOf)).toEqual([
      { ...group('auth-2', '  auth   REFACTOR ', ['s2']), answerId: 'X', continues: true },
    ]);
  });

  it('leaves a group alone in another project or under another name, and joins twins', () => {
    expect(continueByName([group('a', 'Auth refactor', ['web-1'])], previous, projectOf)[0]!.continues).toBe(
      false,
    );
    expect(continueByName([group('a', 'Auth refactors', ['s2'])], previous, projectOf)[0]!.continues).toBe(
      false,
    );
    const joined = continueByName(
      [group('X', 'Auth refactor', ['s1'], true), group('n', 'auth refactor', ['s2'])],
      previous,
      projectOf,
    );
    expect(joined.map((s) => [s.answerId, s.sessionIds])).toEqual([['X', ['s1', 's2']]]);
  });
});

describe('clustering quality', () => {
  it('computes time-weighted BCubed and pairwise F1 as worked out by hand', () => {
    // Truth: T1 = {a (1), b (1), c (2)}, T2 = {d (4)}. Proposed: P1 = {a, b}, P2 = {c, d}.
    const items = [
      { proposed: 'P1', truth: 'T1', weight: 1 },
      { proposed: 'P1', truth: 'T1', weight: 1 },
      { proposed: 'P2', truth: 'T1', weight: 2 },
      { proposed: 'P2', truth: 'T2', weight: 4 },
    ];
    // precision: a, b → 2/2; c → 2/6; d → 4/6; weighted: (1 + 1 + 2·1/3 + 4·2/3) / 8 = 2/3
    // recall: a, b → 2/4; c → 2/4; d → 4/4; weighted: (0.5 + 0.5 + 2·0.5 + 4) / 8 = 6/8
    const b = bcubed(items);
    expect(b.precision).toBeCloseTo(2 / 3, 12);
    expect(b.recall).toBeCloseTo(0.75, 12);
    expect(b.f1).toBeCloseTo((2 * (2 / 3) * 0.75) / (2 / 3 + 0.75), 12); // 12/17
    // pairs: proposed {ab, cd}, true {ab, ac, bc}; agreeing {ab}: precision 1/2, recall 1/3, F1 0.4
    expect(pairwise(items)).toEqual({ precision: 0.5, recall: 1 / 3, f1: 0.4 });
    expect(bcubed([])).toEqual({ precision: 1, recall: 1, f1: 1 });
  });
});

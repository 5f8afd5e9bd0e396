import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { followParents, inferByDirectory } from '../../src/core/streams/directory-inference';
import {
  directoryStreamName,
  projectKey,
  streamIdentity,
  worktreeIdentityFromPath,
} from '../../src/core/streams/project-identity';
import { directoryStreamId, sha1, uuidV5 } from '../../src/core/streams/stream-id';

describe('stream ids', () => {
  it('computes SHA-1 as node does', () => {
    for (const text of [
      '',
      'abc',
      'a'.repeat(55),
      'a'.repeat(56),
      'a'.repeat(64),
      'naïve – ünïcode',
      'x'.repeat(1000),
    ]) {
      const ours = Buffer.from(sha1(Array.from(Buffer.from(text, 'utf8')))).toString('hex');
      expect(ours).toBe(createHash('sha1').update(text, 'utf8').digest('hex'));
    }
  });

  it('makes RFC 9562 version 5 UUIDs (the DNS namespace example)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('gives a project key the same id every time and different keys different ids', () => {
    expect(directoryStreamId('spotter')).toBe(directoryStreamId('spotter'));
    expect(directoryStreamId('spotter')).not.toBe(directoryStreamId('spotter/spotter-gqc'));
    expect(directoryStreamId('spotter')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('project identity for streams', () => {
  it('reads worktree layouts from a path', () => {
    expect(worktreeIdentityFromPath('/home/u/projects/spotter-worktrees/spotter-gqc')).toEqual({
      projectName: 'spotter',
      workspaceName: 'spotter-gqc',
    });
    expect(worktreeIdentityFromPath('/src/tt/.worktrees/fix-login')).toEqual({
      projectName: 'tt',
      workspaceName: 'fix-login',
    });
    expect(worktreeIdentityFromPath('/src/tt/.claude/worktrees/agent-1')).toEqual({
      projectName: 'tt',
      workspaceName: 'agent-1',
    });
    expect(worktreeIdentityFromPath('/home/marco/projects/spotter')).toEqual({
      projectName: 'spotter',
      workspaceName: null,
    });
    expect(worktreeIdentityFromPath('/home/sami/time-tracker/default')).toEqual({
      projectName: 'time-tracker',
      workspaceName: null,
    });
  });

  it('keys a separate workspace apart from the main checkout, under one project name', () => {
    const main = { projectName: 'spotter', workspaceName: 'spotter' };
    const worktree = { projectName: 'spotter', workspaceName: 'spotter-gqc' };
    expect(projectKey(main)).toBe('spotter');
    expect(projectKey({ projectName: 'tt', workspaceName: 'default' })).toBe('tt');
    expect(projectKey(worktree)).toBe('spotter/spotter-gqc');
    expect(directoryStreamName(worktree)).toBe('spotter · gqc');
    expect(directoryStreamName({ projectName: 'tt', workspaceName: 'feature' })).toBe('tt · feature');
    expect(directoryStreamName(main)).toBe('spotter');
  });

  it('trusts jj and git, and re-reads only path-only answers', () => {
    const path = '/x/spotter-worktrees/spotter-dov';
    expect(
      streamIdentity({ projectName: 'spotter-dov', workspaceName: 'spotter-dov', source: 'path' }, path),
    ).toEqual({
      projectName: 'spotter',
      workspaceName: 'spotter-dov',
    });
    expect(streamIdentity({ projectName: 'real', workspaceName: 'w', source: 'git' }, path)).toEqual({
      projectName: 'real',
      workspaceName: 'w',
    });
  });
});

describe('directory inference', () => {
  const noBranch = { projectPath: '/p', branch: null, branchShare: null };
  const ident = (projectName: string, workspaceName: string | null = null) => ({
    projectName,
    workspaceName,
  });

  it('puts sessions of one project identity in one stream and subagents with their parent', () => {
    const { streamOf, streams } = inferByDirectory([
      { sessionId: 'a', parentSessionId: null, identity: ident('api'), ...noBranch },
      { sessionId: 'b', parentSessionId: null, identity: ident('api', 'default'), ...noBranch },
      { sessionId: 'c', parentSessionId: null, identity: ident('api', 'fix-login'), ...noBranch },
      // a subagent that ran elsewhere still works for its parent
      { sessionId: 'c-agent', parentSessionId: 'c', identity: ident('web'), ...noBranch },
      { sessionId: 'c-agent-agent', parentSessionId: 'c-agent', identity: ident('docs'), ...noBranch },
    ]);
    expect(streamOf.get('a')).toBe(streamOf.get('b'));
    expect(streamOf.get('c')).not.toBe(streamOf.get('a'));
    expect(streamOf.get('c-agent')).toBe(streamOf.get('c'));
    expect(streamOf.get('c-agent-agent')).toBe(streamOf.get('c'));
    expect([...streams.values()].map((s) => s.name).sort()).toEqual(['api', 'api · fix-login']);
    expect(streams.get(streamOf.get('a')!)!.id).toBe(directoryStreamId('api'));
  });

  it('lets a pinned subagent stay where a person put it', () => {
    const result = followParents(
      new Map([
        ['p', 'S1'],
        ['kid', 'S2'],
      ]),
      new Map([
        ['p', null],
        ['kid', 'p'],
      ]),
      new Set(['kid']),
    );
    expect(result.get('kid')).toBe('S2');
  });
});

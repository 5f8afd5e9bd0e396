import type { StreamSession } from '../../src/core/streams/stream-model';

/** A session as inference sees it: one hour of work in project `api` on 10 February 2026. */
export const streamSession = (over: Partial<StreamSession> & { sessionId: string }): StreamSession => ({
  parentSessionId: null,
  isSubagent: false,
  projectPath: '/home/u/api',
  identity: { projectName: 'api', workspaceName: null },
  branch: null,
  branchShare: null,
  start: Date.parse('2026-02-10T01:00:00Z'),
  end: Date.parse('2026-02-10T02:00:00Z'),
  messageCount: 12,
  summary: null,
  customTitle: null,
  firstPrompt: null,
  ...over,
});

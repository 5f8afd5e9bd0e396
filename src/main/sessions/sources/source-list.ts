import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import type { SessionSourceInfo, SessionSourceName } from '../../../shared/api';
import type { AgentSource } from './agent-source';
import { agentSources } from './registry';

// Which agents' sessions this machine has, where, and which ones the person turned off: what
// Settings lists, and what one index run reads.

type Env = Record<string, string | undefined>;

function homeOf(env: Env): string {
  return env.HOME || homedir();
}

/** The other agents' sources to index (enabled ones), each with its roots. */
export function enabledAgentSources(
  env: Env,
  disabled: readonly SessionSourceName[],
): { source: AgentSource; roots: string[] }[] {
  return agentSources
    .filter((source) => !disabled.includes(source.agent))
    .map((source) => ({ source, roots: source.defaultRoots(env, homeOf(env)) }));
}

/** Every source, Claude Code first, for Settings. */
export function sessionSourceInfos(
  env: Env,
  claudeRoots: readonly string[],
  disabled: readonly SessionSourceName[],
): SessionSourceInfo[] {
  const info = (
    name: SessionSourceName,
    label: string,
    roots: readonly string[],
    overrideVariable: string | null,
  ): SessionSourceInfo => ({
    name,
    label,
    roots: [...roots],
    overrideVariable,
    found: roots.some((root) => existsSync(root)),
    enabled: !disabled.includes(name),
  });
  return [
    info('claude-code', 'Claude Code', claudeRoots, 'CLAUDE_CONFIG_DIR'),
    ...agentSources.map((source) =>
      info(source.agent, source.label, source.defaultRoots(env, homeOf(env)), source.overrideVariable),
    ),
  ];
}

// Trees of the other agents' session files for the sessions benchmark, beside Claude Code's.
// Each entry writes its agent's files where that agent keeps them (under `home`), returns the
// environment that points tt there, and can append to a file as a running session does. Gemini
// CLI and OpenCode add an entry here when their adapters land.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { random } from './random';

const MB = 1 << 20;

export interface AgentTree {
  agent: string;
  /** writes about `bytes` of session files under `home`; returns them and the environment for tt */
  generate(home: string, bytes: number): { files: string[]; bytes: number; env: Record<string, string> };
  /** appends about twenty records to one of its files; returns the bytes written */
  append(path: string): number;
}

const rand = random(7);
const between = (min: number, max: number): number => Math.floor(min + rand() * (max - min));
const hex = (n: number): string =>
  Array.from({ length: n }, () => Math.floor(rand() * 16).toString(16)).join('');
const FILLER = 'fn main() {\\n\\tprintln!(\\"ok\\");\\n} // src/lib.rs:42 PASS tests::parse ü → '.repeat(
  4096,
);
const text = (chars: number): string => FILLER.slice(0, chars).replace(/\\+$/, '');

/** Codex CLI rollouts with the record mix of real ones (tests/fixtures/codex): turns of tool calls. */
function codexLines(id: string, start: number, bytes: number): string[] {
  let time = start;
  const at = (): string => {
    time += rand() < 0.02 ? between(6 * 60_000, 45 * 60_000) : between(200, 15_000);
    return new Date(time).toISOString();
  };
  const line = (type: string, payload: object): string => JSON.stringify({ timestamp: at(), type, payload });
  const lines = [
    line('session_meta', {
      id,
      cwd: `/home/dev/work/project-${between(0, 24)}`,
      originator: 'codex_cli_rs',
      cli_version: '0.104.0',
      git: { branch: 'main' },
    }),
  ];
  let size = lines[0]!.length;
  while (size < bytes) {
    const turn = [
      line('event_msg', { type: 'task_started', turn_id: hex(16) }),
      line('turn_context', { cwd: '/home/dev/work', model: 'gpt-5-codex' }),
      line('event_msg', { type: 'user_message', message: text(between(20, 600)) }),
    ];
    for (let i = between(3, 30); i > 0; i--) {
      const call = `call_${hex(12)}`;
      turn.push(
        line('response_item', { type: 'reasoning', summary: [{ type: 'summary_text', text: text(200) }] }),
      );
      turn.push(
        line('response_item', { type: 'function_call', name: 'shell', arguments: text(200), call_id: call }),
      );
      turn.push(
        line('response_item', {
          type: 'function_call_output',
          call_id: call,
          output: text(between(300, 12_000)),
        }),
      );
      turn.push(
        line('event_msg', {
          type: 'token_count',
          info: { total_token_usage: { total_tokens: between(1, 1e6) } },
        }),
      );
    }
    turn.push(line('event_msg', { type: 'agent_message', message: text(between(100, 2_000)) }));
    turn.push(line('event_msg', { type: 'task_complete', turn_id: hex(16) }));
    for (const l of turn) {
      lines.push(l);
      size += l.length + 1;
    }
  }
  return lines;
}

const codexTree: AgentTree = {
  agent: 'codex',
  generate(home, bytes) {
    const codexHome = join(home, '.codex');
    const files: string[] = [];
    let written = 0;
    while (written < bytes) {
      const start = Date.parse('2026-01-01T00:00:00Z') + between(0, 60 * 86_400_000);
      const day = new Date(start).toISOString().slice(0, 10).split('-');
      const dir = join(codexHome, 'sessions', day[0]!, day[1]!, day[2]!);
      mkdirSync(dir, { recursive: true });
      const id = `019c${hex(4)}-${hex(4)}-7${hex(3)}-${hex(4)}-${hex(12)}`;
      const r = rand();
      const size =
        r < 0.82 ? between(10_000, 300_000) : r < 0.99 ? between(300_000, 3 * MB) : between(3 * MB, 20 * MB);
      const body = `${codexLines(id, start, size).join('\n')}\n`;
      const path = join(
        dir,
        `rollout-${new Date(start).toISOString().slice(0, 19).replace(/:/g, '-')}-${id}.jsonl`,
      );
      writeFileSync(path, body);
      files.push(path);
      written += Buffer.byteLength(body);
    }
    return { files, bytes: written, env: { CODEX_HOME: codexHome } };
  },
  append(path) {
    const lines = codexLines(hex(8), Date.parse('2026-03-01T00:00:00Z'), 20_000).slice(1);
    const body = `${lines.join('\n')}\n`;
    appendFileSync(path, body);
    return Buffer.byteLength(body);
  },
};

/** Every other agent the benchmark writes a tree for. */
export const agentTrees: readonly AgentTree[] = [codexTree];

import { execa, type Options } from 'execa';
import { fileURLToPath } from 'node:url';

/** The `tt` launcher that users run (built by `npm run build`, which `npm test` runs first). */
export const TT_BIN = fileURLToPath(new URL('../../bin/tt.js', import.meta.url));

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `tt` command in a child process with a clean, test-controlled environment. */
export async function runTt(
  args: string[],
  options: { env?: Record<string, string>; input?: string; cwd?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  const execaOptions: Options = {
    reject: false,
    env: { HOME: process.env.HOME ?? '/tmp', PATH: process.env.PATH ?? '', ...options.env },
    extendEnv: false,
    input: options.input,
    cwd: options.cwd,
    timeout: options.timeoutMs ?? 60_000,
  };
  const result = await execa(process.execPath, [TT_BIN, ...args], execaOptions);
  return {
    exitCode: result.exitCode ?? -1,
    stdout: String(result.stdout),
    stderr: String(result.stderr),
  };
}

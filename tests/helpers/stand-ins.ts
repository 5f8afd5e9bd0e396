// Executables for tests that count or replace jj and git: real programs on PATH (shell
// scripts), so the code under test spawns them exactly as it would spawn the real ones.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

/** Absolute path of a real program, e.g. git. */
export function realExecutable(name: string): string {
  return execFileSync('/bin/sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
}

function writeScript(path: string, body: string): void {
  writeFileSync(path, body);
  chmodSync(path, 0o755);
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A `name` on binDir that logs each call ("name args…") to logPath, then runs the real program. */
export function installCountingWrapper(binDir: string, name: string, logPath: string): void {
  mkdirSync(binDir, { recursive: true });
  writeScript(
    join(binDir, name),
    `#!/bin/sh\nprintf '%s %s\\n' ${shellQuote(name)} "$*" >> ${shellQuote(logPath)}\n` +
      `exec ${shellQuote(realExecutable(name))} "$@"\n`,
  );
}

/**
 * A stand-in `jj` (jj cannot be installed here). It finds the workspace by walking up to
 * .jj like jj does and prints what real jj prints for `git remote list`, `workspace list`
 * and `root`, from files that makeJjWorkspace leaves in .jj/. It refuses to run without
 * --ignore-working-copy (tt must never make jj snapshot the working copy), fails when
 * .jj/standin-fail exists and hangs when .jj/standin-hang exists. Each call is logged.
 */
export function installStandInJj(binDir: string, logPath: string): void {
  mkdirSync(binDir, { recursive: true });
  writeScript(
    join(binDir, 'jj'),
    `#!/bin/sh
PATH=/usr/bin:/bin
printf 'jj %s\\n' "$*" >> ${shellQuote(logPath)}
args=""
ignored=no
for a in "$@"; do
  if [ "$a" = --ignore-working-copy ]; then ignored=yes; else args="$args $a"; fi
done
if [ $ignored = no ]; then echo "stand-in jj: called without --ignore-working-copy" >&2; exit 2; fi
dir=$(pwd -P)
while [ ! -d "$dir/.jj" ]; do
  if [ "$dir" = / ]; then echo 'Error: There is no jj repo in "."' >&2; exit 1; fi
  dir=$(dirname "$dir")
done
if [ -e "$dir/.jj/standin-fail" ]; then cat "$dir/.jj/standin-fail" >&2; exit 1; fi
if [ -e "$dir/.jj/standin-hang" ]; then exec sleep 60; fi
case "$args" in
  " git remote list") cat "$dir/.jj/standin-remotes" ;;
  " workspace list") cat "$dir/.jj/standin-workspaces" ;;
  " root") printf '%s\\n' "$dir" ;;
  *) echo "error: unrecognized subcommand '$args'" >&2; exit 2 ;;
esac
`,
  );
}

export interface JjWorkspaceSetup {
  /** remote name → URL, as `jj git remote add` would have made them */
  remotes?: Record<string, string>;
  /** every workspace of the repository, as `jj workspace list` shows them */
  workspaces?: string[];
}

/** Marks dir as a jj workspace for the stand-in. */
export function makeJjWorkspace(dir: string, setup: JjWorkspaceSetup = {}): void {
  mkdirSync(join(dir, '.jj'), { recursive: true });
  const remotes = Object.entries(setup.remotes ?? {}).map(([name, url]) => `${name} ${url}\n`);
  writeFileSync(join(dir, '.jj', 'standin-remotes'), remotes.join(''));
  const changeIds = ['rlvkpnrz 8d5b7f9c', 'qpvuntsm 230dd059', 'zsuskuln 5e0b1c7a', 'kkmpptxz 3f1c9e02'];
  const workspaces = (setup.workspaces ?? ['default']).map(
    (name, i) => `${name}: ${changeIds[i % changeIds.length]} (empty) (no description set)\n`,
  );
  writeFileSync(join(dir, '.jj', 'standin-workspaces'), workspaces.join(''));
}

/** The logged calls, one "program args…" line each. */
export function loggedCalls(logPath: string): string[] {
  try {
    return readFileSync(logPath, 'utf8').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

/**
 * A stand-in `ssh` (no sshd runs here): `ssh [options] [--] HOST tt ARGS…` runs `tt ARGS…`
 * on this computer as HOST, whose data dir is `<hostsDir>/HOST/data` and whose clock offset
 * is in `<hostsDir>/HOST/offset`. An unknown host fails as ssh does (exit 255); a host with a
 * file `<hostsDir>/HOST/unreachable` never answers: after `-o ConnectTimeout=N` seconds it
 * fails as ssh does then. The host's keychain (the stand-in secret-tool's) is
 * `<hostsDir>/HOST/keyring`. A host with a file `<hostsDir>/HOST/garbled` answers with that
 * file's text, then reads its stdin to the end. stdin goes through to the remote tt. Each call is logged to
 * `<hostsDir>/ssh.log`, so a test can see the exact words sent.
 */
export function installStandInSsh(binDir: string, hostsDir: string, ttBin: string): void {
  mkdirSync(binDir, { recursive: true });
  writeScript(
    join(binDir, 'ssh'),
    `#!/bin/sh
hosts=${shellQuote(hostsDir)}
printf 'ssh %s\\n' "$*" >> "$hosts/ssh.log"
timeout=
while [ $# -gt 0 ]; do
  case "$1" in
    --) shift; break ;;
    -o) case "$2" in ConnectTimeout=*) timeout="\${2#ConnectTimeout=}" ;; esac; shift 2 ;;
    -p|-i|-l) shift 2 ;;
    -*) shift ;;
    *) break ;;
  esac
done
host="$1"; shift
if [ ! -d "$hosts/$host" ]; then
  echo "ssh: Could not resolve hostname $host: Name or service not known" >&2; exit 255
fi
if [ -e "$hosts/$host/unreachable" ]; then
  if [ -z "$timeout" ]; then exec sleep 3600; fi
  sleep "$timeout"
  echo "ssh: connect to host $host port 22: Connection timed out" >&2; exit 255
fi
if [ -e "$hosts/$host/garbled" ]; then cat "$hosts/$host/garbled"; cat > /dev/null; exit 0; fi
if [ "$1" != tt ]; then echo "stand-in ssh: only tt runs on $host" >&2; exit 127; fi
shift
offset=$(cat "$hosts/$host/offset" 2>/dev/null || echo 0)
STAND_IN_KEYRING="$hosts/$host/keyring" TT_DATA_DIR="$hosts/$host/data" TT_CLOCK_OFFSET_MS="$offset" exec ${shellQuote(process.execPath)} ${shellQuote(ttBin)} "$@"
`,
  );
}

/**
 * A stand-in for libsecret's `secret-tool` (no keyring runs here): it keeps the one secret tt
 * stores in the file named by STAND_IN_KEYRING (store reads it from stdin, as the real one does).
 */
export function installStandInSecretTool(binDir: string): void {
  mkdirSync(binDir, { recursive: true });
  writeScript(
    join(binDir, 'secret-tool'),
    `#!/bin/sh
ring="$STAND_IN_KEYRING"
case "$1" in
  store) cat > "$ring" ;;
  lookup) if [ -f "$ring" ]; then cat "$ring"; else exit 1; fi ;;
  clear) rm -f "$ring" ;;
  *) echo "stand-in secret-tool: $1?" >&2; exit 2 ;;
esac
`,
  );
}

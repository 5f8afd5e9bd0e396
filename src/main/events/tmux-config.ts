// The tmux configuration that records focus changes: which hooks, and the command each runs.
// Every value crosses three parsers (tmux's config parser, tmux's format expansion, /bin/sh),
// so each layer is escaped for the one that reads it: pane values single-quoted for sh by a
// tmux substitution (see shellQuotedFormat), fixed paths single-quoted for sh with '#' doubled
// for formats, and the whole command double-quoted for tmux with \, ", $ and ~ escaped.

/** The hooks that mean "this pane now has the person's attention", and the one for scrolling. */
export const FOCUS_HOOKS = [
  'pane-focus-in',
  'after-select-pane',
  'session-window-changed',
  'client-session-changed',
  // attaching again puts attention back on the pane the client shows
  'client-attached',
] as const;
export const SCROLL_HOOK = 'pane-mode-changed';
/** A client detaching ends attention from tmux: an away period until the next signal. */
export const AWAY_HOOK = 'client-detached';

type HookEvent = 'pane-focus' | 'scroll' | 'idle-start';

/**
 * The slot in each hook's array that tt uses: a fixed index, so that sourcing the file again
 * replaces tt's hook instead of adding a second one, and the person's own hooks (at [0] when
 * set without an index) are left alone.
 */
export const HOOK_INDEX = 42;

export interface TmuxHookPaths {
  /** the Node executable (absolute) */
  node: string;
  /** out/main/ingest.js (absolute) */
  ingestScript: string;
  dataDir: string;
  logFile: string;
}

/** Quotes a fixed value for sh, then doubles '#' so tmux's format expansion leaves it alone. */
function shellLiteral(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`.replace(/#/g, '##');
}

/**
 * A tmux variable as one single-quoted sh word: tmux's `s/'/'\\''/` substitution turns each
 * quote in the value into '\'' (the regsub needs the backslash doubled), and inside single
 * quotes sh reads every other byte as itself, line breaks, CR and tabs included. `#{q:…}` is
 * not enough: it leaves a newline bare, and sh runs what follows it as a new command.
 */
export function shellQuotedFormat(variable: string): string {
  return `'#{s/'/'\\\\''/:${variable}}'`;
}

/** A double-quoted tmux string: no environment, home-directory or escape expansion inside. */
export function tmuxQuote(value: string): string {
  return `"${value.replace(/[\\"$~]/g, '\\$&').replace(/\n/g, '\\n')}"`;
}

/** The shell command one hook runs (after tmux expands its formats). */
export function ingestShellCommand(paths: TmuxHookPaths, type: HookEvent): string {
  return [
    shellLiteral(paths.node),
    shellLiteral(paths.ingestScript),
    type,
    `--data-dir=${shellLiteral(paths.dataDir)}`,
    // `--flag=value`, so that an empty value cannot swallow the next flag.
    `--pane=${shellQuotedFormat('pane_id')}`,
    `--cwd=${shellQuotedFormat('pane_current_path')}`,
    `--session=${shellQuotedFormat('session_name')}`,
    `--window=${shellQuotedFormat('window_index')}`,
    `>>${shellLiteral(paths.logFile)} 2>&1 || true`,
  ].join(' ');
}

export function tmuxHookConfig(paths: TmuxHookPaths): string {
  const hook = (name: string, type: HookEvent) => {
    const command = `run-shell -b ${tmuxQuote(ingestShellCommand(paths, type))}`;
    // Braces hand the command to the hook as it is written, without another layer of escaping.
    return `set-hook -g ${name}[${HOOK_INDEX}] { ${command} }`;
  };
  return [
    '# tt: record which tmux pane has your attention (written by `tt hook tmux`).',
    '# Focus events need focus-events on, and a client that attached after it was set:',
    '# detach and re-attach (or restart tmux) once after loading this file.',
    'set -g focus-events on',
    ...FOCUS_HOOKS.map((name) => hook(name, 'pane-focus')),
    hook(SCROLL_HOOK, 'scroll'),
    hook(AWAY_HOOK, 'idle-start'),
    '',
  ].join('\n');
}

import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { Settings, SettingsUpdate } from '../../shared/api';
import { parseApiArgs } from '../../shared/api-schemas';
import { SESSION_SOURCE_NAMES } from '../../shared/session-sources';
import { TtError } from '../../main/errors';
import { printJson, withService } from '../context';

type SettingField = keyof SettingsUpdate;

/** The settings a person may change, by the name they type. Values are checked by the API's schema. */
const SETTINGS: Record<string, { field: SettingField; about: string; parse: (value: string) => unknown }> = {
  'project-roots': {
    field: 'projectRoots',
    about: 'Claude Code projects folders, comma-separated ("" = the default ones)',
    parse: (value) =>
      value
        .split(',')
        .map((root) => root.trim())
        .filter(Boolean)
        .map((root) => resolve(root)),
  },
  'llm-exclude': {
    field: 'llmExclusions',
    about: 'projects or folders (path globs, ~ = home) never sent to Claude, comma-separated',
    parse: (value) =>
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
  },
  'disabled-sources': {
    field: 'disabledSources',
    about: `agents whose sessions are not indexed, comma-separated: ${SESSION_SOURCE_NAMES.join(', ')} ("" = none)`,
    parse: (value) =>
      value
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean),
  },
  model: { field: 'model', about: 'the Claude model for `tt infer --llm`', parse: (value) => value.trim() },
  'max-tokens': { field: 'maxTokens', about: 'the longest answer asked of Claude', parse: Number },
  'request-timeout-ms': {
    field: 'requestTimeoutMs',
    about: 'how long one request to Claude may take',
    parse: Number,
  },
  'attention-window': {
    field: 'attentionWindowMinutes',
    about: 'minutes your attention stays on a stream without a new signal',
    parse: Number,
  },
  'session-timeout': {
    field: 'sessionTimeoutMinutes',
    about: "minutes of an agent's silence after which it no longer counts as working",
    parse: Number,
  },
  'away-after': {
    field: 'awayAfterMinutes',
    about: 'minutes without input after which the app marks you away',
    parse: Number,
  },
  'sync-folder': {
    field: 'syncFolder',
    about: 'the synced folder `tt sync` and the app use ("" = none)',
    parse: (value) => (value.trim() === '' ? null : resolve(value.trim())),
  },
  'sync-prompts': {
    field: 'syncPromptTexts',
    about: "whether your prompts' words go into sync segments (true or false)",
    parse: (value) => (value === 'true' ? true : value === 'false' ? false : value),
  },
};

export function registerSettingsCommand(program: Command): void {
  const settings = program
    .command('settings')
    .description('show or change settings (the same ones as the app’s Settings)')
    .option('--json', 'print machine-readable JSON')
    .addHelpText(
      'after',
      `\nSettings you can change with \`tt settings set NAME VALUE\`:\n${Object.entries(SETTINGS)
        .map(([name, setting]) => `  ${name.padEnd(20)}${setting.about}`)
        .join(
          '\n',
        )}\n  rate.<project>      the project's hourly rate for \`tt timesheet\` ("" removes it)\n\nThe Anthropic API key is not a setting here: tt reads ANTHROPIC_API_KEY (or the app's keychain).`,
    )
    .action(async (options: { json?: boolean }, command: Command) => {
      await withService(command, async (service) => {
        const current = await service.getSettings();
        if (options.json) printJson(current);
        else process.stdout.write(describeSettings(current));
      });
    });

  settings
    .command('set')
    .description('change one setting')
    .argument('<name>', `one of: ${Object.keys(SETTINGS).join(', ')}`)
    .argument('<value>', 'the new value')
    .action(async (name: string, value: string, _options: unknown, command: Command) => {
      if (name.startsWith(RATE_PREFIX)) return setRate(name.slice(RATE_PREFIX.length), value, command);
      const setting = SETTINGS[name];
      if (!setting) {
        throw new TtError(
          'input',
          `there is no setting "${name}"`,
          `settings: ${Object.keys(SETTINGS).join(', ')}`,
        );
      }
      const update = { [setting.field]: setting.parse(value) } as SettingsUpdate;
      try {
        parseApiArgs('updateSettings', [update]);
      } catch (error) {
        // The schema's first complaint, e.g. "Too small: expected number to be >=1".
        const complaint = /✖ ([^\n]+)/.exec((error as Error).message)?.[1];
        throw new TtError('input', `"${value}" is not a valid ${name}`, complaint ?? setting.about);
      }
      await withService(command, async (service) => {
        const updated = await service.updateSettings(update);
        process.stdout.write(`${name} is now ${formatValue(updated[setting.field])}\n`);
      });
    });
}

const RATE_PREFIX = 'rate.';

/** `tt settings set rate.<project> 120`: one project's hourly rate ("" removes it). */
async function setRate(project: string, value: string, command: Command): Promise<void> {
  if (project.trim() === '')
    throw new TtError('input', 'name the project: rate.<project>, e.g. rate.spotter');
  const trimmed = value.trim();
  const rate = Number(trimmed);
  if (trimmed !== '' && (!/^\d+(\.\d+)?$/.test(trimmed) || !Number.isFinite(rate))) {
    throw new TtError(
      'input',
      `the rate "${value}" is not a number`,
      'give an hourly rate such as 120 or 87.50',
    );
  }
  await withService(command, async (service) => {
    const rates = { ...(await service.getSettings()).rates };
    if (trimmed === '') delete rates[project];
    else rates[project] = rate;
    try {
      parseApiArgs('updateSettings', [{ rates }]);
    } catch (error) {
      const complaint = /✖ ([^\n]+)/.exec((error as Error).message)?.[1];
      throw new TtError('input', `"${value}" is not a valid rate`, complaint);
    }
    await service.updateSettings({ rates });
    process.stdout.write(
      trimmed === '' ? `rate.${project} is now (none)\n` : `rate.${project} is now ${rate} per hour\n`,
    );
  });
}

function formatValue(value: unknown): string {
  if (value === null) return '(none)';
  return Array.isArray(value) ? (value.length ? value.join(', ') : '(the default)') : String(value);
}

function describeSettings(s: Settings): string {
  const roots = s.projectRoots.length
    ? s.projectRoots.join(', ')
    : `(default) ${s.effectiveProjectRoots.join(', ')}`;
  const key =
    s.apiKeySource === 'environment'
      ? 'set, from ANTHROPIC_API_KEY'
      : s.apiKeySource === 'keychain'
        ? "set, in the app's keychain"
        : 'not set (set ANTHROPIC_API_KEY to infer with Claude)';
  return [
    `project-roots       ${roots}`,
    `llm-exclude         ${s.llmExclusions.length ? s.llmExclusions.join(', ') : '(none)'}`,
    `model               ${s.model}`,
    `max-tokens          ${s.maxTokens}`,
    `request-timeout-ms  ${s.requestTimeoutMs}`,
    `attention-window    ${s.attentionWindowMinutes} min`,
    `session-timeout     ${s.sessionTimeoutMinutes} min`,
    `away-after          ${s.awayAfterMinutes} min (${s.awaySource ?? 'recorded only while the desktop app runs'})`,
    `sync-folder         ${s.syncFolder ?? '(none)'}`,
    `sync-prompts        ${s.syncPromptTexts}`,
    `API key             ${key}`,
    `disabled-sources    ${s.disabledSources.length ? s.disabledSources.join(', ') : '(none)'}`,
    ...Object.entries(s.rates).map(([project, rate]) => `rate.${project.padEnd(15)} ${rate} per hour`),
    '',
    'Sources (the agents whose sessions tt reads, and where):',
    ...s.sessionSources.map(
      (source) =>
        `  ${source.label.padEnd(12)} ${(source.enabled ? 'on' : 'off').padEnd(4)} ` +
        `${(source.found ? 'found' : 'not found').padEnd(10)} ${source.roots.join(', ')}` +
        (source.overrideVariable ? ` (moved by $${source.overrideVariable})` : ''),
    ),
    '',
  ].join('\n');
}

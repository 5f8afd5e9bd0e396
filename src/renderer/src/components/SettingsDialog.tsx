import { useModal } from '../lib/use-modal';
import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SessionSourceInfo, SessionSourceName, Settings } from '../../../shared/api';
import { useApi } from '../api/ApiContext';
import { invalidateTopics, useSettings, useStatus } from '../api/queries';
import { explainError } from '../lib/errors';
import { useUi } from '../state/ui-store';
import { SyncMachines } from './SyncMachines';
import { DesktopSettings } from './DesktopSettings';

/** A textarea's entries, one per line. */
const nonEmptyLines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** The window has a keychain (the preload's `window.tt`); the browser dashboard does not. */
const hasKeychain = (): boolean => typeof window !== 'undefined' && window.tt !== undefined;

export function SettingsDialog() {
  const open = useUi((s) => s.settingsOpen);
  const setOpen = useUi((s) => s.setSettingsOpen);
  const dialog = useRef<HTMLDialogElement>(null);
  const settings = useSettings();

  useModal(dialog, open);

  return (
    <dialog
      ref={dialog}
      className="settings"
      aria-labelledby="settings-heading"
      onClose={() => setOpen(false)}
    >
      <header className="section-header">
        <h2 id="settings-heading">Settings</h2>
        <button
          type="button"
          className="icon-button"
          aria-label="Close settings"
          onClick={() => setOpen(false)}
        >
          ×
        </button>
      </header>
      {settings.data && open && <SettingsForm settings={settings.data} onDone={() => setOpen(false)} />}
      {open && <DesktopSettings />}
    </dialog>
  );
}

function SettingsForm({ settings, onDone }: { settings: Settings; onDone: () => void }) {
  const api = useApi();
  const client = useQueryClient();
  const status = useStatus();
  const toast = useUi((s) => s.toast);
  const [roots, setRoots] = useState(settings.projectRoots.join('\n'));
  const [model, setModel] = useState(settings.model);
  const [attention, setAttention] = useState(String(settings.attentionWindowMinutes));
  const [awayAfter, setAwayAfter] = useState(String(settings.awayAfterMinutes));
  const [exclusions, setExclusions] = useState(settings.llmExclusions.join('\n'));
  const [apiKey, setApiKey] = useState('');
  const [disabledSources, setDisabledSources] = useState(settings.disabledSources);
  const [syncFolder, setSyncFolder] = useState(settings.syncFolder ?? '');
  const [syncPrompts, setSyncPrompts] = useState(settings.syncPromptTexts);

  const save = useMutation({
    mutationFn: async () => {
      const saved = await api.updateSettings({
        projectRoots: nonEmptyLines(roots),
        llmExclusions: nonEmptyLines(exclusions),
        model: model.trim(),
        attentionWindowMinutes: Number(attention),
        awayAfterMinutes: Number(awayAfter),
        disabledSources,
        syncFolder: syncFolder.trim() === '' ? null : syncFolder.trim(),
        syncPromptTexts: syncPrompts,
      });
      if (apiKey.trim()) await api.setApiKey({ key: apiKey.trim() });
      return saved;
    },
    onSuccess: (saved) => {
      setApiKey('');
      invalidateTopics(client, ['settings']);
      const missing = saved.missingProjectRoots;
      // Saved as asked (it may be a drive not mounted yet), but said: a typo would index nothing.
      toast(
        missing.length === 0
          ? { tone: 'success', title: 'Settings saved' }
          : {
              tone: 'info',
              title: `Settings saved, but ${missing.length === 1 ? 'a projects folder does' : `${missing.length} projects folders do`} not exist`,
              detail: missing.join(', '),
              hint: 'tt indexes nothing there until the folder exists: check its spelling.',
            },
      );
      onDone();
    },
    onError: (error) => toast({ tone: 'error', ...explainError(error, 'Saving settings') }),
  });
  const removeKey = useMutation({
    mutationFn: () => api.setApiKey({ key: null }),
    onSuccess: () => {
      invalidateTopics(client, ['settings']);
      toast({ tone: 'success', title: 'API key removed' });
    },
    onError: (error) => toast({ tone: 'error', ...explainError(error, 'Removing the key') }),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <form onSubmit={submit} className="settings-form">
      <label htmlFor="settings-roots">Claude Code projects folders</label>
      <textarea
        id="settings-roots"
        rows={3}
        value={roots}
        onChange={(e) => setRoots(e.target.value)}
        placeholder={settings.effectiveProjectRoots.join('\n')}
        aria-describedby="settings-roots-help"
      />
      <p id="settings-roots-help" className="help">
        One per line. Empty means the default, now: {settings.effectiveProjectRoots.join(', ')}
      </p>
      {settings.missingProjectRoots.length > 0 && (
        <p className="help warning" role="note" data-testid="missing-roots">
          Not found: {settings.missingProjectRoots.join(', ')}
        </p>
      )}

      <SessionSources
        sources={settings.sessionSources}
        disabled={disabledSources}
        onChange={setDisabledSources}
      />

      <label htmlFor="settings-data-dir">Data directory</label>
      <input
        id="settings-data-dir"
        readOnly
        value={status.data?.dataDir ?? ''}
        aria-describedby="settings-data-help"
      />
      <p id="settings-data-help" className="help">
        Where tt keeps its database. Change it with TT_DATA_DIR or --data-dir.
      </p>

      <label htmlFor="settings-away-after">Away after (minutes without input)</label>
      <input
        id="settings-away-after"
        type="number"
        min={1}
        max={240}
        required
        value={awayAfter}
        onChange={(e) => setAwayAfter(e.target.value)}
        aria-describedby="settings-away-help"
      />
      <p id="settings-away-help" className="help">
        You count as away from when input stopped, and away time ends direct time. Recorded by:{' '}
        <span data-testid="away-source">
          {settings.awaySource ?? 'nothing here (only the desktop app records idle and away time)'}
        </span>
        .
      </p>

      {hasKeychain() ? (
        <>
          <label htmlFor="settings-key">Anthropic API key</label>
          <div className="inline-fields">
            <input
              id="settings-key"
              type="password"
              autoComplete="off"
              value={apiKey}
              onChange={(e) => setApiKey(e.target.value)}
              placeholder={settings.hasApiKey ? 'A key is set (enter a new one to replace it)' : 'sk-ant-…'}
              aria-describedby="settings-key-help"
            />
            {settings.apiKeySource === 'keychain' && (
              <button type="button" onClick={() => removeKey.mutate()}>
                Remove key
              </button>
            )}
          </div>
          <p id="settings-key-help" className="help">
            {settings.apiKeySource === 'environment' ? 'Using ANTHROPIC_API_KEY from the environment. ' : ''}
            Stored encrypted by your system keychain; tt never shows it again.
          </p>
        </>
      ) : (
        <>
          <span className="field-label">Anthropic API key</span>
          <p id="settings-key" className="help">
            {settings.hasApiKey
              ? 'Using ANTHROPIC_API_KEY from the environment that started `tt dashboard`.'
              : 'No key. In the browser dashboard the key comes from the environment: start it with ANTHROPIC_API_KEY=… tt dashboard. "Infer streams" by project needs no key.'}
          </p>
        </>
      )}

      <label htmlFor="settings-exclusions">Never send to Claude</label>
      <textarea
        id="settings-exclusions"
        rows={2}
        value={exclusions}
        onChange={(e) => setExclusions(e.target.value)}
        placeholder={'client-project\n~/work/private/**'}
        aria-describedby="settings-exclusions-help"
      />
      <p id="settings-exclusions-help" className="help">
        One per line: a project name, or a folder (path glob, ~ for your home). Their sessions keep their
        project streams and are never part of a request to Claude. Secrets in what is sent are redacted.
      </p>

      <label htmlFor="settings-sync-folder">Sync folder</label>
      <input
        id="settings-sync-folder"
        value={syncFolder}
        onChange={(e) => setSyncFolder(e.target.value)}
        placeholder="~/Sync (a Syncthing, Dropbox or iCloud folder)"
        aria-describedby="settings-sync-help"
      />
      <label className="checkbox">
        <input type="checkbox" checked={syncPrompts} onChange={(e) => setSyncPrompts(e.target.checked)} />
        Include my prompts' words
      </label>
      <p id="settings-sync-help" className="help">
        One timeline across your machines: each writes its sessions, focus events and edits there (never the
        transcripts), reads the others', every few minutes and after an edit. Use a private or encrypted
        folder.
      </p>
      <SyncMachines />

      <label htmlFor="settings-model">Model</label>
      <input
        id="settings-model"
        value={model}
        onChange={(e) => setModel(e.target.value)}
        required
        maxLength={100}
      />

      <label htmlFor="settings-attention">Attention window (minutes)</label>
      <input
        id="settings-attention"
        type="number"
        min={1}
        max={120}
        required
        value={attention}
        onChange={(e) => setAttention(e.target.value)}
        aria-describedby="settings-attention-help"
      />
      <p id="settings-attention-help" className="help">
        Direct time ends this long after your last prompt or focus change.
      </p>

      <div className="form-actions">
        <button type="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}

/** Every agent tt can read: where its sessions are, whether they were found, and a switch to skip it. */
function SessionSources({
  sources,
  disabled,
  onChange,
}: {
  sources: SessionSourceInfo[];
  disabled: SessionSourceName[];
  onChange: (disabled: SessionSourceName[]) => void;
}) {
  return (
    <fieldset className="session-sources" data-testid="session-sources">
      <legend>Agents whose sessions are indexed</legend>
      {sources.map((source) => (
        <div key={source.name} className="session-source">
          <label>
            <input
              type="checkbox"
              checked={!disabled.includes(source.name)}
              onChange={(e) =>
                onChange(
                  e.target.checked
                    ? disabled.filter((name) => name !== source.name)
                    : [...disabled, source.name],
                )
              }
            />{' '}
            {source.label}
          </label>{' '}
          <span className="help" data-testid={`session-source-${source.name}`}>
            {source.found ? 'found in ' : 'not found in '}
            {source.roots.join(', ')}
            {source.overrideVariable && <> (moved by ${source.overrideVariable})</>}
          </span>
        </div>
      ))}
    </fieldset>
  );
}

import { useEffect, useState } from 'react';
import { UPDATE_CHECK_SENDS, type DesktopApi, type DesktopState } from '../../../shared/desktop-api';

declare global {
  interface Window {
    /** The desktop app's own features; set by the preload in the Electron window only. */
    ttDesktop?: DesktopApi;
  }
}

/**
 * Settings' desktop section: start at login, the `tt` command, and the update check. Only the
 * desktop app has it (the browser dashboard has no `window.ttDesktop`); each change applies at
 * once, as the tray's items do.
 */
export function DesktopSettings() {
  const desktop = typeof window !== 'undefined' ? window.ttDesktop : undefined;
  const [state, setState] = useState<DesktopState | null>(null);
  const [said, setSaid] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);

  useEffect(() => {
    desktop
      ?.getDesktopState()
      .then(setState, (error: Error) => setSaid({ tone: 'error', text: error.message }));
  }, [desktop]);
  if (!desktop || !state) return null;

  const run = (work: () => Promise<DesktopState | { state: DesktopState; message: string } | void>): void => {
    setSaid(null);
    work().then(
      (result) => {
        if (!result) return;
        if ('message' in result) {
          setState(result.state);
          setSaid({ tone: 'ok', text: result.message });
        } else setState(result);
      },
      (error: Error & { hint?: string }) =>
        setSaid({ tone: 'error', text: error.hint ? `${error.message}. ${error.hint}` : error.message }),
    );
  };

  return (
    <fieldset className="desktop-settings" data-testid="desktop-settings">
      <legend>Desktop</legend>
      <label>
        <input
          type="checkbox"
          checked={state.startAtLogin}
          onChange={(e) => run(() => desktop.setStartAtLogin({ enabled: e.target.checked }))}
        />{' '}
        Start tt at login, in the tray
      </label>
      <div>
        {state.command.installed ? (
          <span className="help">
            The <code>tt</code> command is installed: {state.command.path}
          </span>
        ) : (
          <button type="button" onClick={() => run(() => desktop.installCommand())}>
            Install the tt command
          </button>
        )}
      </div>
      <label>
        <input
          type="checkbox"
          checked={state.checkForUpdates}
          onChange={(e) => run(() => desktop.setCheckForUpdates({ enabled: e.target.checked }))}
        />{' '}
        Look for a newer tt
      </label>
      <p className="help">
        {UPDATE_CHECK_SENDS} A newer release is offered as a link; nothing is downloaded or installed by
        itself.
        {state.lastUpdateCheck && <> Last asked {new Date(state.lastUpdateCheck).toLocaleString()}.</>}
      </p>
      {state.update && (
        <p>
          tt {state.update.version} is out (you have {state.version}).{' '}
          <button type="button" onClick={() => run(() => desktop.openDownload())}>
            Download…
          </button>
        </p>
      )}
      {state.checkForUpdates && state.releasesUrl && (
        <button type="button" onClick={() => run(() => desktop.checkForUpdatesNow())}>
          Look now
        </button>
      )}
      {said && (
        <p
          role={said.tone === 'error' ? 'alert' : 'status'}
          className={said.tone === 'error' ? 'error' : 'help'}
        >
          {said.text}
        </p>
      )}
    </fieldset>
  );
}

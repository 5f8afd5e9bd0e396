import { describe, expect, it } from 'vitest';
import { TrayController, type TrayMenuItem } from '../../src/main/electron/tray-menu';

// The tray's desktop items: start at login (a checkbox showing what is true), the tt command,
// and a newer release to download, redrawn when they change.

describe('the tray menu’s desktop items', () => {
  it('shows start at login, offers the tt command until installed, and a newer release', () => {
    let menu: TrayMenuItem[] = [];
    const state = {
      startAtLogin: false,
      command: { installed: false },
      update: null as { version: string } | null,
    };
    const clicked: string[] = [];
    const tray = new TrayController(
      { setContextMenu: (items) => (menu = items), setToolTip: () => {} },
      {
        indexNow: async () => {},
        inferStreams: async () => {},
        open: () => {},
        quit: () => {},
        hasApiKey: () => false,
        desktop: {
          state: () => state,
          toggleStartAtLogin: () => clicked.push('login'),
          installCommand: () => clicked.push('command'),
          openDownload: () => clicked.push('download'),
        },
      },
    );
    const item = (label: string) => menu.find((i) => i.label === label);
    expect(item('Start at login')).toMatchObject({ type: 'checkbox', checked: false });
    expect(item('Install the tt command')?.enabled).not.toBe(false);
    expect(menu.some((i) => i.label?.startsWith('Download'))).toBe(false);
    item('Start at login')!.click!();
    item('Install the tt command')!.click!();
    expect(clicked).toEqual(['login', 'command']);

    state.startAtLogin = true;
    state.command.installed = true;
    state.update = { version: '0.2.0' };
    tray.refresh();
    expect(item('Start at login')?.checked).toBe(true);
    expect(item('Install the tt command')).toBeUndefined();
    expect(item('The tt command is installed')?.enabled).toBe(false);
    item('Download tt 0.2.0…')!.click!();
    expect(clicked).toEqual(['login', 'command', 'download']);
    expect(menu.at(-1)?.label).toBe('Quit');
  });
});

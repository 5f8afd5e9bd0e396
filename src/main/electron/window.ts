import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { isAllowedNavigation, secureWebPreferences } from './security';

/** The one app window. Navigation away from the app and new windows are refused. */
export function createMainWindow(outDir: string, devServerUrl: string | undefined): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'tt',
    webPreferences: secureWebPreferences(join(outDir, '../preload/index.cjs')),
  });
  window.once('ready-to-show', () => window.show());

  window.webContents.setWindowOpenHandler(({ url }) => {
    // Links to the web open in the user's browser, never inside the app.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, devServerUrl)) event.preventDefault();
  });

  if (devServerUrl) void window.loadURL(devServerUrl);
  else void window.loadFile(join(outDir, '../renderer/index.html'));
  return window;
}

import { BrowserWindow } from 'electron';
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
    // The window's icon on Linux and Windows (macOS takes the app bundle's).
    icon: join(outDir, '../../resources/icon.png'),
    webPreferences: secureWebPreferences(join(outDir, '../preload/index.cjs')),
  });
  window.once('ready-to-show', () => window.show());

  // The app opens no other windows and links nowhere: a page that tries (window.open) gets nothing,
  // not even the user's browser pointed at its choice of URL.
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, devServerUrl)) event.preventDefault();
  });

  if (devServerUrl) void window.loadURL(devServerUrl);
  else void window.loadFile(join(outDir, '../renderer/index.html'));
  return window;
}

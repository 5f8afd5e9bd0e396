// The Electron main process: a thin shell around the application service.
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { resolveDataDir } from './paths';
import { TtService } from './service';
import { registerIpcHandlers } from './electron/ipc';
import { CONTENT_SECURITY_POLICY, isAppUrl } from './electron/security';
import { createMainWindow } from './electron/window';
import { describeError } from './errors';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const outDir = import.meta.dirname;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void start();
}

async function start(): Promise<void> {
  await app.whenReady();

  let service: TtService;
  try {
    service = TtService.open({ dataDir: resolveDataDir(process.env) });
  } catch (error) {
    const { dialog } = await import('electron');
    dialog.showErrorBox('tt cannot start', describeError(error));
    app.exit(3);
    return;
  }

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  registerIpcHandlers(ipcMain, service, (url) => isAppUrl(url, devServerUrl));
  service.onEvent((event) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send('tt:event', event);
  });

  let window = createMainWindow(outDir, devServerUrl);
  app.on('second-instance', () => {
    if (window.isDestroyed()) window = createMainWindow(outDir, devServerUrl);
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) window = createMainWindow(outDir, devServerUrl);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => service.close());
}

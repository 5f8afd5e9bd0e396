// The Electron main process: a thin shell around the application service.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  powerMonitor,
  safeStorage,
  session,
  shell,
  Tray,
} from 'electron';
import { join } from 'node:path';
import { resolveDataDir } from './paths';
import { INTERACTIVE_HOST, TtService } from './service';
import { registerIpcHandlers } from './electron/ipc';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from '../shared/content-security-policy';
import { isAppUrl } from './electron/security';
import { createMainWindow } from './electron/window';
import { keepInTrayOnClose } from './electron/close-to-tray';
import { SafeStorageSecretStore } from './electron/keychain-secret-store';
import { TrayController, announcingFailure, type TrayMenuItem } from './electron/tray-menu';
import { trayIconPng } from './electron/tray-icon';
import { describeError } from './errors';
import { startAwayRecorder } from './away/away-recorder';
import { DesktopController, registerDesktopIpc } from './electron/desktop';
import { START_HIDDEN_FLAG } from './electron/start-at-login';
import { latestReleaseUrl } from './electron/update-check';
import { TT_VERSION } from './version';
import packageJson from '../../package.json';
import type { ServiceEvent } from '../shared/api';

// Set by `electron-vite dev` only; an empty value means none.
const devServerUrl = process.env.ELECTRON_RENDERER_URL || undefined;
const outDir = import.meta.dirname;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void start();
}

async function start(): Promise<void> {
  await app.whenReady();

  let service: TtService;
  let dataDir: string;
  try {
    dataDir = resolveDataDir(process.env);
    service = TtService.open({
      dataDir,
      secrets: new SafeStorageSecretStore(safeStorage, dataDir),
      ...INTERACTIVE_HOST,
    });
  } catch (error) {
    dialog.showErrorBox('tt cannot start', describeError(error));
    app.exit(3);
    return;
  }
  // Permissions tightened on open: said once, where a person who started tt from a terminal sees it.
  for (const notice of service.notices) console.warn(`tt: ${notice}`);

  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [devServerUrl ? DEV_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY],
      },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  const rendererDir = join(outDir, '../renderer');
  const isTrustedSender = (url: string): boolean => isAppUrl(url, { rendererDir, devServerUrl });
  registerIpcHandlers(ipcMain, service, isTrustedSender);

  // Start at login, the tt command and the update check (Settings and the tray).
  // An AppImage runs from a new mount each time: login starts the AppImage file itself.
  const appCommand = app.isPackaged
    ? [process.env.APPIMAGE || process.execPath]
    : [process.execPath, app.getAppPath()];
  const desktop = new DesktopController({
    dataDir,
    version: TT_VERSION,
    releasesUrl: latestReleaseUrl((packageJson as { repository?: unknown }).repository),
    startAtLogin: { platform: process.platform, env: process.env, command: appCommand, loginItems: app },
    command: {
      platform: process.platform,
      env: process.env,
      electronExecutable: process.execPath,
      cliScript: join(app.getAppPath(), 'bin', 'tt.js'),
      launcherDir: join(dataDir, 'bin'),
    },
    fetch: globalThis.fetch,
    now: () => Date.now(),
    openExternal: (url) => shell.openExternal(url),
  });
  registerDesktopIpc(ipcMain, desktop, isTrustedSender);
  const checkForUpdates = (): void => void desktop.checkIfDue();
  checkForUpdates();
  // Asked hourly whether a day has passed; the check itself runs at most once a day.
  const updateTimer = setInterval(checkForUpdates, 60 * 60 * 1000);
  updateTimer.unref();
  service.onEvent((event) => {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send('tt:event', event);
  });
  // The CLI's writes, spooled focus events and new transcripts reach open views by themselves;
  // "Index now" is for when you don't want to wait.
  const stopBackgroundWork = await service.startBackgroundWork((doing, error) =>
    console.warn(`tt: ${doing} failed: ${String(error)}`),
  );

  // Idle, lock and suspend end direct time; they are recorded while the app runs.
  const away = startAwayRecorder({
    powerMonitor,
    platform: process.platform,
    env: process.env,
    now: () => Date.now(),
    thresholdMs: () => service.awayThresholdMs(),
    record: (marks) => service.recordAway(marks),
  });
  service.setAwaySource(away.source);

  let quitting = false;
  // Started at login: in the tray only, the window made when first opened.
  const startHidden =
    process.argv.includes(START_HIDDEN_FLAG) ||
    (process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
  let window: BrowserWindow | null = startHidden ? null : openWindow();
  function openWindow(): BrowserWindow {
    const created = createMainWindow(outDir, devServerUrl);
    keepInTrayOnClose(created, () => quitting);
    return created;
  }
  function showWindow(): void {
    if (!window || window.isDestroyed()) window = openWindow();
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }

  const emit = (event: ServiceEvent): void => service.announce(event);
  const icon = nativeImage.createFromBuffer(trayIconPng(32), { scaleFactor: 2 });
  icon.setTemplateImage(true);
  const tray = new Tray(icon);
  const trayController = new TrayController(
    {
      setContextMenu: (items: TrayMenuItem[]) => tray.setContextMenu(Menu.buildFromTemplate(items)),
      setToolTip: (text) => tray.setToolTip(text),
    },
    {
      indexNow: () => announcingFailure(emit, 'index', () => service.indexSessions()),
      inferStreams: (mode) => announcingFailure(emit, 'infer', () => service.inferStreams({ mode })),
      open: showWindow,
      quit: () => {
        quitting = true;
        app.quit();
      },
      hasApiKey: () => service.hasApiKey(),
      desktop: {
        state: () => desktop.state(),
        toggleStartAtLogin: () => {
          const enabled = !desktop.state().startAtLogin;
          desktop.setStartAtLogin({ enabled }).catch((error: unknown) => {
            trayController.refresh(); // the checkbox goes back to what is true
            dialog.showErrorBox('tt: start at login', describeError(error));
          });
        },
        installCommand: () => {
          desktop.installCommand().then(
            ({ message }) => void dialog.showMessageBox({ type: 'info', title: 'tt', message }),
            (error: unknown) => dialog.showErrorBox('tt: the tt command', describeError(error)),
          );
        },
        openDownload: () => void desktop.openDownload().catch(() => trayController.refresh()),
      },
    },
  );
  desktop.onChange(() => trayController.refresh());
  service.onEvent((event) => trayController.onServiceEvent(event));
  tray.on('click', showWindow);

  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  // Closing the last window keeps tt in the tray; only Quit (or the OS) ends it.
  app.on('window-all-closed', () => {});
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', () => {
    clearInterval(updateTimer);
    stopBackgroundWork();
    away.stop();
    tray.destroy();
    service.close();
  });
}

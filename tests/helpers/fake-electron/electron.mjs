// A stand-in for the `electron` module, for running the built main process (out/main/index.js)
// under plain Node where the Electron binary cannot be had. It implements only what tt's main
// process calls, records what the app does, and drives one scripted session: ask the service
// over IPC, click the tray's "Index now", close the window, and Quit. Each observation is one
// JSON line on stdout: {"step": …, …}.
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const log = (step, data = {}) => process.stdout.write(`${JSON.stringify({ step, ...data })}\n`);
const appHandlers = new Map();
const ipcHandlers = new Map();
const windows = [];
const sent = [];
let trayMenu = [];
let loadedFile = null;

let loginItem = { openAtLogin: false };
export const app = {
  isPackaged: false,
  getAppPath: () => process.cwd(),
  getLoginItemSettings: () => ({ ...loginItem, wasOpenedAtLogin: false }),
  setLoginItemSettings: (settings) => (loginItem = settings),
  requestSingleInstanceLock: () => true,
  whenReady: () => Promise.resolve(),
  on(event, handler) {
    appHandlers.set(event, [...(appHandlers.get(event) ?? []), handler]);
  },
  quit() {
    for (const event of ['before-quit', 'will-quit']) for (const h of appHandlers.get(event) ?? []) h();
    log('quit');
    setTimeout(() => process.exit(0), 10);
  },
  exit(code) {
    log('exit', { code });
    process.exit(code);
  },
};

export class BrowserWindow {
  constructor(options) {
    this.handlers = new Map();
    this.hidden = false;
    const prefs = options.webPreferences ?? {};
    log('window', {
      webPreferences: { ...prefs, preload: undefined },
      preloadExists: existsSync(prefs.preload ?? ''),
      iconExists: existsSync(options.icon ?? ''),
      preload: prefs.preload,
    });
    this.webContents = {
      setWindowOpenHandler: (handler) =>
        log('window-open-handler', { answer: handler({ url: 'https://x.example/' }) }),
      on: () => {},
      send: (channel, payload) => sent.push({ channel, payload }),
    };
    windows.push(this);
  }
  once(event, handler) {
    if (event === 'ready-to-show') setTimeout(handler, 0);
  }
  on(event, handler) {
    this.handlers.set(event, handler);
  }
  loadFile(path) {
    loadedFile = path;
    log('load-file', { path, exists: existsSync(path) });
    return Promise.resolve();
  }
  loadURL(url) {
    log('load-url', { url });
    return Promise.resolve();
  }
  show() {
    this.hidden = false;
  }
  hide() {
    this.hidden = true;
  }
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  isDestroyed() {
    return false;
  }
  static getAllWindows() {
    return windows;
  }
}

export const ipcMain = {
  handle(channel, handler) {
    ipcHandlers.set(channel, handler);
  },
  removeHandler(channel) {
    ipcHandlers.delete(channel);
  },
};

/** Idle time as the scenario sets it; lock/suspend events are emitted by the scenario. */
let idleSeconds = 0;
export const powerMonitor = Object.assign(new EventEmitter(), {
  getSystemIdleTime: () => idleSeconds,
});

export const Menu = { buildFromTemplate: (items) => items };
export const nativeImage = { createFromBuffer: () => ({ setTemplateImage() {} }) };
export const safeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (text) => Buffer.from(`sealed:${text}`),
  decryptString: (buffer) => buffer.toString().slice('sealed:'.length),
};
export const session = {
  defaultSession: {
    webRequest: {
      onHeadersReceived: (handler) => log('csp-hook', { installed: typeof handler === 'function' }),
    },
    setPermissionRequestHandler: () => {},
  },
};
export const dialog = {
  showErrorBox: (title, message) => log('error-box', { title, message }),
  showMessageBox: (options) => {
    log('message-box', { message: options.message });
    return Promise.resolve({ response: 0 });
  },
};
export const shell = { openExternal: (url) => log('open-external', { url }) };

export class Tray {
  constructor() {
    setTimeout(() => void scenario(), 50);
  }
  setContextMenu(items) {
    trayMenu = items;
  }
  setToolTip() {}
  on() {}
  destroy() {}
}

const waitFor = async (check, what) => {
  const until = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
const invoke = (channel, url, ...args) => ipcHandlers.get(channel)({ senderFrame: { url } }, ...args);
const labels = () => trayMenu.filter((item) => item.label).map((item) => item.label);

/** Started at login (`--hidden`): tt is in the tray with no window until "Open tt". */
async function hiddenScenario() {
  log('hidden-start', { windows: windows.length, labels: labels() });
  trayMenu.find((item) => item.label === 'Open tt').click();
  log('opened', { windows: windows.length, hidden: windows[0]?.hidden });
  trayMenu.find((item) => item.label === 'Quit').click();
}

async function scenario() {
  if (process.argv.includes('--hidden')) return hiddenScenario();
  try {
    log('ipc-channels', { channels: [...ipcHandlers.keys()].sort() });
    // The page the window loaded is the one the service must answer; nothing else is.
    const appUrl = pathToFileURL(loadedFile).href;
    log('status', { result: await invoke('tt:status', appUrl) });
    log('untrusted', { result: await invoke('tt:status', 'https://evil.example/') });
    log('other-file', { result: await invoke('tt:status', 'file:///tmp/evil.html') });
    log('bad-args', { result: await invoke('tt:renameStream', appUrl, { id: 'x', name: '' }) });
    log('tray-menu', { labels: labels() });
    // The desktop-only features answer on their own channels, to the app's page only.
    log('desktop-state', { result: await invoke('tt-desktop:getDesktopState', appUrl) });
    log('desktop-untrusted', { result: await invoke('tt-desktop:getDesktopState', 'https://evil.example/') });
    log('desktop-bad-args', {
      result: await invoke('tt-desktop:setStartAtLogin', appUrl, { enabled: 'yes' }),
    });
    // The folder to index, set the way the Settings dialog does (the app starts with none).
    log('settings', {
      result: await invoke('tt:updateSettings', appUrl, {
        projectRoots: [process.env.FAKE_ELECTRON_PROJECTS],
      }),
    });

    const menuLabelsSeen = new Set();
    const progress = setInterval(() => labels().forEach((label) => menuLabelsSeen.add(label)), 1);
    trayMenu.find((item) => item.label === 'Index now').click();
    await waitFor(
      () => sent.some((s) => s.payload?.type === 'task-finished' && s.payload.task === 'index'),
      'index',
    );
    clearInterval(progress);
    const finished = sent.find((s) => s.payload?.type === 'task-finished');
    log('indexed', {
      summary: finished.payload.summary,
      sessions: (await invoke('tt:status', appUrl)).value.counts.sessions,
      labelsSeen: [...menuLabelsSeen],
    });

    // Away time: the screen locks and unlocks, the machine sleeps and wakes.
    powerMonitor.emit('lock-screen');
    await new Promise((resolve) => setTimeout(resolve, 5));
    powerMonitor.emit('unlock-screen');
    await new Promise((resolve) => setTimeout(resolve, 5));
    powerMonitor.emit('suspend');
    await new Promise((resolve) => setTimeout(resolve, 5));
    powerMonitor.emit('resume');
    const away = (await invoke('tt:listEvents', appUrl, {})).value.filter((e) => e.type.startsWith('idle'));
    log('away', {
      events: away.map((e) => [e.type, e.detail]),
      source: (await invoke('tt:getSettings', appUrl)).value.awaySource,
    });

    let prevented = false;
    windows[0].handlers.get('close')({ preventDefault: () => (prevented = true) });
    log('closed', { prevented, hidden: windows[0].hidden });

    trayMenu.find((item) => item.label === 'Quit').click();
  } catch (error) {
    log('scenario-failed', { message: String(error?.stack ?? error) });
    process.exit(1);
  }
}

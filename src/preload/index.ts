// The bridge: exposes `window.tt`, a typed TtApi, and `window.ttDesktop`, the desktop app's own
// features (start at login, the tt command, updates), and nothing else. The renderer never sees
// ipcRenderer itself, so it cannot send on any other channel.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { apiMethodNames } from '../shared/api-methods';
import type { ServiceEvent } from '../shared/api';
import { DESKTOP_IPC_PREFIX, desktopMethodNames } from '../shared/desktop-methods';
import { createPreloadBridge, ipcMethods } from './bridge';

contextBridge.exposeInMainWorld(
  'tt',
  createPreloadBridge(apiMethodNames, {
    // eslint-disable-next-line no-restricted-syntax -- an API call's arguments: at most one
    invoke: (channel, ...args) => ipcRenderer.invoke(channel, ...args),
    subscribe: (listener) => {
      const handler = (_event: IpcRendererEvent, payload: ServiceEvent): void => listener(payload);
      ipcRenderer.on('tt:event', handler);
      return () => ipcRenderer.removeListener('tt:event', handler);
    },
  }),
);

// eslint-disable-next-line no-restricted-syntax -- an API call's arguments: at most one
const invokeDesktop = (channel: string, ...args: unknown[]) => ipcRenderer.invoke(channel, ...args);
contextBridge.exposeInMainWorld(
  'ttDesktop',
  ipcMethods(desktopMethodNames, DESKTOP_IPC_PREFIX, invokeDesktop),
);

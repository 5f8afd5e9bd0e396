// Kept free of dependencies: the sandboxed preload bundles this list and nothing else.
export const desktopMethodNames = [
  'getDesktopState',
  'setStartAtLogin',
  'installCommand',
  'setCheckForUpdates',
  'checkForUpdatesNow',
  'openDownload',
] as const;

export type DesktopMethodName = (typeof desktopMethodNames)[number];

/** The IPC channels of the desktop-only methods: `tt-desktop:<method>`. */
export const DESKTOP_IPC_PREFIX = 'tt-desktop:';

import { z } from 'zod';
import type { DesktopMethodName } from './desktop-methods';

// The desktop-only methods' arguments, validated in the main process before anything runs
// (kept apart from desktop-api.ts so that the renderer, which reads its words, bundles no zod).

const none = z.tuple([]);
const toggle = z.tuple([z.object({ enabled: z.boolean() }).strict()]);

export const desktopInputSchemas: Record<DesktopMethodName, z.ZodType<unknown[]>> = {
  getDesktopState: none,
  setStartAtLogin: toggle,
  installCommand: none,
  setCheckForUpdates: toggle,
  checkForUpdatesNow: none,
  openDownload: none,
};

import { spawn } from 'node:child_process';

/** The platform's "open this URL" command. */
export function browserOpener(platform: NodeJS.Platform): {
  command: string;
  args: (url: string) => string[];
} {
  if (platform === 'darwin') return { command: 'open', args: (url) => [url] };
  if (platform === 'win32') return { command: 'cmd', args: (url) => ['/c', 'start', '""', url] };
  return { command: 'xdg-open', args: (url) => [url] };
}

/** Opens the URL in the default browser, detached; failure is fine (the URL is printed). */
export function openInBrowser(url: string, platform: NodeJS.Platform = process.platform): void {
  const opener = browserOpener(platform);
  try {
    const child = spawn(opener.command, opener.args(url), { detached: true, stdio: 'ignore' });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No browser opener on this machine: the person can copy the printed URL.
  }
}

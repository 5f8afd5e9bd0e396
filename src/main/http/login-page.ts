import { closeSync, constants, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { PRIVATE_FILE_MODE } from '../private-files';

// The browser opener's way in. A URL given to `xdg-open` is on its command line, which every
// local user can read in /proc while it runs, and could be used first. So the opener is given
// a path instead: a private page (0600, in the 0700 data dir) that POSTs the one-time token
// to the dashboard, as Jupyter does. The page is removed once the token is used, or when the
// dashboard stops.

/** Writes the login page for `token`; returns its path. Never follows or reuses a file. */
export function writeLoginPage(dataDir: string, loginUrl: string, token: string): string {
  const path = join(dataDir, `dashboard-login-${randomBytes(6).toString('hex')}.html`);
  const fd = openSync(
    path,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    PRIVATE_FILE_MODE,
  );
  try {
    writeSync(fd, loginPageHtml(loginUrl, token));
  } finally {
    closeSync(fd);
  }
  return path;
}

export function removeLoginPage(path: string): void {
  rmSync(path, { force: true });
}

function loginPageHtml(loginUrl: string, token: string): string {
  return `<!doctype html>
<html lang="en"><meta charset="utf-8"><title>Opening tt…</title>
<form id="login" method="POST" action="${loginUrl}">
<input type="hidden" name="token" value="${token}">
<p>Opening the tt dashboard… <button type="submit">Open it</button></p>
</form>
<script>document.getElementById('login').submit();</script>
</html>
`;
}

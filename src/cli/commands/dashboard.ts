import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { resolveDataDir } from '../../main/paths';
import { INTERACTIVE_HOST, TtService } from '../../main/service';
import { TtError } from '../../main/errors';
import { printNotices, type GlobalOptions } from '../context';

/** The renderer that `npm run build` writes next to this CLI bundle (out/main/cli.js). */
const RENDERER_DIR = join(import.meta.dirname, '../renderer');

export function registerDashboardCommand(program: Command): void {
  program
    .command('dashboard')
    .description('serve the tt app to your browser on 127.0.0.1, behind one-time login URLs')
    .option('--port <port>', 'the port to listen on (default: any free port)', parsePort)
    .option('--no-open', 'print the URL but do not open a browser')
    .option('--url', 'print a fresh one-time login URL for the dashboard already running, and exit')
    .action(async (options: { port?: number; open: boolean; url?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const dataDir = resolveDataDir(process.env, globals.dataDir);
      if (options.url) {
        const { requestLoginUrl } = await import('../../main/http/dashboard-state');
        const { LOGIN_LINK_PATH } = await import('../../main/http/dashboard-server');
        process.stdout.write(`${await requestLoginUrl(dataDir, LOGIN_LINK_PATH)}\n`);
        process.stdout.write('It opens the dashboard once, within 60 seconds.\n');
        return;
      }
      // TT_RENDERER_DIR serves another build (tests use it to stand for a missing one).
      const rendererDir = process.env.TT_RENDERER_DIR ?? RENDERER_DIR;
      if (!existsSync(join(rendererDir, 'index.html'))) {
        throw new TtError(
          'storage',
          `the app is not built: ${join(rendererDir, 'index.html')} is missing`,
          'run `npm run build` in the tt folder, then try again',
        );
      }
      // Loaded here so that other commands (the tmux hook runs one per focus change) never pay for them.
      const { startDashboardServer, LOGIN_PATH } = await import('../../main/http/dashboard-server');
      const { openInBrowser } = await import('../../main/http/open-browser');
      const { writeLoginPage, removeLoginPage } = await import('../../main/http/login-page');
      const { LOGIN_LINK_TTL_MS } = await import('../../main/http/auth');
      const { dashboardSecret } = await import('../../main/http/dashboard-secret');
      const { writeDashboardState, removeDashboardState } = await import('../../main/http/dashboard-state');
      const service = TtService.open({ dataDir, ...INTERACTIVE_HOST });
      printNotices(service.notices);
      // On a fixed port, pages left open keep their cookie and reconnect to the next run; on any
      // free port they cannot. The login URLs stay one-time either way.
      const secret = options.port ? dashboardSecret(dataDir) : undefined;
      // The browser opener's private login page, removed once its token is used (or spent).
      let loginPage: { path: string; token: string } | null = null;
      const removePage = (): void => {
        if (loginPage !== null) removeLoginPage(loginPage.path);
        loginPage = null;
      };
      let server;
      try {
        server = await startDashboardServer({
          api: service,
          rendererDir,
          port: options.port ?? 0,
          secret,
          onLogin: (token) => {
            if (token === loginPage?.token) removePage();
          },
        });
      } catch (error) {
        service.close();
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') {
          throw new TtError(
            'input',
            `port ${options.port} is already in use`,
            'pick another with --port, or omit it',
          );
        }
        throw error;
      }
      const stopBackgroundWork = await service.startBackgroundWork((doing, error) =>
        process.stderr.write(`tt: ${doing} failed: ${String(error)}\n`),
      );

      writeDashboardState(dataDir, { pid: process.pid, port: server.port, secret: server.secret });
      // Listening for Ctrl-C before saying it works, so that a quick one still stops cleanly.
      // A second Ctrl-C (or a stop that hangs) ends the process at once, whatever is still running.
      const stopped = new Promise<void>((resolve) => {
        const stop = (): void => {
          resolve();
          process.once('SIGINT', () => process.exit(130));
          setTimeout(() => process.exit(0), STOP_GRACE_MS).unref();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });

      process.stdout.write(`tt dashboard is running at ${server.url}\n`);
      process.stdout.write(
        'That URL opens it once, within 60 seconds; `tt dashboard --url`' +
          (process.stdin.isTTY ? ' or Enter here' : '') +
          ' prints a fresh one.\nPress Ctrl-C to stop it.\n',
      );
      // The opener's command line is visible to every local user (/proc): it gets the path of a
      // private page that POSTs a token of its own, never a URL with a token in it.
      if (options.open) {
        const token = server.newLoginToken();
        loginPage = {
          path: writeLoginPage(dataDir, `http://127.0.0.1:${server.port}${LOGIN_PATH}`, token),
          token,
        };
        openInBrowser(loginPage.path);
        setTimeout(removePage, LOGIN_LINK_TTL_MS).unref();
      }
      const onKey = (): void => {
        process.stdout.write(`${server.newLoginUrl()}\n`);
      };
      if (process.stdin.isTTY) process.stdin.on('data', onKey);

      await stopped;
      if (process.stdin.isTTY) {
        process.stdin.off('data', onKey);
        process.stdin.pause();
      }
      removeDashboardState(dataDir, process.pid);
      removePage();
      stopBackgroundWork();
      await server.close();
      service.close();
      // Work the stop could not interrupt (a read blocked in a worker) must not keep tt alive.
      await new Promise<void>((resolve) => process.stdout.write('tt dashboard stopped.\n', () => resolve()));
      process.exit(0);
    });
}

/** How long stopping may take before the process ends anyway. */
const STOP_GRACE_MS = 5_000;

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new TtError('input', `--port must be a number from 0 to 65535, not "${value}"`);
  }
  return port;
}

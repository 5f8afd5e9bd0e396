import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { resolveDataDir } from '../../main/paths';
import { INTERACTIVE_HOST, TtService } from '../../main/service';
import { TtError } from '../../main/errors';
import type { GlobalOptions } from '../context';

/** The renderer that `npm run build` writes next to this CLI bundle (out/main/cli.js). */
const RENDERER_DIR = join(import.meta.dirname, '../renderer');

export function registerDashboardCommand(program: Command): void {
  program
    .command('dashboard')
    .description('serve the tt app to your browser on 127.0.0.1, with a per-run token')
    .option('--port <port>', 'the port to listen on (default: any free port)', parsePort)
    .option('--no-open', 'print the URL but do not open a browser')
    .action(async (options: { port?: number; open: boolean }, command: Command) => {
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
      const { startDashboardServer } = await import('../../main/http/dashboard-server');
      const { openInBrowser } = await import('../../main/http/open-browser');
      const { dashboardSecret } = await import('../../main/http/dashboard-secret');
      const { watchDatabase } = await import('../../main/live/database-watcher');
      const { BACKGROUND_INDEX_INTERVAL_MS, EVENT_IMPORT_INTERVAL_MS, runPeriodically } =
        await import('../../main/live/periodic');
      const globals = command.optsWithGlobals<GlobalOptions>();
      const dataDir = resolveDataDir(process.env, globals.dataDir);
      const service = TtService.open({ dataDir, ...INTERACTIVE_HOST });
      // On a fixed port, pages left open reconnect to the next run; on any free port they cannot.
      const token = options.port ? dashboardSecret(dataDir) : undefined;
      let server;
      try {
        server = await startDashboardServer({ api: service, rendererDir, port: options.port ?? 0, token });
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
      const stopWatching = watchDatabase(service.db, (event) => service.ctx.emit(event));
      const stopImporting = runPeriodically(() => service.importEvents(), {
        intervalMs: EVENT_IMPORT_INTERVAL_MS,
        onError: (error) => process.stderr.write(`tt: importing focus events failed: ${String(error)}\n`),
      });
      const stopIndexing = runPeriodically(() => service.indexInBackground(), {
        intervalMs: BACKGROUND_INDEX_INTERVAL_MS,
        onError: (error) => process.stderr.write(`tt: indexing sessions failed: ${String(error)}\n`),
      });

      process.stdout.write(`tt dashboard is running at ${server.url}\n`);
      process.stdout.write('Press Ctrl-C to stop it.\n');
      if (options.open) openInBrowser(server.url);

      await new Promise<void>((resolve) => {
        const stop = (): void => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      stopImporting();
      stopIndexing();
      stopWatching();
      await server.close();
      service.close();
      process.stdout.write('tt dashboard stopped.\n');
    });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new TtError('input', `--port must be a number from 0 to 65535, not "${value}"`);
  }
  return port;
}

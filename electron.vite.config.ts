import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// One build produces everything: the Electron main process, the `tt` command line and the
// session-parsing worker (all Node-side, in out/main), the sandboxed preload (CommonJS, as
// sandboxed preloads require) and the renderer that both the window and `tt dashboard` serve.
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          cli: resolve('src/cli/main.ts'),
          'session-worker': resolve('src/main/sessions/parse-worker.ts'),
          ingest: resolve('src/cli/ingest-main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    build: {
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
    plugins: [react()],
  },
});

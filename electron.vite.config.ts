import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

/**
 * index.html declares the strict CSP of the built app. Vite's dev server injects CSS as
 * <style> elements, so while serving (only then) the page allows inline styles.
 */
function allowInlineStylesWhileServing(): Plugin {
  return {
    name: 'tt-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html.replace("style-src 'self';", "style-src 'self' 'unsafe-inline';"),
  };
}

// One build produces everything: the Electron main process, the `tt` command line and the
// session-parsing worker (all Node-side, in out/main), the sandboxed preload (CommonJS, as
// sandboxed preloads require) and the renderer that both the window and `tt dashboard` serve.
export default defineConfig({
  main: {
    build: {
      // Pure-JS dependencies are bundled: resolving their hundreds of ESM files cost every `tt`
      // command about 0.3 s before it did anything. Native (better-sqlite3), Electron and the
      // lazily loaded Anthropic SDK stay external.
      externalizeDeps: { exclude: ['commander', 'zod', 'execa', 'date-fns', 'cli-progress'] },
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
      // Minified: the page parses a third as much script before it can ask for its first range.
      minify: true,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
    plugins: [react(), allowInlineStylesWhileServing()],
  },
});

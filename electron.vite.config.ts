import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { HtmlTagDescriptor, Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The history's checkpoint thread runs from a file of its own, plain JavaScript so the same file
 * runs under the tests (from main/core/store) and in the build (from out/main): copied as is.
 */
function checkpointWorker(): Plugin {
  return {
    name: 'flowent:checkpoint-worker',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'checkpoint-worker.cjs',
        source: readFileSync(resolve(__dirname, 'main/core/store/checkpoint-worker.cjs'), 'utf8'),
      });
    },
  };
}

/**
 * The page's parts loaded when first shown (the dialogs, the editor) are fetched once the page
 * is idle, into the browser's cache: the inspector's page comes from the command, and a dialog
 * first opened while the command is restarting would otherwise fail to load, and a browser keeps
 * a failed module load until the page is reloaded. Only fetched, not run: first paint and the
 * page's memory stay as they were.
 */
function prefetchLaterParts(): Plugin {
  return {
    name: 'flowent:prefetch-later-parts',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        if (!bundle) return [];
        const chunks = Object.values(bundle).filter((file) => file.type === 'chunk');
        const atFirstPaint = new Set<string>();
        const addWithImports = (fileName: string) => {
          if (atFirstPaint.has(fileName)) return;
          atFirstPaint.add(fileName);
          const chunk = chunks.find((c) => c.fileName === fileName);
          for (const imported of chunk?.imports ?? []) addWithImports(imported);
        };
        for (const entry of chunks.filter((c) => c.isEntry)) addWithImports(entry.fileName);
        return chunks
          .filter((c) => !atFirstPaint.has(c.fileName))
          .map((c): HtmlTagDescriptor => ({ tag: 'link', attrs: { rel: 'prefetch', href: `./${c.fileName}` }, injectTo: 'head' }));
      },
    },
  };
}

/**
 * Rolldown warns when plugins take much of a build's time: on a busy machine a clean build of
 * sound code printed a block of plugin timings before `npm run serve`'s own lines. Nothing to
 * act on, so not said; each build's rolldownOptions carries this.
 */
const QUIET_CHECKS = { bundlerTimings: false };

// Main holds both programs that run the core: the desktop app (index) and the headless command
// (cli, with run-cli for the test-only entry that points the tunnel at a stand-in edge). They
// share one set of chunks, so the app and the command run the same built core; the command
// loads each command's chunk only when that command runs. The renderer is a normal web app
// rooted in renderer/ so the same build can be served to a browser by the headless command.
export default defineConfig({
  main: {
    plugins: [checkpointWorker()],
    build: {
      // The command runs on the user's Node (package.json's engines), older than Electron's.
      target: 'node20.19',
      lib: {
        entry: {
          index: resolve(__dirname, 'main/index.ts'),
          cli: resolve(__dirname, 'main/cli/flowent-companion.ts'),
          'run-cli': resolve(__dirname, 'main/cli/run-cli.ts'),
          // The call checker's thread is its own entry (see main/core/webhook/call-checker.ts).
          'call-check-worker': resolve(__dirname, 'main/core/webhook/call-check-worker.ts'),
        },
      },
      rolldownOptions: {
        checks: QUIET_CHECKS,
        // Every chunk directly in out/main: code that finds the renderer (../renderer) or a
        // worker (./checkpoint-worker.cjs, ./call-check-worker.js) next to itself finds it from any chunk.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      lib: { entry: resolve(__dirname, 'preload/index.ts') },
      rolldownOptions: { checks: QUIET_CHECKS },
    },
  },
  renderer: {
    root: 'renderer',
    // Relative asset paths: the same build loads from file:// in the desktop window and from
    // the headless command's inspector over http.
    base: './',
    plugins: [react(), prefetchLaterParts()],
    build: {
      // electron-vite leaves the renderer unminified; the inspector is also served to
      // browsers, where bundle size is first-paint time.
      minify: true,
      rolldownOptions: {
        checks: QUIET_CHECKS,
        input: resolve(__dirname, 'renderer/index.html'),
      },
    },
  },
});

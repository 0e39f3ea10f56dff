import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Main and preload are libraries with one entry each; the renderer is a normal web app
// rooted in renderer/ so the same build can be served to a browser by the headless command.
export default defineConfig({
  main: {
    build: {
      // The call checker's thread is its own entry, built beside index.js (see call-checker.ts).
      lib: {
        entry: {
          index: resolve(__dirname, 'main/index.ts'),
          'call-check-worker': resolve(__dirname, 'main/core/webhook/call-check-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      lib: { entry: resolve(__dirname, 'preload/index.ts') },
    },
  },
  renderer: {
    root: 'renderer',
    // Relative asset paths: the same build loads from file:// in the desktop window and from
    // the headless command's inspector over http.
    base: './',
    plugins: [react()],
    build: {
      // electron-vite leaves the renderer unminified; the inspector is also served to
      // browsers, where bundle size is first-paint time.
      minify: true,
      rolldownOptions: {
        input: resolve(__dirname, 'renderer/index.html'),
      },
    },
  },
});

// Types for electron-vite's import suffixes in main (`./assets/icon.png?asset` resolves to the
// file's path in the build output).
/// <reference types="electron-vite/node" />

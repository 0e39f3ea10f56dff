#!/usr/bin/env node
// The headless command runs the TypeScript sources directly (through tsx), so what the
// command runs is always what the tests exercised; no separate build step to forget.
require('tsx/cjs');
const { runCli } = require('./run-cli.ts');

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error('flowent-companion: unexpected failure:', error);
    process.exitCode = 1;
  },
);

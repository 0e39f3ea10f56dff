#!/usr/bin/env node
// The headless command's entry, built to out/main/cli.js (the package's bin). It loads the
// command line's dispatcher only; each command is loaded when it runs.
import { runAsProcess } from './run-cli';

runAsProcess(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });

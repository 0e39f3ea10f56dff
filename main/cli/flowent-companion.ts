#!/usr/bin/env -S node --min-semi-space-size=32 --max-semi-space-size=32
// The headless command's entry, built to out/main/cli.js (the package's bin). It loads the
// command line's dispatcher only; each command is loaded when it runs.
//
// The young generation is set to 32 MB a half (V8 sizes it at 16 MB and does not grow it
// under a steady load): `serve` allocates about 90 KB per call, so at 300 calls/s the default
// size is collected twice a second, and what a call in flight holds at that moment is copied,
// then promoted, and later costs a full collection. Twice the size halves the scavenges and
// what is promoted, for about 30 MB more memory under load. The flags sit in the shebang
// because V8 reads them only when it starts: `env -S` splits them on Linux and macOS, and
// npm's Windows shims read them from this line too.
import { runAsProcess } from './run-cli';

runAsProcess(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });

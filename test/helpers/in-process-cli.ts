import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll } from 'vitest';
import { runCli } from '../../main/cli/run-cli';
import type { CliIo } from '../../main/cli/cli-io';
import { DATA_DIR_ENV } from '../../main/core';

/**
 * The history folder of commands run in this process without --data-dir or a folder in their
 * environment: one per test file, never the machine's own (which another build of the
 * companion may have moved to a newer schema, or which a developer uses).
 */
let ownDataDir: string | null = null;
function dataDirOfThisFile(): string {
  ownDataDir ??= mkdtempSync(join(tmpdir(), 'fc-default-data-'));
  return ownDataDir;
}
// Removed after the file's tests (this module is loaded afresh for each test file). A process
// 'exit' handler never ran: the test runner ends its worker processes without that event.
afterAll(() => {
  if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
  ownDataDir = null;
});

/** Runs one command line in this process, as the bin would, and collects what it printed. */
export async function runInProcess(
  args: string[],
  io: Omit<CliIo, 'stdout' | 'stderr'>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const env = DATA_DIR_ENV in io.env ? io.env : { ...io.env, [DATA_DIR_ENV]: dataDirOfThisFile() };
  const code = await runCli(args, { ...io, env, stdout, stderr });
  return { code, stdout: out, stderr: err };
}

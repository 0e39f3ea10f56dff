import { PassThrough } from 'node:stream';
import { runCli } from '../../main/cli/run-cli';
import type { CliIo } from '../../main/cli/cli-io';

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
  const code = await runCli(args, { ...io, stdout, stderr });
  return { code, stdout: out, stderr: err };
}

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';

export const CLI = resolve(__dirname, '../../main/cli/flowent-companion.cjs');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real command to completion. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

export interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  baseUrl: string;
  /** The printed inspector URL with its #token=, when the inspector runs. */
  inspectorUrl: string | null;
  /** Everything printed so far. */
  output(): string;
  /** Resolves when `pattern` appears in the output. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

/** Starts `serve` and waits until it prints its webhook URL. */
export async function startServe(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  // Parallel test files must not fight over the default inspector port.
  const withInspectorPort =
    args.includes('--inspector-port') || args.includes('--no-inspector') ? args : [...args, '--inspector-port', '0'];
  const child = spawn(process.execPath, [CLI, 'serve', ...withInspectorPort], { env: { ...process.env, ...env } });
  let output = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    waiters.forEach((check) => check());
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((resolveExit) => child.on('close', (code) => resolveExit(code)));
  const waitFor = (pattern: RegExp, timeoutMs = 30_000) =>
    new Promise<RegExpMatchArray>((resolveMatch, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${pattern}; output so far:\n${output}`));
      }, timeoutMs);
      const check = () => {
        const match = output.match(pattern);
        if (match) {
          clearTimeout(timer);
          waiters.delete(check);
          resolveMatch(match);
        }
      };
      waiters.add(check);
      check();
    });
  // The last line of the banner: from here on the command is ready and handles Ctrl-C.
  await waitFor(/Press Ctrl-C to stop\./);
  const [, baseUrl] = await waitFor(/Webhook URL: +(http:\/\/\S+?)\/actions\/<action_name>/);
  const inspectorUrl = output.match(/Inspector: +(http:\/\/\S+)/)?.[1] ?? null;
  return { child, baseUrl: baseUrl ?? '', inspectorUrl, output: () => output, waitFor, exited };
}

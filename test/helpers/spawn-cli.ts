import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** The built command, as the package's bin runs it (`npm test` builds first). */
export const CLI = resolve(__dirname, '../../out/main/cli.js');
/** The same command with its tunnel pointed at a stand-in edge (see the file). */
const CLI_THROUGH_FAKE_EDGE = resolve(__dirname, 'cli-through-fake-edge.cjs');
const FAKE_EDGE_CA = resolve(__dirname, '../fixtures/ngrok-edge/test-ca.pem');

/** What to spawn for one command line: the checkout's build, an installed bin, or the test entry point with a fake edge. */
function commandLine(args: string[], options: ServeOptions): { file: string; args: string[] } {
  if (options.bin !== undefined) return { file: options.bin, args };
  if (!existsSync(CLI)) throw new Error(`The command is not built (${CLI}): run "npm run build" (npm test does it first).`);
  const script = options.ngrokEdge === undefined ? [CLI] : [CLI_THROUGH_FAKE_EDGE, options.ngrokEdge, FAKE_EDGE_CA];
  const preload = options.preload === undefined ? [] : ['-r', options.preload];
  return { file: process.execPath, args: [...preload, ...script, ...args] };
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Root's power to read and write past files' modes, taken from a command (setpriv drops it from
 * the capabilities it may hold): run as root, a file's modes then hold for it as for its owner.
 * Still root, it reads the checkout wherever it lies, which another user may not.
 */
const WITHOUT_FILE_OVERRIDE = ['--bounding-set=-dac_override,-dac_read_search', '--inh-caps=-dac_override,-dac_read_search'];

/**
 * Runs the real command to completion (in `cwd`, a project folder say, when given; with
 * `obeyingModes`, without root's power over files' modes, when the tests run as root; with
 * `asUser`, as that user, which only root may ask; with `bin`, an installed command instead of
 * the checkout's build). With `killAfterMs`, a command still running then is killed (SIGKILL: one stuck in a loop may not
 * hear SIGTERM), and its result has a null code.
 */
export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  {
    cwd,
    obeyingModes = false,
    killAfterMs,
    asUser,
    bin,
  }: { cwd?: string; obeyingModes?: boolean; killAfterMs?: number; asUser?: string; bin?: string } = {},
): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const command = commandLine(args, { bin });
    const [file, commandArgs] = obeyingModes
      ? ['setpriv', [...WITHOUT_FILE_OVERRIDE, command.file, ...command.args]]
      : asUser !== undefined
        ? ['runuser', ['-u', asUser, '--', command.file, ...command.args]]
        : [command.file, command.args];
    const killing = killAfterMs === undefined ? {} : { timeout: killAfterMs, killSignal: 'SIGKILL' as const };
    const child = spawn(file, commandArgs, { env: { ...process.env, ...env }, cwd, ...killing });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

export interface ServeProcess extends RunningCommand {
  baseUrl: string;
  /** The printed inspector URL with its #token=, when the inspector runs. */
  inspectorUrl: string | null;
}

export interface ServeOptions {
  /** A stand-in for ngrok's edge (`FakeEdge.serverAddr`) that the tunnel connects to. */
  ngrokEdge?: string;
  /** An installed command (a package's bin) to run instead of the checkout's build. */
  bin?: string;
  /** A script node loads before the command (`node -r`), to put the command in a situation (a full history). */
  preload?: string;
}

/** A command that runs until stopped (`serve`, `calls --follow`), with what it printed. */
export interface RunningCommand {
  child: ChildProcessWithoutNullStreams;
  /** Everything printed so far, stdout and stderr as they came. */
  output(): string;
  /** Only what went to stdout. */
  stdout(): string;
  /** Resolves when `pattern` appears in the output. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

/** Starts the command and waits until it prints `ready`. */
export async function startCommand(
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  options: ServeOptions = {},
): Promise<RunningCommand> {
  const command = commandLine(args, options);
  const child = spawn(command.file, command.args, { env: { ...process.env, ...env } });
  let output = '';
  let stdout = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    waiters.forEach((check) => check());
  };
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    onData(chunk);
  });
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
  // An exit before `ready` fails at once, not after waitFor's time.
  const readyOrExit = await Promise.race([waitFor(ready).then(() => null), exited.then((code) => ({ code }))]);
  if (readyOrExit) throw new Error(`${args[0]} exited (${readyOrExit.code}) before it was ready; it printed:\n${output}`);
  return { child, output: () => output, stdout: () => stdout, waitFor, exited };
}

/** Starts `serve` and waits until it prints its webhook URL. */
export async function startServe(args: string[], env: NodeJS.ProcessEnv = {}, options: ServeOptions = {}): Promise<ServeProcess> {
  // Parallel test files must not fight over the default inspector port.
  const withInspectorPort =
    args.includes('--inspector-port') || args.includes('--no-inspector') ? args : [...args, '--inspector-port', '0'];
  // The last line of the banner: from here on the command is ready and handles Ctrl-C.
  const serve = await startCommand(['serve', ...withInspectorPort], env, /Press Ctrl-C to stop\./, options);
  const [, baseUrl] = await serve.waitFor(/Webhook URL: +(http:\/\/\S+?)\/actions\/<action_name>/);
  const inspectorUrl = serve.output().match(/Inspector: +(http:\/\/\S+)/)?.[1] ?? null;
  return { ...serve, baseUrl: baseUrl ?? '', inspectorUrl };
}

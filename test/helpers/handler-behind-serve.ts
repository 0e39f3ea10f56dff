import { afterAll, beforeAll } from 'vitest';
import { hasPython } from '../core/handler-check/verifier-runners';
import { runInProcess } from './in-process-cli';
import { startSignatureHandler, type HandlerMode, type SignatureHandler } from './signature-handler-process';
import { startServe, type ServeProcess } from './spawn-cli';
import { stopServeAndFolder } from './stop-serve-and-folder';
import { makeTempDir } from './temp-dir';

export interface HandlerBehindServeOptions {
  /** Start a serve on the same data folder forwarding to the handler (default false: commands send to it straight). */
  serve?: boolean;
  /** The key the companion checks with, when not the handler's: a key set here that is off. */
  companionKey?: string;
}

export interface HandlerRig {
  handler: SignatureHandler;
  /** The serve forwarding to the handler; null when not asked for. */
  serve: ServeProcess | null;
  dataDir: string;
  /** The companion's key and data folder, as a command run here is given them. */
  env: Record<string, string>;
  /** A command of the companion's, run in this process on this data folder with this key. */
  run(args: string[]): ReturnType<typeof runInProcess>;
  /** `send <action> --params <params> --target <handler> ...flags`. */
  send(action: string, params: string, ...flags: string[]): ReturnType<typeof runInProcess>;
}

/**
 * A test file's real handler process (signature-handler.py, checking as `mode` with `key`), its
 * data folder and, when asked, a serve forwarding to it: started before the file's tests, where
 * python3 exists (tests are skipped with `hasPython` otherwise), ended after them.
 */
export function handlerBehindServe(mode: HandlerMode, key: string, options: HandlerBehindServeOptions = {}): () => HandlerRig {
  const dataDir = makeTempDir();
  const companionKey = options.companionKey ?? key;
  const env = { FLOWENT_HMAC_KEY: companionKey, FLOWENT_COMPANION_DATA_DIR: dataDir.path };
  let handler: SignatureHandler | undefined;
  let serve: ServeProcess | undefined;
  beforeAll(async () => {
    if (!hasPython) return;
    handler = await startSignatureHandler(mode, key);
    if (options.serve) {
      serve = await startServe(['--port', '0', '--data-dir', dataDir.path, '--no-inspector', '--forward', handler.target], {
        FLOWENT_HMAC_KEY: companionKey,
      });
    }
  }, 60_000);
  afterAll(() => stopServeAndFolder(serve, dataDir, handler));
  const run = (args: string[]) => runInProcess(args, { env });
  const started = (): SignatureHandler => {
    if (!handler) throw new Error('The handler starts before the first test, where python3 exists.');
    return handler;
  };
  // The data folder and commands are there without python3 too: a file may test other handlers beside this one.
  const rig: HandlerRig = {
    get handler() {
      return started();
    },
    get serve() {
      return serve ?? null;
    },
    dataDir: dataDir.path,
    env,
    run,
    send: (action, params, ...flags) => run(['send', action, '--params', params, '--target', started().target, ...flags]),
  };
  return () => rig;
}

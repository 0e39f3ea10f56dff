import { expect } from 'vitest';
import { postSigned } from './flowent-signer';
import { startServe, type ServeProcess } from './spawn-cli';

/** The one call a test file's serve is sent, and how the serve is seen to answer it. */
export interface OneSignedCall {
  action: string;
  parameters: Record<string, unknown>;
  /** The status it answers with. */
  status: number;
  /** What the serve prints once it stored the call. */
  printed: RegExp;
}

/**
 * A real serve (without its inspector) on `dataDir`, checking signatures with `key`, that has
 * answered and stored `call`, signed with that key: the history a file of `calls` tests reads.
 * A serve that does not answer as expected is stopped before the failure is thrown (the file's
 * own clean-up never got it).
 */
export async function serveWithOneSignedCall(dataDir: string, key: string, call: OneSignedCall): Promise<ServeProcess> {
  const serve = await startServe(['--port', '0', '--no-inspector', '--data-dir', dataDir], { FLOWENT_HMAC_KEY: key });
  try {
    const answer = await postSigned(serve.baseUrl, call.action, call.parameters, key);
    expect(answer.status).toBe(call.status);
    await serve.waitFor(call.printed);
    return serve;
  } catch (error) {
    serve.child.kill('SIGTERM');
    await serve.exited;
    throw error;
  }
}

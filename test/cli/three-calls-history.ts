import { afterAll, beforeAll } from 'vitest';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { runCli, startServe, type RunResult, type ServeProcess } from '../helpers/spawn-cli';
import { stopServeAndFolder } from '../helpers/stop-serve-and-folder';
import { makeTempDir } from '../helpers/temp-dir';

const KEY = 'calls-three-key';

/**
 * For a test file of `calls`: a serve on a fresh data folder that stored three calls, #1 valid
 * (200), #2 signed with another key (200), #3 not Flowent's (refused, 4xx); `calls` runs on it.
 */
export function useThreeCallHistory(): (...args: string[]) => Promise<RunResult> {
  const dataDir = makeTempDir();
  let serve: ServeProcess | undefined;
  const send = async (body: string, contentType = 'application/json') => {
    const answer = await fetch(`${serve!.baseUrl}/actions/send_email`, { method: 'POST', headers: { 'content-type': contentType }, body });
    await answer.arrayBuffer();
  };
  beforeAll(async () => {
    serve = await startServe(['--port', '0', '--no-inspector', '--data-dir', dataDir.path], { FLOWENT_HMAC_KEY: KEY });
    await send(signedBody(flowentPayload('send_email', { recipient: 'a@example.com' }), KEY));
    await send(signedBody(flowentPayload('send_email'), 'another-key'));
    await send('not json', 'text/plain');
    await serve.waitFor(/^.*not a Flowent call.*$/m);
  }, 60_000);
  afterAll(() => stopServeAndFolder(serve, dataDir));
  return (...args) => runCli(['calls', '--data-dir', dataDir.path, ...args]);
}

import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { runCli, type ServeProcess } from '../helpers/spawn-cli';
import { serveInspectorForFile, type ServedInspector } from './served-inspector';

/** A week before now: an imported call from then shows its date in the list. */
export const LAST_WEEK = Date.now() - 7 * 86_400_000;

const post = (server: ServeProcess, path: string, body: string, contentType = 'application/json') =>
  fetch(`${server.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });

/** A body signed the way Flowent's Python example does it: compact JSON with ASCII escapes. */
export function pythonSigned(action: string, parametersJson: string, key: string): string {
  const unsigned = `{"action_name":"${action}","parameters":${parametersJson},"timestamp":${Math.floor(Date.now() / 1000)}}`;
  const signature = createHmac('sha256', key).update(unsigned).digest('hex');
  return `${unsigned.slice(0, -1)},"signature":"${signature}"}`;
}

/**
 * The history the screen tests look at, one call of each kind people open, oldest first:
 * imported calls from last week (one answered, one that never got an answer), a valid call,
 * a call signed with the wrong key, Flowent's registration check, a body with non-ASCII
 * text sent as escapes, an answer that breaks Flowent's contract, and requests that are not
 * Flowent calls for four different reasons.
 */
export async function seedScreenCalls(server: ServeProcess, dataDir: string, key: string): Promise<void> {
  const har = {
    log: {
      version: '1.2',
      creator: { name: 'screen test', version: '1' },
      entries: [0, 1].map((n) => ({
        startedDateTime: new Date(LAST_WEEK + n * 60_000).toISOString(),
        time: 5,
        request: {
          method: 'POST',
          url: 'http://localhost/actions/archive_old',
          headers: [{ name: 'content-type', value: 'application/json' }],
          postData: { mimeType: 'application/json', text: JSON.stringify(flowentPayload('archive_old', { n })) },
        },
        response: n === 0 ? { status: 200, headers: [], content: { text: '{"result":"ok","error":""}' } } : { status: 0, headers: [] },
      })),
    },
  };
  const harFile = join(dataDir, 'old-calls.har');
  writeFileSync(harFile, JSON.stringify(har));
  const imported = await runCli(['import', harFile, '--data-dir', dataDir]);
  if (imported.code !== 0) throw new Error(`import failed: ${imported.stderr}`);

  // An answer without `result`: Flowent's contract is broken by the mock itself.
  const mockFile = join(dataDir, 'bad-mock.json');
  writeFileSync(mockFile, JSON.stringify({ status: 200, body: { error: '' } }));
  const mock = await runCli(['mocks', 'set', 'bad_answer', '--file', mockFile, '--data-dir', dataDir]);
  if (mock.code !== 0) throw new Error(`mocks set failed: ${mock.stderr}`);

  const sends: [string, string, string?][] = [
    ['/actions/send_email', signedBody(flowentPayload('send_email', { recipient: 'ada@example.com' }), key)],
    ['/actions/send_email', signedBody(flowentPayload('send_email', { recipient: 'wrong@example.com' }), 'not-the-key')],
    ['/actions/send_email', JSON.stringify({ ...flowentPayload('send_email'), test: true })],
    ['/actions/send_email', pythonSigned('send_email', '{"city":"S\\u00e3o Paulo","to":"\\u6771\\u4eac"}', key)],
    ['/actions/bad_answer', signedBody(flowentPayload('bad_answer', { n: 1 }), key)],
    ['/actions/send_email', 'this is not json'],
    ['/actions/send_email', signedBody(flowentPayload('send_email'), key), 'text/plain'],
    ['/nowhere', '{}'],
    ['/actions/send_email', '[1,2,3]'],
  ];
  for (const [path, body, type] of sends) await post(server, path, body, type);
}

/**
 * For a whole test file: `serve` with the HMAC key `key` over the history seedScreenCalls makes,
 * and Chromium on its inspector, handed to `use` (serveInspectorForFile).
 */
export function serveScreenCalls(key: string, use: (served: ServedInspector) => void): void {
  serveInspectorForFile(
    () => ({ env: { FLOWENT_HMAC_KEY: key }, prepare: (started) => seedScreenCalls(started, dataDirOf(started), key) }),
    use,
  );
}

/** seedScreenCalls needs the data folder, which serve prints in its banner. */
function dataDirOf(started: ServeProcess): string {
  const dir = /History: +(.+)\/history\.sqlite/.exec(started.output())?.[1];
  if (!dir) throw new Error(`serve printed no history path:\n${started.output()}`);
  return dir;
}

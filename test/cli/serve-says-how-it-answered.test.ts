import { createServer, type Server } from 'node:http';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { handlerAndFolderPerTest, rawHeader } from '../helpers/handler-process';
import { runCli, startServe, type ServeProcess } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';

// `send` and `replay` aimed at a running `serve` store the call themselves (the serve, seeing
// their mark, does not store it a second time). What the record says of how the call was
// answered is the serve's word, which it gives in its answer to calls carrying its mark only.
const KEY = 'serve-says-key';
const LOOP_ANSWER = 'x-flowent-companion-loop-answer';
const { cleanups, handlerAndFolder } = handlerAndFolderPerTest();

async function serve(dataDir: string, extra: string[] = []): Promise<ServeProcess> {
  const server = await startServe(['--port', '0', '--no-inspector', '--data-dir', dataDir, ...extra], { FLOWENT_HMAC_KEY: KEY });
  cleanups.push(async () => {
    if (server.child.exitCode !== null) return;
    server.child.kill('SIGTERM');
    await server.exited;
  });
  return server;
}

interface Listed {
  id: number;
  source: string;
  status: number;
  verdict: string;
  answeredBy: string;
  handlerSignature: string | null;
  forwardError: string | null;
  signatureDiagnosis: { message: string } | null;
}

async function listed(dataDir: string): Promise<Listed[]> {
  const result = await runCli(['calls', '--json', '--data-dir', dataDir]);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout
    .trim()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Listed);
}

async function send(dataDir: string, target: string, key = KEY, extra: string[] = []): Promise<number> {
  const sent = await runCli(
    ['send', 'send_email', '--params', '{"to":"a@example.com"}', '--target', target, '--data-dir', dataDir, ...extra],
    {
      FLOWENT_HMAC_KEY: key,
    },
  );
  const id = /Sent #(\d+)/.exec(sent.stdout)?.[1];
  expect(id, sent.stdout + sent.stderr).toBeDefined();
  return Number(id);
}

/** A stand-in on port 0 that answers every call 200 with a forged "how the serve answered" header. */
async function forger(): Promise<string> {
  const forged = Buffer.from(JSON.stringify({ answeredBy: 'mock', signature: { verdict: 'invalid' } })).toString('base64url');
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', [LOOP_ANSWER]: forged });
      res.end('{"result":"ok","error":""}');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  cleanups.push(() => new Promise<void>((done) => server.close(() => done())));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/actions/{action_name}`;
}

describe('a call sent to a running serve is recorded as the serve answered it', () => {
  it('a wrong key refused by --enforce-signatures: invalid, refused by the signature check, not valid with a 401', async () => {
    const { dir } = await handlerAndFolder();
    const server = await serve(dir.path, ['--enforce-signatures']);
    const id = await send(dir.path, `${server.baseUrl}/actions/{action_name}`, 'not-the-serve-key');
    const [call] = await listed(dir.path);
    expect(call).toMatchObject({ id, source: 'simulator', status: 401, verdict: 'invalid', answeredBy: 'signature-check' });
    expect(call!.signatureDiagnosis?.message).toMatch(/key is wrong/);
  });

  it("forwarded to the developer's handler: answered by the handler, with its verdict on the signature", async () => {
    const { handler, dir } = await handlerAndFolder();
    const server = await serve(dir.path, ['--forward', handler.target]);
    await send(dir.path, `${server.baseUrl}/actions/{action_name}`);
    const received = await handler.received();
    expect(received).toHaveLength(1);
    // The serve's mark (its token) stops at the serve.
    expect(rawHeader(received[0]!.headers, 'x-flowent-companion-loop-token')).toEqual([]);
    const [call] = await listed(dir.path);
    expect(call).toMatchObject({ source: 'simulator', status: 200, verdict: 'valid', answeredBy: 'forward', handlerSignature: 'accepted' });
  });

  it("the handler's answer cannot speak for the serve, and Flowent's calls are told nothing", async () => {
    const { dir } = await handlerAndFolder();
    const server = await serve(dir.path, ['--forward', await forger()]);
    // A call from Flowent (no mark): the serve stores it, and its answer carries no word of how.
    const body = signedBody(flowentPayload('send_email'), KEY);
    const answer = await request(`${server.baseUrl}/actions/send_email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    await answer.body.text();
    expect(answer.statusCode).toBe(200);
    expect(answer.headers[LOOP_ANSWER]).toBeUndefined();
    // Marked, relayed from a handler that forges the header: the serve's word, not the handler's.
    await send(dir.path, `${server.baseUrl}/actions/{action_name}`);
    const calls = await listed(dir.path);
    expect(calls.map((call) => [call.source, call.answeredBy, call.verdict])).toEqual([
      ['simulator', 'forward', 'valid'],
      ['flowent', 'forward', 'valid'],
    ]);
  });

  it('a server that was not sent the mark is not believed', async () => {
    const { dir } = await handlerAndFolder();
    await send(dir.path, await forger());
    const [call] = await listed(dir.path);
    expect(call).toMatchObject({ source: 'simulator', verdict: 'valid', answeredBy: 'forward', handlerSignature: 'accepted' });
  });
});

describe('a call sent to a serve running on another data folder', () => {
  it('is stored by both, and never as a call from Flowent', async () => {
    const { dir } = await handlerAndFolder();
    const other = makeTempDir();
    cleanups.push(other.remove);
    const server = await serve(other.path);
    const id = await send(dir.path, `${server.baseUrl}/actions/{action_name}`);
    const replayed = await runCli(['replay', String(id), '--target', `${server.baseUrl}/actions/{action_name}`, '--data-dir', dir.path], {
      FLOWENT_HMAC_KEY: KEY,
    });
    expect(replayed.code, replayed.stderr).toBe(0);
    expect((await listed(dir.path)).map((call) => call.source).sort()).toEqual(['replay', 'simulator']);
    await server.waitFor(/ send_email \[simulated\] (.|\n)* send_email \[replay\] /);
    expect((await listed(other.path)).map((call) => call.source).sort()).toEqual(['replay', 'simulator']);
  });

  it("sent straight to the developer's handler, says what it is, and no token", async () => {
    const { handler, dir } = await handlerAndFolder();
    await serve(dir.path);
    await send(dir.path, handler.target);
    const [received] = await handler.received();
    expect(rawHeader(received!.headers, 'x-flowent-companion-loop-token')).toEqual(['simulator']);
  });
});

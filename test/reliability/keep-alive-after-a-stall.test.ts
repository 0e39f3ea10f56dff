import { connect, type Socket } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../helpers/flowent-signer';
import { startServe } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';

const KEY = 'stall-key';
const dir = makeTempDir();
afterAll(() => dir.remove());

/** Nothing arrives on the connection for this long: the serve's keep-alive time (5 s) has run out. */
const STALL_MS = 5_600;

function rawRequest(host: string, n: number): string {
  const body = signedBody(flowentPayload('stall_test', { n }), KEY);
  return (
    `POST /actions/stall_test HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
  );
}

/** Resolves with what arrived until the first answer's head is complete, or with 'closed' when the serve closed the connection first. */
function nextAnswer(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString('latin1');
      if (text.includes('\r\n\r\n')) done(text.split('\r\n')[0]!);
    };
    const onEnd = () => done(text === '' ? 'closed' : text);
    const done = (value: string) => {
      socket.off('data', onData).off('end', onEnd).off('close', onEnd);
      resolve(value);
    };
    socket.on('data', onData).on('end', onEnd).on('close', onEnd);
  });
}

// A busy process (a big HAR import's parse, a long pause of the collector) may not read a
// request that arrived on an idle keep-alive connection until after that connection's idle time
// ran out: Node's timers run before its sockets are read, so the connection was closed with the
// request unread and the caller got no answer. Stopping the process stands in for the busy
// spell: the request is sent while it is stopped, and read when it goes on.
it('answers a request that arrived on an idle keep-alive connection while the serve was too busy to read it, and still closes an idle one', async () => {
  const serve = await startServe(['--port', '0', '--data-dir', dir.path], { FLOWENT_HMAC_KEY: KEY });
  try {
    const url = new URL(serve.baseUrl);
    const socket = connect(Number(url.port), url.hostname);
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(rawRequest(url.host, 1));
    expect(await nextAnswer(socket)).toBe('HTTP/1.1 200 OK');

    // Let the first answer's bytes and Node's keep-alive timer settle, then stop the serve.
    await new Promise((resolve) => setTimeout(resolve, 200));
    serve.child.kill('SIGSTOP');
    await new Promise((resolve) => setTimeout(resolve, STALL_MS));
    const second = nextAnswer(socket);
    socket.write(rawRequest(url.host, 2));
    await new Promise((resolve) => setTimeout(resolve, 200));
    serve.child.kill('SIGCONT');

    expect(await second).toBe('HTTP/1.1 200 OK');

    // A connection on which nothing arrives is still closed once its idle time runs out.
    const idleFrom = Date.now();
    expect(await nextAnswer(socket)).toBe('closed');
    expect(Date.now() - idleFrom).toBeGreaterThan(4_500);
  } finally {
    serve.child.kill('SIGCONT');
    serve.child.kill('SIGINT');
    await serve.exited;
  }
}, 40_000);

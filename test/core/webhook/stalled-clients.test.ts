import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { openSocket, parseResponses, rawExchange, readAll } from '../../helpers/raw-http';
import { coresClosedAfterEach, newestCall } from '../../helpers/running-core';

// What is recorded of clients that stall mid-headers. Node parses a head out of sight and keeps
// nothing of one that stops arriving: the record says what is known, and makes up no request line.
const KEY = 'test-key';
const start = coresClosedAfterEach();

describe('headers that stop arriving', () => {
  it('are recorded with the client and how many bytes of the head had come, and no request line made up', async () => {
    const core = await start({ headersTimeoutMs: 1_000 });
    const sent = 'POST /actions/stalled?x=1 HTTP/1.1\r\nHost: a\r\nX-Half: ';
    const connected = Date.now();
    const [answer] = await rawExchange(core.port, sent, 20_000);
    expect(answer?.status).toBe(408);
    const said = `The request's headers did not arrive within 1 s (${sent.length} bytes of them had come). Send the whole request without pauses.`;
    expect(JSON.parse(answer!.body)).toEqual({ result: '', error: said });
    expect(await newestCall(core)).toMatchObject({
      method: '',
      path: '',
      remoteAddress: '127.0.0.1',
      requestHeaders: [],
      problem: 'headers-timeout',
      problemMessage: said,
      status: 408,
    });
    // How long it was waited for, from the connection's start as Node counts: the limit, and at
    // most the half second of Node's check over it (a loaded machine's turn aside).
    const { receivedAt, durationMs } = await newestCall(core);
    expect(durationMs).toBeGreaterThanOrEqual(1_000);
    expect(durationMs).toBeLessThan(2_500);
    expect(receivedAt).toBeGreaterThanOrEqual(connected - 5);
    expect(receivedAt).toBeLessThan(connected + 1_000);
  }, 30_000);

  it('after a request answered on the same connection, are recorded without a count that would hold that request', async () => {
    const core = await start({ headersTimeoutMs: 1_000 });
    const body = signedBody(flowentPayload('first'), KEY);
    const socket = await openSocket(core.port);
    const all = readAll(socket, 20_000);
    socket.write(
      `POST /actions/first HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    await expect.poll(async () => (await core.core.api.listCalls({})).calls.length).toBe(1);
    socket.write('POST /actions/second HTTP/1.1\r\nHost: b\r\n');
    const answers = parseResponses(await all);
    expect(answers.map((answer) => answer.status)).toEqual([200, 408]);
    expect(await newestCall(core)).toMatchObject({
      method: '',
      path: '',
      problem: 'headers-timeout',
      problemMessage: "The request's headers did not arrive within 1 s. Send the whole request without pauses.",
      // Its first byte's time is not seen: the limit Node held it to is the wait.
      durationMs: 1_000,
    });
  }, 30_000);

  // A 'data' listener on a connection (to keep the bytes of a head that stalls) makes Node hand
  // every request's bytes on it to JS instead of its native parser: a cost on every call.
  it('are watched for without listening to the bytes of any connection', async () => {
    const core = await start();
    const bare = createServer((_request, response) => response.end('ok'));
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    // Each request's server, and how many 'data' listeners its connection has as it starts.
    const seen: [Server, number][] = [];
    const onRequestStart = (message: unknown) => {
      const { socket, server } = message as { socket: Socket; server: Server };
      seen.push([server, socket.listenerCount('data')]);
    };
    subscribe('http.server.request.start', onRequestStart);
    try {
      await fetch(`http://127.0.0.1:${(bare.address() as AddressInfo).port}/`);
      await core.post('/actions/send_email', signedBody(flowentPayload('send_email'), KEY));
    } finally {
      unsubscribe('http.server.request.start', onRequestStart);
      await new Promise((resolve) => bare.close(resolve));
    }
    const bareListeners = seen.filter(([server]) => server === bare).map(([, count]) => count);
    const webhookListeners = seen.filter(([server]) => server !== bare).map(([, count]) => count);
    expect(bareListeners).toHaveLength(1);
    // Node's own listener, as on a bare server's connection, and no other.
    expect(webhookListeners).toEqual(bareListeners);
  });
});

import { describe, expect, it } from 'vitest';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { openSocket, readAll } from '../../helpers/raw-http';
import { coresClosedAfterEach } from '../../helpers/running-core';
import { openStoreReadOnly } from './stored-call';
import { KEY, call, eventually, setMock } from './signed-mock-calls';

const start = coresClosedAfterEach();

describe('mocks: faults', () => {
  it('delays without blocking other calls', async () => {
    const core = await start();
    await setMock(core, 'slow', { delayMs: 600 });
    const started = Date.now();
    let slowDone = false;
    const slow = call(core, 'slow').then((answer) => ((slowDone = true), answer));
    const fast = await call(core, 'fast');
    expect(fast.status).toBe(200);
    // Answered while the slow call is still held (however busy the machine is).
    expect(slowDone).toBe(false);
    expect((await slow).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(590);
  });

  it("holds a timeout past Flowent's limit, stores the call first, and stop() closes it", async () => {
    const core = await start();
    await setMock(core, 'stuck', { fault: 'timeout' });
    const pending = call(core, 'stuck').then(
      () => 'answered',
      () => 'closed',
    );
    // Stored before the hold (while the answer is still held), with the planned duration and the violation.
    const stored = await eventually(() => openStoreReadOnly(core.dataDir).newest());
    expect(stored).toMatchObject({ action: 'stuck', status: 200 });
    expect(stored.durationMs).toBeGreaterThanOrEqual(35_000);
    expect(stored.violations.map((v) => v.code)).toContain('too-slow');
    expect((await call(core, 'other')).status).toBe(200);
    const stopping = Date.now();
    await core.core.stop();
    expect(Date.now() - stopping).toBeLessThan(2_000);
    expect(await pending).toBe('closed');
  });

  it('drops the connection after storing the call', async () => {
    const core = await start();
    await setMock(core, 'drop_me', { fault: 'drop' });
    const body = signedBody(flowentPayload('drop_me'), KEY);
    const socket = await openSocket(core.port);
    const received = readAll(socket, 3_000);
    socket.write(
      `POST /actions/drop_me HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );
    expect(await received).toBe('');
    const stored = openStoreReadOnly(core.dataDir).newest();
    expect(stored).toMatchObject({ action: 'drop_me', status: 0, answeredBy: 'mock' });
    expect(stored.violations.map((v) => v.code)).toEqual(['no-answer']);
  });

  it('answers a non-JSON body or a 500 on demand, and flags them', async () => {
    const core = await start();
    await setMock(core, 'html', { fault: 'non-json' });
    await setMock(core, 'boom', { fault: { type: 'error', message: 'payment provider down' } });
    const html = await call(core, 'html');
    expect(html.status).toBe(200);
    expect(html.text).toMatch(/^<html>/);
    expect(
      openStoreReadOnly(core.dataDir)
        .newest()
        .violations.map((v) => v.code),
    ).toEqual(['not-json']);
    const boom = await call(core, 'boom');
    expect(boom.status).toBe(500);
    expect(boom.json).toEqual({ result: '', error: 'payment provider down' });
    expect(
      openStoreReadOnly(core.dataDir)
        .newest()
        .violations.map((v) => v.code),
    ).toEqual(['not-2xx']);
  });

  it('flags a mock that breaks the contract in the words a developer acts on', async () => {
    const core = await start();
    await setMock(core, 'bad', { body: { result: 5, error: 'oops' } });
    await call(core, 'bad');
    expect(
      openStoreReadOnly(core.dataDir)
        .newest()
        .violations.map((v) => v.message),
    ).toEqual([
      'the mock answered 200 but `result` is a number; Flowent expects a string (use JSON.stringify for structured data).',
      'the mock answered 200 with a non-empty `error` ("oops"); on success `error` must be "" (or answer non-2xx for a failure).',
    ]);
  });
});

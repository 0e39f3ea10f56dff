import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { BulkReplaySummary, CoreEvent } from '../../../main/contract/api';
import { rawHeader, type ReceivedRequest } from '../../helpers/handler-process';
import { independentlyMatchedStyles, KEY, startWorld, type ReplayWorld } from './harness';

const run = promisify(execFile);
const CURL = '/usr/bin/curl';

/** Flowent's registration check as its docs show it: `"test": true`, no signature. */
const registrationCheck = (timestamp: number) => `{"action_name":"ok","parameters":{},"timestamp":${timestamp},"test":true}`;
/** A check from 2022: a replay must freshen its timestamp. */
const OLD = 1645123456;

let world: ReplayWorld;
afterEach(async () => {
  await world.close();
});

/** Posts an unsigned registration check to the running core, as Flowent does; the stored call's id. */
async function unsignedCheck(): Promise<number> {
  await world.running.post('/actions/ok', registrationCheck(OLD));
  return world.store.calls.lastCallId();
}

async function lastReceived(): Promise<ReceivedRequest> {
  const received = await world.handler.received();
  return received[received.length - 1]!;
}

/** The header names a request went with, lowercased in order. */
function headerNames(request: ReceivedRequest): string[] {
  return request.headers.filter((_, i) => i % 2 === 0).map((name) => name.toLowerCase());
}

/** The body a fresh unsigned check sent between `before` and now would have: the original's bytes, the timestamp alone changed. */
function expectFreshUnsignedCheck(body: Buffer, before: number): void {
  const timestamp = (JSON.parse(body.toString('utf8')) as { timestamp: number }).timestamp;
  expect(timestamp).toBeGreaterThanOrEqual(before);
  expect(timestamp).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  expect(body.toString('utf8')).toBe(registrationCheck(timestamp));
}

describe("a re-signed replay of Flowent's unsigned registration check", () => {
  it('goes as Flowent sends it: a fresh timestamp, no signature, the headers an as-is replay sends', async () => {
    world = await startWorld();
    const id = await unsignedCheck();
    expect(world.store.calls.get(id)).toMatchObject({ test: true, verdict: 'unsigned-test' });

    const asIs = await world.api.replay(id);
    if (!asIs.ok) throw new Error(JSON.stringify(asIs));
    const asIsSent = await lastReceived();
    expect(asIsSent.body.toString('utf8')).toBe(registrationCheck(OLD));

    const before = Math.floor(Date.now() / 1000);
    const resigned = await world.api.replay(id, { mode: 'resign' });
    if (!resigned.ok) throw new Error(JSON.stringify(resigned));
    const sent = await lastReceived();
    expectFreshUnsignedCheck(sent.body, before);
    expect(headerNames(sent)).toEqual(headerNames(asIsSent));
    expect(rawHeader(sent.headers, 'content-type')).toEqual(['application/json']);
    expect(resigned.value).toMatchObject({ mode: 'resign', signedStyle: null, signatureVerdict: 'unsigned-test', verdict: 'passed' });
    // Listed as the original is, not as a valid signed check Flowent never sent.
    expect(world.store.calls.get(resigned.value.id)).toMatchObject({ test: true, verdict: 'unsigned-test', source: 'replay' });
  });

  it('needs no HMAC key: nothing is signed', async () => {
    world = await startWorld({ key: null });
    const id = await unsignedCheck();
    const before = Math.floor(Date.now() / 1000);
    const resigned = await world.api.replay(id, { mode: 'resign' });
    if (!resigned.ok) throw new Error(JSON.stringify(resigned));
    expectFreshUnsignedCheck((await lastReceived()).body, before);
  });

  it('a check this Flowent sent signed is re-signed: that is how it sends it', async () => {
    world = await startWorld();
    const id = await world.send('ok', {}, 'python', { test: true });
    expect(world.store.calls.get(id)).toMatchObject({ test: true, verdict: 'valid' });
    const resigned = await world.api.replay(id, { mode: 'resign' });
    if (!resigned.ok) throw new Error(JSON.stringify(resigned));
    expect(resigned.value.signedStyle).toBe('python');
    expect(independentlyMatchedStyles((await lastReceived()).body, KEY)).toContain('python');
  });

  it('in a bulk replay, re-signed as the page does by default: the check goes unsigned, the other calls signed', async () => {
    world = await startWorld();
    const signed = await world.send('ok', { recipient: 'a@example.com' });
    const check = await unsignedCheck();
    const { api } = world.running.core;
    const seen: CoreEvent[] = [];
    const unsubscribe = world.running.core.subscribe((event) => seen.push(event));
    const before = Math.floor(Date.now() / 1000);
    try {
      const started = await api.startBulkReplay({ ids: [signed, check] }, { concurrency: 1, resign: true, target: null });
      if (!started.ok) throw new Error(JSON.stringify(started));
      await expect.poll(() => seen.some((event) => event.type === 'replay-finished'), { timeout: 10_000 }).toBe(true);
    } finally {
      unsubscribe();
    }
    const finished = seen.find((event) => event.type === 'replay-finished') as { summary: BulkReplaySummary };
    expect(finished.summary).toMatchObject({ total: 2, passed: 2, failed: 0 });
    const steps = seen.flatMap((event) => (event.type === 'replay-progress' && event.step.result.ok ? [event.step.result.value] : []));
    expect(steps.map((step) => [step.originalId, step.signedStyle])).toEqual([
      [signed, 'python'],
      [check, null],
    ]);
    const received = await world.handler.received();
    expect(independentlyMatchedStyles(received[2]!.body, KEY)).toContain('python');
    expectFreshUnsignedCheck(received[3]!.body, before);
    const replayOfCheck = world.store.calls.get(steps[1]!.id)!;
    expect(replayOfCheck).toMatchObject({ test: true, verdict: 'unsigned-test' });
  });

  it.skipIf(!existsSync(CURL))('copied as cURL, re-signed: the command sends it unsigned with a fresh timestamp', async () => {
    world = await startWorld();
    const id = await unsignedCheck();
    const command = world.api.curlFor(id, { resign: true, url: `http://127.0.0.1:${world.handler.port}/actions/ok` });
    if (!command.ok) throw new Error(JSON.stringify(command));
    const before = Math.floor(Date.now() / 1000);
    await run('/bin/sh', ['-c', command.value]);
    const sent = await lastReceived();
    expectFreshUnsignedCheck(sent.body, before);
    expect(rawHeader(sent.headers, 'content-type')).toEqual(['application/json']);
  });
});

describe("edited parameters for Flowent's registration check", () => {
  it('are refused before anything is sent, with or without a key: Flowent only sends it with {}', async () => {
    world = await startWorld({ key: null });
    const unsigned = await unsignedCheck();
    const sentBefore = (await world.handler.received()).length;
    expect(await world.api.replay(unsigned, { mode: 'edit', parameters: { recipient: 'a@example.com' } })).toEqual({
      ok: false,
      code: 'registration-check-parameters',
    });
    expect((await world.handler.received()).length).toBe(sentBefore);
  });
});

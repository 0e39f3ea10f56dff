import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStore, type Store } from '../../../main/core/store/open-store';
import type { NewCall } from '../../../main/core/store/calls-insert';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { startCore, type RunningCore } from '../../helpers/running-core';
import { seededRandom } from '../../reliability/seeded-random';

// "Make a mock from this answer", as a property: whatever text a handler answered, the mock
// made from it answers the same bytes through the real webhook server. The bodies lean on
// what Handlebars reads specially: backslashes, braces (single, double, triple, runs), quotes,
// plus NUL, astral characters and the rest of Unicode; some are JSON, some are not.
const SEED = Number(process.env.PROPERTY_SEED ?? 20261130);
const COUNT = Number(process.env.PROPERTY_COUNT ?? 400);
const KEY = 'property-key';

const PIECES = [
  '\\',
  '\\\\',
  '{',
  '{{',
  '{{{',
  '{{{{',
  '}',
  '}}',
  '}}}',
  '"',
  "'",
  '~',
  '!',
  '#',
  '/',
  '>',
  '^',
  '&',
  '*',
  '=',
  ' ',
  '\n',
  '\t',
];
const WORDS = ['else', 'this', 'parameters.x', 'log "x"', 'lookup', '@root', '..', 'raw', 'action_name'];

let running: RunningCore;
let store: Store;
beforeAll(async () => {
  running = await startCore({ key: KEY });
  const opened = openStore({ dataDir: running.dataDir });
  if (!opened.ok) throw new Error(JSON.stringify(opened));
  store = opened.value;
});
afterAll(async () => {
  await store.close();
  await running.close();
});

function randomText(random: () => number): string {
  const length = Math.floor(random() * 40);
  let text = '';
  for (let i = 0; i < length; i++) {
    const pick = random();
    if (pick < 0.55) text += PIECES[Math.floor(random() * PIECES.length)];
    else if (pick < 0.7) text += WORDS[Math.floor(random() * WORDS.length)];
    else if (pick < 0.75) text += '\u0000';
    else if (pick < 0.85) text += String.fromCodePoint(0x1f600 + Math.floor(random() * 80));
    else text += String.fromCodePoint(randomCodePoint(random));
  }
  return text;
}

/** Any Unicode scalar value (no lone surrogates: an answer is bytes, and those are not UTF-8). */
function randomCodePoint(random: () => number): number {
  for (;;) {
    const point = Math.floor(random() * 0x110000);
    if (point < 0xd800 || point > 0xdfff) return point;
  }
}

/** Answer text: plain, JSON as a compact handler writes it, or JSON with a layout of its own. */
function randomAnswer(random: () => number): string {
  const pick = random();
  if (pick < 0.4) return randomText(random);
  const value = { result: randomText(random), error: '', [randomText(random)]: [randomText(random), 1.5, null] };
  if (pick < 0.8) return JSON.stringify(value);
  return JSON.stringify(value, null, 2).replace(/1\.5/, '1.50');
}

/** A stored call for `action` whose answer is `answer`, as if a handler had given it. */
function storeAnswered(action: string, answer: Buffer): number {
  const request = Buffer.from(signedBody(flowentPayload(action), KEY));
  const call: NewCall = {
    receivedAt: Date.now(),
    method: 'POST',
    path: `/actions/${action}`,
    remoteAddress: '127.0.0.1',
    action,
    test: false,
    requestHeaders: [['Content-Type', 'application/json']],
    requestBody: request,
    bodySize: request.length,
    problem: null,
    problemMessage: null,
    signature: {
      verdict: 'valid',
      style: 'python',
      received: null,
      styles: [],
      diagnosis: [],
      timestamp: { value: null, ageSeconds: null, flag: 'ok' },
    },
    answeredBy: 'forward',
    response: { status: 200, headers: [['Content-Type', 'text/plain; charset=utf-8']], body: answer },
    durationMs: 1,
    source: 'flowent',
    originalCallId: null,
  };
  return store.calls.insert(call);
}

it(`a mock made from any of ${COUNT} random answers (seed ${SEED}) answers the same bytes`, async () => {
  const random = seededRandom(SEED);
  for (let i = 0; i < COUNT; i++) {
    const answer = Buffer.from(randomAnswer(random), 'utf8');
    const id = storeAnswered('copied', answer);
    const made = await running.core.api.mockFromCall(id);
    if (!made.ok) throw new Error(`answer #${i}: ${JSON.stringify(made)}`);
    // The mock passes the editor's own check, so it can be opened and saved again as it is.
    expect(await running.core.api.checkMock(JSON.stringify(made.value.definition), 'json'), `answer #${i}`).toMatchObject({ ok: true });
    const response = await fetch(`${running.baseUrl}/actions/copied`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: signedBody(flowentPayload('copied'), KEY),
    });
    const served = Buffer.from(await response.arrayBuffer());
    expect(
      served.equals(answer),
      `answer #${i} (seed ${SEED}) came back different: sent ${JSON.stringify(answer.toString('utf8'))}, got ${JSON.stringify(served.toString('utf8'))}`,
    ).toBe(true);
    expect(response.status).toBe(200);
  }
}, 120_000);

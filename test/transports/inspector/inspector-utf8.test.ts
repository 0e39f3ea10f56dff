// The inspector's API refuses a body that is not UTF-8, as the webhook does, rather than reading
// its bad bytes as U+FFFD: a key sent as ["\xff\xfe"] was stored, and Settings said it was set.
import { afterEach, expect, it } from 'vitest';
import type { InspectorServer } from '../../../main/transports/inspector/inspector-server';
import { startInspectorFor } from '../../helpers/inspector';
import { startCore, type RunningCore } from '../../helpers/running-core';

const TOKEN = 'u'.repeat(40);
let running: RunningCore | null = null;
let inspector: InspectorServer | null = null;

afterEach(async () => {
  await inspector?.stop();
  await running?.close();
  inspector = null;
  running = null;
});

async function startInspector(): Promise<string> {
  running = await startCore({ key: null });
  const started = await startInspectorFor(running, TOKEN);
  inspector = started.inspector;
  return `http://127.0.0.1:${started.port}`;
}

const post = (url: string, body: Buffer) =>
  fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: new Uint8Array(body),
  });

it('refuses an API body that is not UTF-8 with a 400 naming the byte, and stores nothing', async () => {
  const base = await startInspector();
  const refused = await post(`${base}/api/call/setHmacKey`, Buffer.from([0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d]));
  expect(refused.status).toBe(400);
  expect(await refused.json()).toEqual({
    ok: false,
    code: 'bad-json',
    message:
      'The API request body is not valid UTF-8: byte 2 (0xff) begins an invalid or incomplete UTF-8 sequence. Send it encoded as UTF-8.',
  });
  expect(await running!.core.api.getStatus()).toMatchObject({ hmacKey: { set: false } });

  // The same key in UTF-8 is taken: only the encoding was refused.
  const taken = await post(`${base}/api/call/setHmacKey`, Buffer.from(JSON.stringify(['é-key']), 'utf8'));
  expect(taken.status).toBe(200);
  expect(await running!.core.api.getStatus()).toMatchObject({ hmacKey: { set: true } });
});

it('refuses a HAR file that is not UTF-8 as importHar refuses a file, naming the byte, and imports nothing', async () => {
  const base = await startInspector();
  const har = Buffer.concat([Buffer.from('{"log":{"entries":[],"comment":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}}')]);
  const refused = await post(`${base}/api/import-har`, har);
  // The import's own refusal (the desktop app's for the same file), not a request the inspector could not read.
  expect(refused.status).toBe(200);
  expect(await refused.json()).toEqual({
    ok: true,
    value: {
      ok: false,
      code: 'har-not-text',
      // The `import` command's words (test/cli/import-not-utf8.test.ts).
      reason:
        'The HAR file is not valid UTF-8: byte 32 (0xc3) begins an invalid or incomplete UTF-8 sequence. Save it encoded as UTF-8, then import it again.',
    },
  });
});

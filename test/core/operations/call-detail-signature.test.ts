import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallDetail } from '../../../main/contract/api';
import { STYLES, verify } from '../../../main/core/signature';
import { DATA_FILES } from '../../../main/core/data-folder';
import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import { startCore, type RunningCore } from '../../helpers/running-core';

const KEY = 'detail-test-key';
const vectorsDir = fileURLToPath(new URL('../../fixtures/signature/', import.meta.url));
const nonAscii = (
  JSON.parse(readFileSync(`${vectorsDir}vectors.json`, 'utf8')) as {
    vectors: { name: string; key: string; styles: { go: { signedBody: string } } }[];
  }
).vectors.find((v) => v.name === 'non-ascii')!;

let running: RunningCore | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

async function postAndOpen(core: RunningCore, body: string): Promise<CallDetail> {
  // The action comes from the body.
  const answer = await core.post('/actions', body);
  expect(answer.status).toBe(200);
  const page = await core.core.api.listCalls({ limit: 1 });
  const detail = await core.core.api.getCall(page.calls[0]!.id);
  if (!detail) throw new Error('stored call not found');
  return detail;
}

/** The signature report as the history file holds it (what the server stored on the answer path). */
function storedReport(core: RunningCore, id: number): Record<string, unknown> {
  const db = new Database(join(core.dataDir, DATA_FILES.history), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT signature_report FROM calls WHERE id = ?').get(id) as { signature_report: string };
    return JSON.parse(row.signature_report) as Record<string, unknown>;
  } finally {
    db.close();
  }
}

/** What verifying every style when the detail is opened would say. */
const fullReport = (detail: CallDetail, key: string) =>
  verify(Buffer.from(detail.requestBodyBase64, 'base64'), key, { receivedAt: detail.receivedAt, includeCanonical: true });

describe('call detail of a call checked up to its first matching style', () => {
  it('a plain call: one style stored, all 13 digests, matched flags and signed texts when opened', async () => {
    const core = (running = await startCore({ key: KEY }));
    const detail = await postAndOpen(core, signedBody(flowentPayload('send_email', { recipient: 'user@example.com' }), KEY));
    expect(storedReport(core, detail.id)).toMatchObject({ computed: 1, style: 'python' });
    expect(detail.signature).toStrictEqual(fullReport(detail, KEY));
    expect(detail.signature.styles).toHaveLength(STYLES.length);
    expect(detail.signature.styles.every((s) => s.expected !== null && s.canonical !== undefined)).toBe(true);
  });

  it('a Go-signed non-ASCII call: stopped at the second style, opened as the full report (python still unmatched)', async () => {
    const core = (running = await startCore({ key: nonAscii.key }));
    const detail = await postAndOpen(core, nonAscii.styles.go.signedBody);
    expect(storedReport(core, detail.id)).toMatchObject({ computed: 2, style: 'go' });
    expect(detail.signature).toStrictEqual(fullReport(detail, nonAscii.key));
    expect(detail.signature.styles.find((s) => s.style === 'python')?.matched).toBe(false);
  });

  it('after the key changes or is cleared: the other styles sign alike or have no digest, the diagnosis says why; the old key brings them back', async () => {
    // A key from the environment comes back when the session's is cleared: this one is the session's alone.
    const core = (running = await startCore({ key: null }));
    expect((await core.core.api.setHmacKey(KEY)).ok).toBe(true);
    // Non-ASCII, HTML characters, keys out of order: the styles sign several texts, so some cannot be worked out without the key.
    const first = await postAndOpen(core, signedBody(flowentPayload('send_email', { subject: 'Hi <b>é</b>', recipient: 'a@b.c' }), KEY));
    const full = fullReport(first, KEY);
    const at = full.styles.findIndex((s) => s.matched);

    /** Checking stopped at the first match: the styles after it sign the same bytes as a computed one (same digest, no key needed) or are unknown. */
    const expectAlikeOrUnknown = (report: CallDetail['signature']) => {
      expect(report.styles.slice(0, at + 1)).toStrictEqual(full.styles.slice(0, at + 1));
      const after = report.styles.slice(at + 1);
      after.forEach((s, i) => {
        const truth = full.styles[at + 1 + i]!;
        expect(s.canonical).toBe(truth.canonical);
        const alike = full.styles.slice(0, at + 1).some((computed) => computed.canonical === s.canonical);
        expect([s.expected, s.matched]).toStrictEqual(alike ? [truth.expected, truth.matched] : [null, false]);
      });
      expect(after.some((s) => s.expected === null)).toBe(true);
    };

    expect((await core.core.api.setHmacKey('a-different-key')).ok).toBe(true);
    const changed = (await core.core.api.getCall(first.id))!.signature;
    expect(changed.verdict).toBe('valid');
    expect(changed.style).toBe(full.styles[at]!.style);
    expectAlikeOrUnknown(changed);
    expect(changed.diagnosis).toContainEqual(
      expect.objectContaining({ code: 'styles-not-computed', message: expect.stringMatching(/HMAC key has changed since/) }),
    );

    expect((await core.core.api.clearHmacKey()).ok).toBe(true);
    const cleared = (await core.core.api.getCall(first.id))!.signature;
    expectAlikeOrUnknown(cleared);
    expect(cleared.diagnosis).toContainEqual(
      expect.objectContaining({ code: 'styles-not-computed', message: expect.stringMatching(/no HMAC key is set now/) }),
    );

    expect((await core.core.api.setHmacKey(KEY)).ok).toBe(true);
    expect((await core.core.api.getCall(first.id))!.signature).toStrictEqual(full);
  });

  it('a call every style signs alike reads whole without its key: every digest, no "not computed"', async () => {
    const core = (running = await startCore({ key: null }));
    expect((await core.core.api.setHmacKey(KEY)).ok).toBe(true);
    const first = await postAndOpen(core, signedBody(flowentPayload('send_email'), KEY));
    const full = fullReport(first, KEY);
    expect((await core.core.api.clearHmacKey()).ok).toBe(true);
    const cleared = (await core.core.api.getCall(first.id))!.signature;
    expect(cleared.styles).toStrictEqual(full.styles);
    expect(cleared.diagnosis.map((d) => d.code)).not.toContain('styles-not-computed');
  });

  it('a call with a bad signature is stored with every style, as before', async () => {
    const core = (running = await startCore({ key: KEY }));
    const detail = await postAndOpen(core, signedBody(flowentPayload('send_email'), 'not-the-key'));
    expect(detail.verdict).toBe('invalid');
    expect(storedReport(core, detail.id)).not.toHaveProperty('computed');
    expect(detail.signature).toStrictEqual(fullReport(detail, KEY));
  });
});

import { describe, expect, it } from 'vitest';
import type { HandlerSignature, HeaderPair } from '../../../main/contract/api';
import { isSignatureComplaint, judgeHandlerSignature } from '../../../main/core/handler-check';

const JSON_TYPE: HeaderPair[] = [['Content-Type', 'application/json']];
const TEXT_TYPE: HeaderPair[] = [['Content-Type', 'text/plain; charset=utf-8']];
const HTML_TYPE: HeaderPair[] = [['content-type', 'text/html; charset=utf-8']];

const answer = (status: number, body: string, headers: HeaderPair[] = JSON_TYPE) => ({
  status,
  headers,
  body: new TextEncoder().encode(body),
});

// [what answered this way, status, body, headers, verdict]
const ANSWERS: [string, number, string, HeaderPair[], HandlerSignature][] = [
  // Refusals in Flowent's shape and in the usual frameworks' shapes.
  ["Flowent's docs' handler", 401, '{"error":"Invalid signature"}', JSON_TYPE, 'refused'],
  ["Flowent's docs' handler, no signature", 401, '{"error":"Missing signature"}', JSON_TYPE, 'refused'],
  ["Flowent's answer shape", 401, '{"result":"","error":"Invalid signature"}', JSON_TYPE, 'refused'],
  ['FastAPI HTTPException', 401, '{"detail":"bad signature"}', JSON_TYPE, 'refused'],
  ['FastAPI, 400', 400, '{"detail":"Signature verification failed"}', JSON_TYPE, 'refused'],
  ['Express, message field', 403, '{"message":"HMAC mismatch"}', JSON_TYPE, 'refused'],
  ['Express, 400 with message', 400, '{"message":"HMAC mismatch"}', JSON_TYPE, 'refused'],
  [
    'Spring error body',
    401,
    '{"timestamp":"2026-01-01T00:00:00Z","status":401,"error":"Unauthorized","message":"Invalid HMAC signature","path":"/actions/send_email"}',
    JSON_TYPE,
    'refused',
  ],
  [
    'nested error object',
    422,
    '{"error":{"code":"invalid_signature","message":"The request could not be verified"}}',
    JSON_TYPE,
    'refused',
  ],
  ['error code only, snake case', 400, '{"error":"invalid_signature"}', JSON_TYPE, 'refused'],
  ['error code, camel case', 400, '{"code":400,"error":"SignatureDoesNotMatch"}', JSON_TYPE, 'refused'],
  ['list of errors', 400, '{"errors":[{"field":"signature","msg":"signature is required"}]}', JSON_TYPE, 'refused'],
  ['a JSON string', 400, '"signature mismatch"', JSON_TYPE, 'refused'],
  ['plain text', 401, 'Invalid signature', TEXT_TYPE, 'refused'],
  ['plain text, 400', 400, 'Webhook signature could not be verified', TEXT_TYPE, 'refused'],
  ['plain text, could not verify', 500, "Error: couldn't verify the HMAC", TEXT_TYPE, 'refused'],
  ['plain text, does not match', 400, "signature doesn't match", TEXT_TYPE, 'refused'],
  ['plain text, is not valid', 400, 'The HMAC is not valid for this body', TEXT_TYPE, 'refused'],
  ['digest mismatch', 400, 'digest mismatch', TEXT_TYPE, 'refused'],
  [
    'HTML error page',
    400,
    '<html><head><title>Error</title></head><body><h1>Bad Request</h1><p>Invalid signature.</p></body></html>',
    HTML_TYPE,
    'refused',
  ],
  [
    'Werkzeug 401 page',
    401,
    '<!doctype html><title>401 Unauthorized</title><h1>Unauthorized</h1><p>The server could not verify that you are authorized to access the URL requested.</p>',
    HTML_TYPE,
    'refused',
  ],
  ['bare 401', 401, '', [], 'refused'],
  ['bare 403', 403, 'Forbidden', TEXT_TYPE, 'refused'],
  ['a 200 that refuses in its error field', 200, '{"result":"","error":"Invalid signature"}', JSON_TYPE, 'refused'],

  // Success, whatever the result talks about.
  ['a plain success', 200, '{"result":"Email sent","error":""}', JSON_TYPE, 'accepted'],
  ['a 201', 201, '{"result":"created","error":""}', JSON_TYPE, 'accepted'],
  ['a 204', 204, '', [], 'accepted'],
  ['registration check answer', 200, '{"result":"Test successful for action: send_email","error":""}', JSON_TYPE, 'accepted'],
  [
    'an e-signature action',
    200,
    '{"result":"Invalid signature fields were skipped; signature request sent","error":""}',
    JSON_TYPE,
    'accepted',
  ],
  [
    'a 200 with a message field',
    200,
    '{"result":"ok","error":"","message":"signature mismatch ignored in test mode"}',
    JSON_TYPE,
    'accepted',
  ],
  ['a 200 failing for another reason', 200, '{"result":"","error":"SMTP server unreachable"}', JSON_TYPE, 'accepted'],
  ['a 200 that is not JSON', 200, 'ok', TEXT_TYPE, 'accepted'],

  // Failures that say nothing about the signature.
  ["Flowent's docs' handler on a real call", 500, '{"result":"","error":"too many values to unpack (expected 2)"}', JSON_TYPE, 'unknown'],
  [
    'a Python traceback',
    500,
    'Traceback (most recent call last):\n  File "app.py", line 12, in handle\n    hmac.compare_digest(a, b)\nKeyError: \'signature\'',
    TEXT_TYPE,
    'unknown',
  ],
  ['invalid JSON', 400, '{"error":"Invalid JSON payload"}', JSON_TYPE, 'unknown'],
  [
    'validation error',
    422,
    '{"detail":[{"loc":["body","parameters","recipient"],"msg":"field required","type":"value_error.missing"}]}',
    JSON_TYPE,
    'unknown',
  ],
  ['not found', 404, '{"error":"Action not found"}', JSON_TYPE, 'unknown'],
  [
    'an e-signature action failing',
    500,
    '{"result":"","error":"Failed to create signature request: provider returned 503"}',
    JSON_TYPE,
    'unknown',
  ],
  ['an e-signature action, no request found', 404, '{"error":"No signature request found for document 12"}', JSON_TYPE, 'unknown'],
  ['a daily digest failing', 500, '{"error":"Daily digest failed to send"}', JSON_TYPE, 'unknown'],
  ['a redirect', 302, '', [['Location', '/login']], 'unknown'],
  ['bad gateway HTML', 502, '<html><body><h1>502 Bad Gateway</h1></body></html>', HTML_TYPE, 'unknown'],
  ["the docs' replay guard", 401, '{"error":"Request timestamp too old"}', JSON_TYPE, 'unknown'],
  ['a bearer token check', 401, '{"detail":"Not authenticated"}', JSON_TYPE, 'unknown'],
  ['an API key check', 403, '{"message":"Invalid API key"}', JSON_TYPE, 'unknown'],
];

describe('judgeHandlerSignature', () => {
  it.each(ANSWERS.map(([what, status, body, headers, verdict]) => [what, status, verdict, body, headers] as const))(
    '%s: %i is %s',
    (_what, status, verdict, body, headers) => {
      expect(judgeHandlerSignature(answer(status, body, headers)).verdict).toBe(verdict);
    },
  );

  it('names the status and the text that decided', () => {
    expect(judgeHandlerSignature(answer(401, '{"error":"Invalid signature"}')).evidence).toBe('401 "Invalid signature"');
    expect(judgeHandlerSignature(answer(200, '{"result":"ok","error":""}')).evidence).toBe('200');
    expect(judgeHandlerSignature(answer(401, '')).evidence).toBe('401');
    expect(judgeHandlerSignature(answer(500, '{"result":"","error":"too many values to unpack"}')).evidence).toBe(
      '500 "too many values to unpack"',
    );
    expect(judgeHandlerSignature(answer(400, '<p>Invalid   signature.</p>', HTML_TYPE)).evidence).toBe('400 "Invalid signature."');
  });

  it('shortens long texts and keeps them on one line', () => {
    const { evidence } = judgeHandlerSignature(answer(401, `Invalid signature\n${'x'.repeat(500)}`, TEXT_TYPE));
    expect(evidence.length).toBeLessThan(140);
    expect(evidence).not.toContain('\n');
    expect(evidence.endsWith('…"')).toBe(true);
  });

  it('reads only the start of a huge answer, and still decides', () => {
    const huge = `Invalid signature ${'.'.repeat(2_000_000)}`;
    expect(judgeHandlerSignature(answer(400, huge, TEXT_TYPE)).verdict).toBe('refused');
    expect(judgeHandlerSignature(answer(200, `{"result":"${'a'.repeat(2_000_000)}","error":""}`)).verdict).toBe('accepted');
  });

  it('never throws on bytes that are not text', () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0x7b]);
    expect(judgeHandlerSignature({ status: 401, headers: [], body: bytes }).verdict).toBe('refused');
    expect(judgeHandlerSignature({ status: 500, headers: [], body: bytes }).verdict).toBe('unknown');
  });
});

describe('isSignatureComplaint', () => {
  it.each([
    'Invalid signature',
    'Missing signature',
    'no signature provided',
    'Bad webhook signature',
    'signature verification failed',
    'HMAC validation failed',
    'Signature is invalid',
    'signature required',
    'the signature does not match',
    "HMAC wasn't verified",
    'Unable to validate the request signature',
    'invalid hmac-sha256 signature',
    'InvalidSignature',
  ])('%s is about the signature', (text) => {
    expect(isSignatureComplaint(text)).toBe(true);
  });

  it.each([
    'Signature request sent to a@example.com',
    'Failed to create signature request',
    'signature field missing on page 2',
    'Email signature updated',
    'The signature matched',
    'Daily digest failed',
    'Invalid JSON payload',
    'Request timestamp too old',
  ])('%s is not', (text) => {
    expect(isSignatureComplaint(text)).toBe(false);
  });
});

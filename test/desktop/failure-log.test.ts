import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_FILES } from '../../main/core/data-folder';
import { redactSecrets } from '../../main/contract/redact-secrets';
import { createFailureLog } from '../../main/desktop/failure-log';

let dir: string;
const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);
const at = () => new Date('2025-03-04T05:06:07.089Z');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'failure-log-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the desktop failure log', () => {
  it('writes one line per failure in the data folder: the ISO time, what failed and why, private to the user', () => {
    const log = createFailureLog(dir, { now: at, echo: () => {} });
    const error = Object.assign(new Error('permission denied, open settings'), { code: 'EACCES' });
    log.failed('Could not save the settings', error);
    log.failed('Refused IPC call getStatus from an unknown sender (https://evil.example/).');
    log.failed('Internal error', new Error('handler broke\n    at somewhere (file.ts:1:2)', { cause: new Error('disk full') }));
    expect(log.file).toBe(join(dir, DATA_FILES.desktopLog));
    expect(lines(log.file)).toEqual([
      '2025-03-04T05:06:07.089Z Could not save the settings: permission denied, open settings (EACCES)',
      '2025-03-04T05:06:07.089Z Refused IPC call getStatus from an unknown sender (https://evil.example/).',
      '2025-03-04T05:06:07.089Z Internal error: handler broke |     at somewhere (file.ts:1:2); cause: disk full',
    ]);
    if (process.platform !== 'win32') expect(statSync(log.file).mode & 0o777).toBe(0o600);
  });

  it('moves a full log to one .1 file, replacing the one there, so it never takes more than twice its bound', () => {
    const log = createFailureLog(dir, { now: at, echo: () => {}, maxBytes: 200 });
    const line = (n: number) => `failure ${n} ${'x'.repeat(40)}`;
    for (let n = 1; n <= 12; n += 1) log.failed(line(n));
    const current = lines(log.file);
    const previous = lines(`${log.file}.1`);
    expect(statSync(log.file).size).toBeLessThanOrEqual(200);
    expect(statSync(`${log.file}.1`).size).toBeLessThanOrEqual(200);
    expect(current.at(-1)).toContain(line(12));
    // The newest lines, in order, across the two files; the oldest are gone.
    const kept = [...previous, ...current].map((l) => l.split(' ')[2]);
    expect(kept).toEqual(kept.map((_, i) => String(12 - kept.length + 1 + i)));
    expect(kept.length).toBeLessThan(12);
  });

  it('writes no secret: known values, URL credentials, credential headers and token fields are taken out', () => {
    const hmacKey = 'whsec-hmac-key-0123456789';
    const ngrok = '2abcNGROKauthtoken_xyz';
    const log = createFailureLog(dir, { now: at, echo: () => {}, secrets: () => [hmacKey, ngrok, null, 'ab'] });
    log.failed('Could not connect', new Error(`ngrok refused authtoken ${ngrok} (key ${hmacKey})`));
    log.failed('Forward failed', new Error('POST https://deploy:S3CRET@shop.example/hook?token=abc123&page=2 answered 401'));
    log.failed('Gateway said', new Error('{"authorization":"Bearer api_live_999","x-api-key":"k-777","status":401}'));
    log.failed('Headers', new Error('Authorization: Bearer api_live_998, X-Auth-Token: t-555; status: 401'));
    const text = readFileSync(log.file, 'utf8');
    for (const secret of [hmacKey, ngrok, 'S3CRET', 'abc123', 'api_live_999', 'k-777', 'api_live_998', 't-555']) {
      expect(text).not.toContain(secret);
    }
    expect(lines(log.file)).toEqual([
      '2025-03-04T05:06:07.089Z Could not connect: ngrok refused authtoken [redacted] (key [redacted])',
      '2025-03-04T05:06:07.089Z Forward failed: POST https://deploy:***@shop.example/hook?token=[redacted]&page=2 answered 401',
      '2025-03-04T05:06:07.089Z Gateway said: {"authorization":"[redacted]","x-api-key":"[redacted]","status":401}',
      '2025-03-04T05:06:07.089Z Headers: Authorization: [redacted], X-Auth-Token: [redacted]; status: 401',
    ]);
  });

  // Only the value as typed was taken out: a key with a quote, a backslash or a letter past
  // ASCII went into the log whole inside a serialized object or a URL.
  it('takes a known secret out as a JSON string and a URL carry it too', () => {
    const key = 'k3y"with\\quoteé';
    const log = createFailureLog(dir, { now: at, echo: () => {}, secrets: () => [key] });
    log.failed('Saving failed', new Error(`the body was ${JSON.stringify({ key, size: 2 })}`));
    log.failed('Loading failed', new Error(`GET http://127.0.0.1:1/x?k=${encodeURIComponent(key)}&page=2 failed`));
    log.failed('Checking failed', new Error(`with ${key} as typed`));
    expect(lines(log.file)).toEqual([
      '2025-03-04T05:06:07.089Z Saving failed: the body was {"key":"[redacted]","size":2}',
      '2025-03-04T05:06:07.089Z Loading failed: GET http://127.0.0.1:1/x?k=[redacted]&page=2 failed',
      '2025-03-04T05:06:07.089Z Checking failed: with [redacted] as typed',
    ]);
  });

  it('leaves what is no secret as it is', () => {
    expect(redactSecrets('Blocked a navigation to https://evil.example:8443/path?page=2 (status: 401)', [])).toBe(
      'Blocked a navigation to https://evil.example:8443/path?page=2 (status: 401)',
    );
  });

  it('never throws when the log cannot be written, and tells the console once', () => {
    mkdirSync(join(dir, DATA_FILES.desktopLog));
    const echo = vi.fn();
    const log = createFailureLog(dir, { now: at, echo });
    expect(() => log.failed('first')).not.toThrow();
    expect(() => log.failed('second')).not.toThrow();
    const told = echo.mock.calls.map(([line]) => String(line));
    expect(told.filter((line) => line.startsWith('Could not write'))).toHaveLength(1);
    expect(told.filter((line) => line.endsWith('second'))).toHaveLength(1);
    const throwing = createFailureLog(dir, {
      echo: () => {},
      secrets: () => {
        throw new Error('keychain gone');
      },
    });
    expect(() => throwing.failed('third')).not.toThrow();
  });
});

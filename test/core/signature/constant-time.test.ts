import { describe, expect, it, vi } from 'vitest';
import { AT, KEY, T, enc, hmac, withSignature } from './helpers';

const calls = vi.hoisted(() => ({ timingSafeEqual: 0 }));

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return {
    ...actual,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      calls.timingSafeEqual++;
      return actual.timingSafeEqual(a, b);
    },
  };
});

const { verify, STYLES } = await import('../../../main/core/signature');

describe('constant-time comparison', () => {
  it('compares signatures with crypto.timingSafeEqual, once per style', () => {
    const body = `{"action_name":"a","parameters":{},"timestamp":${T}}`;
    calls.timingSafeEqual = 0;
    const report = verify(enc(withSignature(body, hmac(KEY, body))), KEY, { receivedAt: AT });
    expect(report.verdict).toBe('valid');
    expect(calls.timingSafeEqual).toBe(STYLES.length);
  });
});

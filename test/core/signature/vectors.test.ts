import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { canonicalize, verify } from '../../../main/core/signature';
import type { StyleName } from '../../../main/contract/names-and-limits';

const dir = fileURLToPath(new URL('../../fixtures/signature/', import.meta.url));
const committed = readFileSync(`${dir}vectors.json`, 'utf8');

interface VectorStyle {
  canonical: string;
  signature: string;
  signedBody: string;
  expectedStyle: StyleName;
}
interface Vector {
  name: string;
  key: string;
  body: string;
  styles: Record<'python' | 'go' | 'go-struct', VectorStyle>;
}
const vectors = (JSON.parse(committed) as { vectors: Vector[] }).vectors;
const encode = (s: string): Uint8Array => new TextEncoder().encode(s);
const receivedAt = 1645123456_000;

const hasPython = spawnSync('python3', ['--version']).status === 0;

describe('independent vectors (test/fixtures/signature/make-vectors.py)', () => {
  it.skipIf(!hasPython)('the committed vectors.json is exactly what the script generates', () => {
    const fresh = execFileSync('python3', [`${dir}make-vectors.py`, '--stdout'], { encoding: 'utf8' });
    expect(fresh).toBe(committed);
  });

  it('covers the cases the brief lists', () => {
    const names = vectors.map((v) => v.name);
    for (const n of [
      'non-ascii',
      'emoji',
      'html-chars',
      'line-separators',
      'nested-unsorted',
      'floats',
      'large-integers',
      'registration-check',
      'escapes-in-input',
    ]) {
      expect(names).toContain(n);
    }
    expect(vectors.length).toBeGreaterThanOrEqual(15);
  });

  for (const v of vectors) {
    for (const style of ['python', 'go', 'go-struct'] as const) {
      const expected = v.styles[style];
      it(`${v.name}: canonicalize(${style}) equals the Python bytes`, () => {
        const ours = canonicalize(encode(v.body), style);
        expect(ours).toBeDefined();
        expect(Buffer.from(encode(ours!)).toString('hex')).toBe(Buffer.from(encode(expected.canonical)).toString('hex'));
      });
      it(`${v.name}: a ${style}-signed call verifies as ${expected.expectedStyle}`, () => {
        const report = verify(encode(expected.signedBody), v.key, { receivedAt });
        expect(report.verdict).toBe('valid');
        expect(report.style).toBe(expected.expectedStyle);
        expect(report.received).toBe(expected.signature);
        expect(report.styles.find((s) => s.style === style)?.matched).toBe(true);
      });
    }
  }

  it('maps documented examples to the named styles: a Go-signed non-ASCII call is "go", never "python"', () => {
    const v = vectors.find((x) => x.name === 'non-ascii')!;
    const report = verify(encode(v.styles.go.signedBody), v.key, { receivedAt });
    expect(report.style).toBe('go');
    expect(report.styles.find((s) => s.style === 'python')?.matched).toBe(false);
  });
});

import { loadLazily } from '../load-lazily';

const loadDiff = loadLazily<typeof import('diff')>('diff');
import type { AnswerDiff, DiffLine, HeaderChange, HeaderPair } from '../../contract/api';

/** Headers that differ between any two answers and say nothing about the handler's behaviour. */
const VOLATILE_HEADERS = new Set([
  'date',
  'content-length',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'age',
  'etag',
  'last-modified',
]);

// The diff's shape is the contract's: the renderer shows it as is.
export type { AnswerDiff, DiffLine, HeaderChange } from '../../contract/api';

export interface AnswerSide {
  status: number;
  headers: HeaderPair[];
  body: Uint8Array;
}

export function diffAnswers(before: AnswerSide, after: AnswerSide): AnswerDiff {
  const status = { before: before.status, after: after.status, changed: before.status !== after.status };
  const headers = diffHeaders(before.headers, after.headers);
  const left = prettyBody(before.body);
  const right = prettyBody(after.body);
  const json = left.json && right.json;
  const lines: DiffLine[] = [];
  for (const change of loadDiff().diffLines(json ? left.text : rawText(before.body), json ? right.text : rawText(after.body))) {
    const kind: DiffLine['kind'] = change.added ? 'added' : change.removed ? 'removed' : 'same';
    for (const text of splitLines(change.value)) lines.push({ kind, text });
  }
  const bodyChanged = lines.some((line) => line.kind !== 'same');
  return { changed: status.changed || headers.length > 0 || bodyChanged, status, headers, body: { changed: bodyChanged, json, lines } };
}

function diffHeaders(before: HeaderPair[], after: HeaderPair[]): HeaderChange[] {
  const collect = (pairs: HeaderPair[]) => {
    const map = new Map<string, string>();
    for (const [name, value] of pairs) {
      const lower = name.toLowerCase();
      if (VOLATILE_HEADERS.has(lower)) continue;
      map.set(lower, map.has(lower) ? `${map.get(lower)}, ${value}` : value);
    }
    return map;
  };
  const left = collect(before);
  const right = collect(after);
  const names = [...new Set([...left.keys(), ...right.keys()])].sort();
  return names
    .filter((name) => left.get(name) !== right.get(name))
    .map((name) => ({ name, before: left.get(name) ?? null, after: right.get(name) ?? null }));
}

function rawText(body: Uint8Array): string {
  return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
}

function prettyBody(body: Uint8Array): { json: boolean; text: string } {
  const text = rawText(body);
  try {
    return { json: true, text: `${JSON.stringify(JSON.parse(text), null, 2)}\n` };
  } catch {
    return { json: false, text };
  }
}

function splitLines(value: string): string[] {
  const lines = value.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

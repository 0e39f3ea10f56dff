import { describe, expect, it } from 'vitest';
import {
  addOutcome,
  emptyKnowledge,
  handlerStyles,
  handlerTargetKey,
  learnFromAnswer,
  outcomeOf,
  withAnswer,
  withProbe,
  type HandlerOutcome,
  type HandlerSignatureVerdict,
} from '../../../main/core/handler-check';
import { STYLES } from '../../../main/core/signature';
import { InMemoryHandlerMemory } from './in-memory-handler-memory';
import type { StyleName } from '../../../main/contract/names-and-limits';

const ALL: StyleName[] = STYLES.map((s) => s.name);
const accepted: HandlerSignatureVerdict = { verdict: 'accepted', evidence: '200' };
const refused: HandlerSignatureVerdict = { verdict: 'refused', evidence: '401 "Invalid signature"' };
const unknown: HandlerSignatureVerdict = { verdict: 'unknown', evidence: '500 "boom"' };

describe('outcomeOf: what an answer teaches', () => {
  it('a valid call teaches the styles it is valid in', () => {
    expect(outcomeOf({ verdict: 'valid', validIn: ['python', 'raw'] }, 'refused')).toEqual({
      handler: 'refused',
      validIn: ['python', 'raw'],
    });
  });

  it.each(['invalid', 'malformed', 'missing'] as const)('a %s signature teaches whether the handler checks at all', (verdict) => {
    expect(outcomeOf({ verdict, validIn: [] }, 'accepted')).toEqual({ handler: 'accepted', validIn: [] });
  });

  it.each(['unsigned-test', 'no-key', 'not-flowent'] as const)('a %s call teaches nothing', (verdict) => {
    expect(outcomeOf({ verdict, validIn: [] }, 'refused')).toBeNull();
  });

  it('an answer that says nothing about the signature teaches nothing', () => {
    expect(outcomeOf({ verdict: 'valid', validIn: ['go'] }, 'unknown')).toBeNull();
  });
});

describe('addOutcome and handlerStyles', () => {
  it('narrows the possible styles with each call that tells styles apart', () => {
    let known = emptyKnowledge();
    expect(handlerStyles(known)).toEqual({ possible: [], refused: [] });
    known = addOutcome(known, { handler: 'accepted', validIn: ALL }); // plain ASCII: every style
    expect(handlerStyles(known).possible).toEqual(ALL);
    known = addOutcome(known, { handler: 'accepted', validIn: ['python', 'raw', 'nested-sorted+ascii'] });
    expect(handlerStyles(known).possible).toEqual(['python', 'raw', 'nested-sorted+ascii']);
    known = addOutcome(known, { handler: 'refused', validIn: ['go', 'go-struct', 'raw'] });
    expect(handlerStyles(known)).toEqual({ possible: ['python', 'nested-sorted+ascii'], refused: ['go', 'go-struct', 'raw'] });
    expect(known).toMatchObject({ accepted: 2, refused: 1, acceptedUnverified: 0, refusedUnverified: 0 });
    expect(known.styles.python).toEqual({ accepted: 2, refused: 0 });
    expect(known.styles.raw).toEqual({ accepted: 2, refused: 1 });
  });

  it('counts calls with a signature valid in no style apart', () => {
    let known = addOutcome(emptyKnowledge(), { handler: 'accepted', validIn: [] });
    known = addOutcome(known, { handler: 'refused', validIn: [] });
    expect(known).toEqual({ ...emptyKnowledge(), acceptedUnverified: 1, refusedUnverified: 1 });
  });

  it('a valid signature rejected on bytes every style signs alike teaches about the key or the check, not about any style', () => {
    const known = addOutcome(emptyKnowledge(), { handler: 'refused', validIn: ALL });
    // Not 13 styles rejected one by one: the call could not tell them apart.
    expect(handlerStyles(known)).toEqual({ possible: [], refused: [] });
    expect(known).toEqual({ ...emptyKnowledge(), refused: 1, refusedAlike: 1 });
    // It still fits no style with this key: a call it accepts later leaves none possible.
    expect(handlerStyles(addOutcome(known, { handler: 'accepted', validIn: ['python'] })).possible).toEqual([]);
    // Calls that tell styles apart still name the styles they show.
    expect(handlerStyles(addOutcome(known, { handler: 'refused', validIn: ['go', 'raw'] })).refused).toEqual(['go', 'raw']);
  });

  it('leaves the knowledge it was given as it was', () => {
    const before = addOutcome(emptyKnowledge(), { handler: 'accepted', validIn: ['python'] });
    const copy = structuredClone(before);
    addOutcome(before, { handler: 'accepted', validIn: ['python', 'go'] });
    expect(before).toEqual(copy);
  });
});

describe('withProbe: what a probe adds to what was known', () => {
  const wrongRefused: HandlerOutcome = { handler: 'refused', validIn: [] };
  /** A JSON.stringify handler's go-signed call with non-ASCII text and <&>, refused. */
  const goRefused: HandlerOutcome = { handler: 'refused', validIn: ['go', 'go-struct', 'raw', 'nested-sorted+go'] };

  it('a probe whose one request every style signs alike keeps the styles earlier calls refused', () => {
    const before = addOutcome(emptyKnowledge(), goRefused);
    const after = withProbe(before, [{ handler: 'accepted', validIn: ALL }, wrongRefused]);
    expect(handlerStyles(after).refused).toEqual(['go', 'go-struct', 'raw', 'nested-sorted+go']);
    expect(handlerStyles(after).possible).toEqual(ALL.filter((style) => !goRefused.validIn.includes(style)));
    expect(after).toMatchObject({ accepted: 1, refused: 1, refusedUnverified: 1 });
  });

  it('a probe that tells some styles apart narrows what was known, when both can be true', () => {
    const before = addOutcome(addOutcome(emptyKnowledge(), goRefused), { handler: 'accepted', validIn: ALL });
    const after = withProbe(before, [
      { handler: 'accepted', validIn: ['as-sent+utf8', 'raw'] },
      { handler: 'refused', validIn: ['python', 'raw'] },
      wrongRefused,
    ]);
    expect(handlerStyles(after)).toEqual({ possible: ['as-sent+utf8'], refused: ['python', 'go', 'go-struct', 'raw', 'nested-sorted+go'] });
    expect(after).toMatchObject({ accepted: 2, refused: 2, refusedUnverified: 1 });
  });

  it('a handler fixed since: accepting a style it refused leaves no style fitting both, so the probe replaces what was known', () => {
    const before = addOutcome(emptyKnowledge(), goRefused);
    const probe = [{ handler: 'accepted', validIn: ['go', 'nested-sorted+go'] }, wrongRefused] as const;
    expect(withProbe(before, probe)).toEqual(withProbe(emptyKnowledge(), probe));
    expect(handlerStyles(withProbe(before, probe))).toEqual({ possible: ['go', 'nested-sorted+go'], refused: [] });
  });

  it('a key changed since: the probe refused every style of a handler that accepted calls, so what was known goes', () => {
    const before = addOutcome(emptyKnowledge(), { handler: 'accepted', validIn: ['python'] });
    const after = withProbe(before, [{ handler: 'refused', validIn: ALL }, wrongRefused]);
    expect(after).toMatchObject({ accepted: 0, refused: 1, refusedUnverified: 1 });
  });

  it('a handler hashing text no style writes: a probe refusing only calls the styles tell apart keeps its earlier acceptances', () => {
    // Accepted a plain ASCII call (every style alike), refused a non-ASCII one it hashes as latin1; the probe of that call refuses every style's.
    const asciiAccepted: HandlerOutcome = { handler: 'accepted', validIn: ALL };
    const utf8Refused: HandlerOutcome = { handler: 'refused', validIn: ['as-sent+utf8', 'go', 'raw'] };
    const before = addOutcome(addOutcome(emptyKnowledge(), asciiAccepted), utf8Refused);
    // Each style's request refused, none signed alike by all: no style fits, yet nothing says the handler changed.
    const after = withProbe(before, [
      { handler: 'refused', validIn: ALL.slice(0, 6) },
      { handler: 'refused', validIn: ALL.slice(6) },
      wrongRefused,
    ]);
    expect(after).toMatchObject({ accepted: 1, refused: 3, refusedUnverified: 1 });
  });

  it('leaves the knowledge it was given as it was', () => {
    const before = addOutcome(emptyKnowledge(), goRefused);
    const copy = structuredClone(before);
    withProbe(before, [{ handler: 'accepted', validIn: ['go'] }]);
    expect(before).toEqual(copy);
  });
});

describe("withAnswer: one call's answer added to what was known", () => {
  const pythonCall: StyleName[] = ['python', 'raw', 'sorted+ascii'];

  it('adds an answer that can be true of the handler as it was', () => {
    const before = addOutcome(emptyKnowledge(), { handler: 'refused', validIn: ['go', 'raw'] });
    const outcome: HandlerOutcome = { handler: 'accepted', validIn: pythonCall };
    expect(withAnswer(before, outcome)).toEqual(addOutcome(before, outcome));
    // A refusal never proves a change: a handler whose key changed is told so by no-style-fits.
    const refusal: HandlerOutcome = { handler: 'refused', validIn: pythonCall };
    expect(withAnswer(addOutcome(emptyKnowledge(), outcome), refusal)).toEqual(addOutcome(addOutcome(emptyKnowledge(), outcome), refusal));
  });

  it('a handler fixed since: a style accepted in every one of which it refused a call starts the record again', () => {
    const refusals: HandlerOutcome[] = [
      { handler: 'refused', validIn: pythonCall },
      { handler: 'refused', validIn: [] },
    ];
    const before = refusals.reduce(addOutcome, emptyKnowledge());
    const fixed: HandlerOutcome = { handler: 'accepted', validIn: pythonCall };
    expect(withAnswer(before, fixed)).toEqual(addOutcome(emptyKnowledge(), fixed));
    expect(handlerStyles(withAnswer(before, fixed))).toEqual({ possible: pythonCall, refused: [] });
  });

  it('a handler given the right key since: a call every style signs alike, refused, then a signed call accepted', () => {
    const before = addOutcome(emptyKnowledge(), { handler: 'refused', validIn: ALL });
    const fixed: HandlerOutcome = { handler: 'accepted', validIn: ['python'] };
    expect(withAnswer(before, fixed)).toEqual(addOutcome(emptyKnowledge(), fixed));
  });

  it('an acceptance of a wrong signature is no fix: a handler that checks nothing keeps its record', () => {
    const before = addOutcome(emptyKnowledge(), { handler: 'refused', validIn: ALL });
    const outcome: HandlerOutcome = { handler: 'accepted', validIn: [] };
    expect(withAnswer(before, outcome)).toEqual(addOutcome(before, outcome));
  });
});

describe('handlerTargetKey', () => {
  it.each([
    ['http://localhost:8000/actions/{action_name}', 'http://localhost:8000/actions/%7Baction_name%7D'],
    ['http://127.0.0.1:8000/actions/{action_name}', 'http://localhost:8000/actions/%7Baction_name%7D'],
    ['http://[::1]:8000/actions/{action_name}/', 'http://localhost:8000/actions/%7Baction_name%7D'],
    ['  HTTP://LocalHost:8000/actions/{action_name}  ', 'http://localhost:8000/actions/%7Baction_name%7D'],
    ['https://handler.example.com:443/hook?team=a', 'https://handler.example.com/hook?team=a'],
    ['http://user:secret@handler.example.com/hook#frag', 'http://handler.example.com/hook'],
    ['http://localhost:8000/', 'http://localhost:8000'],
  ])('%s is remembered as %s', (target, key) => {
    expect(handlerTargetKey(target)).toBe(key);
  });

  it('keeps a text that is not a URL as it is (trimmed), so it still names one entry', () => {
    expect(handlerTargetKey(' not a url ')).toBe('not a url');
  });
});

describe('learnFromAnswer', () => {
  it('records under the normalised target and returns what is known now', () => {
    const memory = new InMemoryHandlerMemory();
    learnFromAnswer(memory, 'http://127.0.0.1:8000/actions/{action_name}', { verdict: 'valid', validIn: ['python'] }, accepted);
    const known = learnFromAnswer(memory, 'http://localhost:8000/actions/{action_name}/', { verdict: 'valid', validIn: ['go'] }, refused);
    expect(memory.targets()).toEqual(['http://localhost:8000/actions/%7Baction_name%7D']);
    expect(known).toMatchObject({ accepted: 1, refused: 1 });
  });

  it('records nothing for an answer that teaches nothing, and still says what is known', () => {
    const memory = new InMemoryHandlerMemory();
    const known = learnFromAnswer(memory, 'http://localhost:8000/x', { verdict: 'valid', validIn: ['python'] }, unknown);
    expect(known).toEqual(emptyKnowledge());
    expect(memory.targets()).toEqual([]);
  });
});

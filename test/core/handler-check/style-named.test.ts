import { describe, expect, it } from 'vitest';
import { addOutcome, emptyKnowledge, handlerPreference, styleNamed } from '../../../main/core/handler-check';
import type { StyleName } from '../../../main/contract/names-and-limits';

// A call "Zürich" in raw UTF-8, keys in order, is valid in these (STYLES order): go comes first.
const ALIKE: StyleName[] = ['go', 'go-struct', 'raw', 'as-sent+go', 'as-sent+utf8', 'sorted+utf8'];

describe('the one style a call matching several is named by', () => {
  it('is the style the companion signed it with, whatever the handler verifies with', () => {
    expect(styleNamed(ALIKE, { signedWith: 'raw', handlerVerifies: ['as-sent+utf8'] })).toBe('raw');
  });

  it('is the style its handler verifies with when the companion did not sign it, or signed it in a style it is not valid in', () => {
    expect(styleNamed(ALIKE, { signedWith: null, handlerVerifies: ['python', 'as-sent+utf8', 'sorted+utf8'] })).toBe('as-sent+utf8');
    expect(styleNamed(ALIKE, { signedWith: 'python', handlerVerifies: ['sorted+utf8'] })).toBe('sorted+utf8');
  });

  it('is the first it is valid in otherwise, and none for a call valid in none', () => {
    expect(styleNamed(ALIKE, { signedWith: null, handlerVerifies: ['python'] })).toBe('go');
    expect(styleNamed([], { signedWith: 'raw', handlerVerifies: ['raw'] })).toBeNull();
  });
});

describe("a handler's styles, as the preference for naming a call it answered", () => {
  // It accepted a go-signed "Zürich" sent in go's bytes: go, go-struct and raw each fit.
  const known = addOutcome(emptyKnowledge(), { handler: 'accepted', validIn: ALIKE });

  it('are the styles it verifies with for a call it accepted, or said nothing clear of', () => {
    expect(handlerPreference(known, 'accepted')).toEqual(ALIKE);
    expect(handlerPreference(known, 'unknown')).toEqual(ALIKE);
  });

  it('are none for a call it refused, which it verifies in none of the styles it is valid in', () => {
    // A python-signed call sent in python's bytes is valid in python and raw; raw was no style of its.
    expect(handlerPreference(known, 'refused')).toEqual([]);
    expect(styleNamed(['python', 'raw'], { signedWith: null, handlerVerifies: handlerPreference(known, 'refused') })).toBe('python');
  });
});

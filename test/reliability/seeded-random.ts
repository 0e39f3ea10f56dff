/** A small seeded PRNG (mulberry32): the same seed gives the same bodies, so a failure repeats. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"',
  '\\',
  'null',
  'true',
  '1e999',
  '-0',
  '"action_name"',
  '"parameters"',
  '"timestamp"',
  '"test"',
  '"signature"',
  '\u0000',
  '\ud800',
  '😀',
  ' ',
  '\n',
];

/** Random bytes, random JSON-ish token soup, or a valid call with a few bytes mutated. */
export function fuzzBody(random: () => number, valid: string): Buffer {
  const pick = random();
  if (pick < 0.2) {
    const length = Math.floor(random() * 300);
    return Buffer.from(Array.from({ length }, () => Math.floor(random() * 256)));
  }
  if (pick < 0.5) {
    const count = 1 + Math.floor(random() * 40);
    return Buffer.from(Array.from({ length: count }, () => PIECES[Math.floor(random() * PIECES.length)]).join(''));
  }
  const bytes = Buffer.from(valid);
  const mutations = 1 + Math.floor(random() * 4);
  for (let i = 0; i < mutations; i++) {
    const at = Math.floor(random() * bytes.length);
    const kind = random();
    if (kind < 0.4) bytes[at] = Math.floor(random() * 256);
    else if (kind < 0.7) bytes[at] = (bytes[at] ?? 0) ^ 0x20;
    else return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + Math.floor(random() * 8))]);
  }
  return bytes;
}

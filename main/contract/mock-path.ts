/**
 * A mock path names a value in a mock (`responses[1].body.result`): keys between dots, indexes
 * in brackets. A key that a dot or a bracket would split, or that is empty, is written in
 * brackets after its dot (`body.[a.b]`), as a Handlebars template writes such a key; in them, `\]`
 * is a `]` and `\\` a backslash. Written by the core's checks, read by the places that find the
 * value in the mock's text: one syntax, so a key `a.b` is never taken for `b` inside `a`.
 */

/** A bare key: nothing in it a dot, a bracket or a leading `/` (a JSON pointer's) would read otherwise. */
const BARE_KEY = /^[^./[\]][^.[\]]*$/;

/** `path` with `key` after it, written so that it reads back as that one key. */
export function joinPath(path: string, key: string): string {
  const written = BARE_KEY.test(key) ? key : `[${key.replace(/[\\\]]/g, '\\$&')}]`;
  return path === '' ? written : `${path}.${written}`;
}

/**
 * The keys and indexes of a mock path. Brackets hold an index when they follow a key directly
 * (`items[0]`), a key when they follow a dot or start the path with other than digits.
 */
export function mockPathSegments(path: string): (string | number)[] {
  return [...path.matchAll(/(\.)?\[((?:\\.|[^\\\]])*)\]|([^.[\]]+)/g)].map((match) => {
    const [, dot, inBrackets, bare] = match;
    if (bare !== undefined) return bare;
    const inside = inBrackets ?? '';
    return dot === undefined && /^\d+$/.test(inside) ? Number(inside) : inside.replace(/\\(.)/g, '$1');
  });
}

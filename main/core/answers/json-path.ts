/**
 * JSON paths over the call body: `parameters.user.email`, `$.parameters.items[0].id`,
 * `parameters["odd key"]`. Deliberately small: member access and array indexes, nothing else.
 */
export type PathSegment = string | number;

export type ParsedPath = { ok: true; segments: PathSegment[] } | { ok: false; message: string };

export function parsePath(path: string): ParsedPath {
  let rest = path.trim();
  if (rest.startsWith('$')) rest = rest.slice(1);
  const segments: PathSegment[] = [];
  let first = true;
  while (rest.length > 0) {
    let match: RegExpExecArray | null;
    if ((match = /^\[(\d+)\]/.exec(rest))) {
      segments.push(Number(match[1]));
    } else if ((match = /^\[(?:"((?:[^"\\]|\\.)*)"|'([^']*)')\]/.exec(rest))) {
      segments.push(match[1] !== undefined ? (JSON.parse(`"${match[1]}"`) as string) : (match[2] ?? ''));
    } else if ((match = (first ? /^\.?([A-Za-z_][\w-]*)/ : /^\.([A-Za-z_][\w-]*)/).exec(rest))) {
      segments.push(match[1] ?? '');
    } else {
      return {
        ok: false,
        message: `cannot read the path at "${rest}": use names separated by dots and [index], e.g. parameters.items[0].id`,
      };
    }
    rest = rest.slice(match[0].length);
    first = false;
  }
  if (segments.length === 0) return { ok: false, message: 'the path is empty: name a value, e.g. parameters.recipient' };
  return { ok: true, segments };
}

/** The value at the path, or `undefined` when something along the way is missing. */
export function valueAt(root: unknown, segments: PathSegment[]): unknown {
  let current = root;
  for (const segment of segments) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[segment];
    } else {
      if (current === null || typeof current !== 'object' || Array.isArray(current) || !Object.hasOwn(current, segment)) return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return current;
}

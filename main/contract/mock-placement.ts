import type { DefinitionError } from './answers';
import { joinPath } from './mock-path';

/** A problem placed in the editor's text: what CodeMirror's lint layer draws. */
export interface LintMark {
  from: number;
  to: number;
  /** An error stops the save; a warning (an answer that breaks Flowent's contract) does not. */
  severity: 'error' | 'warning';
  message: string;
}

type Span = { from: number; to: number };

/**
 * Turns the core's problems into editor marks. A field error carries a path, found here in
 * the JSON text, and the whole value is marked; a syntax error (no path), a field error in
 * YAML, and one whose path the JSON text lacks (a missing field), is marked at the line and
 * column the core placed it at. Problems that cannot be placed come back as `unplaced`, to be
 * listed with their path.
 */
export function lintMarks(
  text: string,
  errors: DefinitionError[],
  severity: LintMark['severity'] = 'error',
): { marks: LintMark[]; unplaced: DefinitionError[] } {
  const marks: LintMark[] = [];
  const unplaced: DefinitionError[] = [];
  let spans: Map<string, Span> | null | undefined;
  for (const problem of errors) {
    let span: Span | null = null;
    if (problem.path !== '') {
      if (spans === undefined) spans = locateJsonPaths(text);
      span = spans?.get(problem.path) ?? null;
    }
    if (!span && problem.line !== undefined) span = pointAt(text, problem.line, problem.column ?? 1);
    if (span) marks.push({ ...span, severity, message: problem.path ? `${problem.path}: ${problem.message}` : problem.message });
    else unplaced.push(problem);
  }
  return { marks, unplaced };
}

/** One character at a 1-based line and column (clamped to the text). */
export function pointAt(text: string, line: number, column: number): Span {
  const lines = text.split('\n');
  let offset = 0;
  for (let l = 1; l < Math.min(line, lines.length); l++) offset += (lines[l - 1]?.length ?? 0) + 1;
  const lineText = lines[Math.min(line, lines.length) - 1] ?? '';
  const from = Math.min(offset + Math.max(0, column - 1), offset + lineText.length, text.length);
  return { from, to: Math.min(from + 1, text.length) };
}

/**
 * Where each value sits in a JSON text, by the core's path syntax (`responses[1].when[0].value`,
 * `body.[a.b]`: see mock-path).
 * Null for text that is not well-formed JSON.
 */
export function locateJsonPaths(text: string): Map<string, Span> | null {
  const out = new Map<string, Span>();
  let i = 0;
  const fail = (): never => {
    throw new SyntaxError(`unexpected input at ${i}`);
  };
  const ws = () => {
    while (i < text.length && /\s/.test(text.charAt(i))) i++;
  };
  const expect = (c: string) => {
    ws();
    if (text.charAt(i) !== c) fail();
    i++;
  };
  function string(): string {
    ws();
    if (text.charAt(i) !== '"') fail();
    const start = i++;
    while (i < text.length && text.charAt(i) !== '"') i += text.charAt(i) === '\\' ? 2 : 1;
    if (i >= text.length) fail();
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  }
  function value(path: string): void {
    ws();
    const start = i;
    const c = text.charAt(i);
    if (c === '{' || c === '[') {
      i++;
      ws();
      const close = c === '{' ? '}' : ']';
      for (let index = 0; text.charAt(i) !== close; index++) {
        if (index > 0) expect(',');
        if (c === '{') {
          const key = string();
          expect(':');
          value(joinPath(path, key));
        } else {
          value(`${path}[${index}]`);
        }
        ws();
      }
      i++;
    } else if (c === '"') {
      string();
    } else {
      while (i < text.length && /[^\s,\]}]/.test(text.charAt(i))) i++;
      if (i === start) fail();
    }
    out.set(path, { from: start, to: i });
  }
  try {
    value('');
    ws();
    return i === text.length ? out : null;
  } catch {
    return null;
  }
}

import { randomInt, randomUUID } from 'node:crypto';
import type Handlebars from 'handlebars';
import { joinPath } from '../../contract/mock-path';
import { loadLazily } from '../load-lazily';

/**
 * Mock bodies are Handlebars templates over the call (`{{parameters.recipient}}`,
 * `{{action_name}}`, `{{timestamp}}`). Output is not HTML-escaped (answers are JSON, not
 * HTML), and rendering is strict: a field the call does not have is an error, not silently "".
 */
const loadHandlebars = loadLazily<typeof Handlebars>('handlebars');
let environment: typeof Handlebars | null = null;

const HELPERS = {
  /** The current time, ISO 8601. */
  now: () => new Date().toISOString(),
  uuid: () => randomUUID(),
  /** `{{random 1 100}}`: a whole number from min to max, both included. */
  random: (...args: unknown[]) => {
    const [min, max] = args.slice(0, -1);
    if (typeof min !== 'number' || typeof max !== 'number' || !Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw new Error(
        `random needs two whole numbers, min then max (e.g. {{random 1 100}}), got ${JSON.stringify(min)} and ${JSON.stringify(max)}`,
      );
    }
    return randomInt(min, max + 1);
  },
  /** `{{json parameters.user}}`: the value as JSON, safe inside a JSON body. */
  json: (...args: unknown[]) => new (hb().SafeString)(JSON.stringify(args.length > 1 ? args[0] : null) ?? 'null'),
  /** A backslash where a literal one would escape the `{{` after it (see escapeTemplate). */
  backslash: () => '\\',
  /** A `{` where a literal one would open a tag with the `{{` after it. */
  open_brace: () => '{',
  /** A `}` where a literal one would join the `}}` that closes the tag before it. */
  close_brace: () => '}',
  /** A NUL character, which Handlebars cannot read in a template's text. */
  nul: () => '\u0000',
};

/** The mock templates' own Handlebars, with the helpers above, made when the first template is checked or rendered. */
function hb(): typeof Handlebars {
  if (environment) return environment;
  const created = loadHandlebars().create();
  for (const [name, helper] of Object.entries(HELPERS)) created.registerHelper(name, helper);
  // `log` writes its arguments (the call's data, if a template asks) to the process's console.
  created.unregisterHelper('log');
  environment = created;
  return created;
}

/**
 * What templates may call: ours, and the built-ins if, unless, each, with and lookup (on by
 * default). Handlebars also counts log and its two internal fallbacks as known helpers unless
 * told otherwise; turned off here, a template naming them does not compile.
 */
const KNOWN_HELPERS = {
  ...Object.fromEntries(Object.keys(HELPERS).map((name) => [name, true])),
  log: false,
  helperMissing: false,
  blockHelperMissing: false,
};
const COMPILE_OPTIONS = { noEscape: true, strict: true, knownHelpers: KNOWN_HELPERS, knownHelpersOnly: true } as const;

export interface TemplateProblem {
  message: string;
  line?: number;
  column?: number;
}

/** Checks a template at set time: syntax, unknown helpers, partials. Null when it compiles. */
export function checkTemplate(text: string): TemplateProblem | null {
  if (!text.includes('{{')) return null;
  try {
    const ast = hb().parse(text);
    if (uses(ast, PARTIALS)) return { message: 'partials ({{> name}}) are not available in mock templates' };
    if (uses(ast, DECORATORS)) return { message: 'decorators ({{* name}}) are not available in mock templates' };
    hb().precompile(text, COMPILE_OPTIONS);
    return randomArgumentsProblem(ast);
  } catch (error) {
    return describeCompileError(error);
  }
}

const compiled = new Map<string, HandlebarsTemplateDelegate>();
const CACHE_LIMIT = 2_000;

export type Rendered = { ok: true; text: string } | { ok: false; message: string };

/** The call a template renders against: its body as plain values, made when first asked for. */
export interface LazyCall {
  plain(): unknown;
}

/**
 * Renders one template against the call; a failure is a value naming what went wrong. The
 * call is asked for only when the text is a template: text without `{{` never needs it.
 */
export function renderTemplate(text: string, call: LazyCall): Rendered {
  if (!text.includes('{{')) return { ok: true, text };
  try {
    let template = compiled.get(text);
    if (!template) {
      if (compiled.size >= CACHE_LIMIT) compiled.clear();
      template = hb().compile(text, COMPILE_OPTIONS);
      compiled.set(text, template);
    }
    return { ok: true, text: template(call.plain()) };
  } catch (error) {
    return { ok: false, message: describeRenderError(error, text) };
  }
}

/** Renders a body: a string is one template; in a JSON value every string is one. */
export function renderBody(body: unknown, call: LazyCall): Rendered {
  if (typeof body === 'string') return renderTemplate(body, call);
  let failure: string | null = null;
  const walk = (value: unknown): unknown => {
    if (failure !== null) return null;
    if (typeof value === 'string') {
      const rendered = renderTemplate(value, call);
      if (rendered.ok) return rendered.text;
      failure = rendered.message;
      return null;
    }
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, walk(inner)]));
    }
    return value;
  };
  const result = walk(body);
  return failure !== null ? { ok: false, message: failure } : { ok: true, text: JSON.stringify(result) };
}

/** Every template in a body, with the path suffix of where it sits (for error paths). */
export function templatesIn(body: unknown, path = ''): { path: string; text: string }[] {
  if (typeof body === 'string') return [{ path, text: body }];
  if (Array.isArray(body)) return body.flatMap((value, index) => templatesIn(value, `${path}[${index}]`));
  if (body !== null && typeof body === 'object') {
    return Object.entries(body).flatMap(([key, value]) => templatesIn(value, joinPath(path, key)));
  }
  return [];
}

/**
 * Turns literal text into a template that renders to exactly that text (for "make a mock from
 * this answer"). Handlebars' lexer reads text up to each `{{`, two braces at a time from the
 * left: one backslash just before a `{{` makes it literal, two make one backslash and a live
 * tag, a tag ends at the longest run of `}` that follows it, and it cannot read NUL at all.
 * So each `{{` gets one backslash, and a character that would join the output around it into
 * a tag or an escape (a backslash before `{{` or `\{{`, a lone `{` before `{{`, a `}` after a
 * tag) or that Handlebars cannot read (NUL) is written with a helper. Text without `{{` is
 * never read by Handlebars (see renderTemplate) and stays as it is.
 */
export function escapeTemplate(text: string): string {
  if (!text.includes('{{')) return text;
  const pairs = new Set<number>();
  for (let at = text.indexOf('{{'); at >= 0; at = text.indexOf('{{', at + 2)) pairs.add(at);
  // Right to left: whether a character needs a helper depends on what is written after it.
  const pieces: string[] = [];
  let after = '';
  let i = text.length - 1;
  while (i >= 0) {
    let piece: string;
    if (i > 0 && pairs.has(i - 1)) {
      piece = '\\{{';
      i -= 2;
    } else {
      const char = text[i]!;
      const beforeTag = after.startsWith('{{');
      if (char === '\u0000') piece = '{{nul}}';
      else if (char === '\\' && (beforeTag || after.startsWith('\\{{'))) piece = '{{backslash}}';
      else if (char === '{' && beforeTag) piece = '{{open_brace}}';
      else piece = char;
      i -= 1;
    }
    pieces.push(piece);
    after = (piece + after).slice(0, 3);
  }
  pieces.reverse();
  // Left to right: a `}` right after a tag (itself possibly one of these) would close it.
  for (let at = 1; at < pieces.length; at++) {
    if (pieces[at] === '}' && isTag(pieces[at - 1]!)) pieces[at] = '{{close_brace}}';
  }
  return pieces.join('');
}

function isTag(piece: string): boolean {
  return piece.length > 2 && piece.startsWith('{{');
}

interface HelperCall {
  type: string;
  path?: { original?: unknown };
  params?: { type: string; value?: unknown }[];
  loc?: { start: { line: number; column: number } };
}

/**
 * `{{random min max}}` given numbers that can never work (one, three, not whole, min over
 * max) fails every call it answers; caught when the mock is set instead. Arguments read from
 * the call (`{{random parameters.low 10}}`) are known only then.
 */
function randomArgumentsProblem(ast: unknown): TemplateProblem | null {
  for (const node of nodes(ast)) {
    const call = node as HelperCall;
    if ((call.type !== 'MustacheStatement' && call.type !== 'SubExpression') || call.path?.original !== 'random') continue;
    const params = call.params ?? [];
    const numbers = params.map((param) => (param.type === 'NumberLiteral' ? (param.value as number) : null));
    const fixed = numbers.every((value) => value !== null);
    const wrong =
      params.length !== 2 || (fixed && (!Number.isInteger(numbers[0]) || !Number.isInteger(numbers[1]) || numbers[0]! > numbers[1]!));
    if (!wrong) continue;
    const given = params.length === 0 ? 'nothing' : `${params.length === 1 ? 'only ' : ''}${params.map(paramText).join(' ')}`;
    return {
      message: `random needs two whole numbers, min then max (e.g. {{random 1 100}}), not ${given}`,
      ...(call.loc ? { line: call.loc.start.line, column: call.loc.start.column + 1 } : {}),
    };
  }
  return null;
}

function paramText(param: { type: string; value?: unknown; original?: unknown }): string {
  return String(param.type === 'PathExpression' ? param.original : param.value);
}

/** Every node of a syntax tree, depth first. */
function* nodes(node: unknown): Generator<object> {
  if (node === null || typeof node !== 'object') return;
  if (typeof (node as { type?: unknown }).type === 'string') yield node;
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const item of value) yield* nodes(item);
    else if (value !== null && typeof value === 'object') yield* nodes(value);
  }
}

const PARTIALS = new Set(['PartialStatement', 'PartialBlockStatement']);
const DECORATORS = new Set(['Decorator', 'DecoratorBlock']);

/** Whether the template's syntax tree holds a node of one of these types. */
function uses(ast: unknown, types: ReadonlySet<string>): boolean {
  for (const node of nodes(ast)) if (types.has((node as { type: string }).type)) return true;
  return false;
}

function describeCompileError(error: unknown): TemplateProblem {
  const raw = error instanceof Error ? error.message : String(error);
  const located = error as { lineNumber?: number; column?: number };
  if (typeof located.lineNumber === 'number') {
    return {
      message: raw
        .replace(/ - \d+:\d+$/, '')
        .replace(
          /^You specified knownHelpersOnly, but used the unknown helper (\S+)/,
          `unknown helper "$1" (available: ${Object.keys(HELPERS).join(', ')}, and the built-ins if, unless, each, with, lookup)`,
        ),
      line: located.lineNumber,
      column: (located.column ?? 0) + 1,
    };
  }
  // Parse and lexical errors carry the position only in their text: "on line N:" and a
  // caret under the failing spot of a context line that shows at most 20 earlier characters.
  const line = Number(/on line (\d+)/.exec(raw)?.[1] ?? NaN);
  const lines = raw.split('\n');
  const caret = lines.findIndex((text) => /^-*\^$/.test(text));
  const expecting = /Expecting (.*), got '(\w+)'/.exec(raw);
  const what = expecting
    ? `unexpected ${expecting[2] === 'EOF' ? 'end of template (a block is not closed?)' : expecting[2]}`
    : (lines[0] ?? raw).replace(/ on line \d+[.:]?/, '');
  const problem: TemplateProblem = { message: `template syntax error: ${what}` };
  if (Number.isFinite(line)) problem.line = line;
  if (caret > 0) {
    const context = lines[caret - 1] ?? '';
    const caretAt = (lines[caret] ?? '').length - 1;
    if (!context.startsWith('...') && Number.isFinite(line) && line === 1) problem.column = caretAt + 1;
    problem.message += ` near "${context.slice(Math.max(0, caretAt - 10), caretAt + 10)}"`;
  }
  return problem;
}

function describeRenderError(error: unknown, text: string): string {
  const raw = error instanceof Error ? error.message : String(error);
  const missing = /^"([^"]+)" not defined in .* - (\d+):(\d+)$/.exec(raw);
  if (!missing) return raw;
  const [, name = '', line = '1', column = '0'] = missing;
  // Handlebars names only the last part; show the whole expression, as the template writes it (`parameters.[a.b]`).
  const expression = writtenPath(text, Number(line), Number(column)) ?? name;
  return `{{${expression}}}: this call has no ${expression} (template line ${line}, column ${Number(column) + 1}). Send it, or use {{#if ...}} around it`;
}

/** The path expression that starts at a line and 0-based column of a template, as it is written there. */
function writtenPath(text: string, line: number, column: number): string | null {
  for (const node of nodes(hb().parse(text))) {
    const { type, loc } = node as {
      type: string;
      loc?: { start: { line: number; column: number }; end: { line: number; column: number } };
    };
    if (type === 'PathExpression' && loc?.start.line === line && loc.start.column === column && loc.end.line === line)
      return (text.split('\n')[line - 1] ?? '').slice(column, loc.end.column);
  }
  return null;
}

import { randomInt, randomUUID } from 'node:crypto';
import type Handlebars from 'handlebars';
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
};

/** The mock templates' own Handlebars, with the helpers above, made when the first template is checked or rendered. */
function hb(): typeof Handlebars {
  if (environment) return environment;
  const created = loadHandlebars().create();
  for (const [name, helper] of Object.entries(HELPERS)) created.registerHelper(name, helper);
  environment = created;
  return created;
}

const KNOWN_HELPERS = Object.fromEntries(Object.keys(HELPERS).map((name) => [name, true]));
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
    if (usesPartial(ast)) return { message: 'partials ({{> name}}) are not available in mock templates' };
    hb().precompile(text, COMPILE_OPTIONS);
    return null;
  } catch (error) {
    return describeCompileError(error);
  }
}

const compiled = new Map<string, HandlebarsTemplateDelegate>();
const CACHE_LIMIT = 2_000;

export type Rendered = { ok: true; text: string } | { ok: false; message: string };

/** Renders one template against the call; a failure is a value naming what went wrong. */
export function renderTemplate(text: string, context: unknown): Rendered {
  if (!text.includes('{{')) return { ok: true, text };
  try {
    let template = compiled.get(text);
    if (!template) {
      if (compiled.size >= CACHE_LIMIT) compiled.clear();
      template = hb().compile(text, COMPILE_OPTIONS);
      compiled.set(text, template);
    }
    return { ok: true, text: template(context) };
  } catch (error) {
    return { ok: false, message: describeRenderError(error, text) };
  }
}

/** Renders a body: a string is one template; in a JSON value every string is one. */
export function renderBody(body: unknown, context: unknown): Rendered {
  if (typeof body === 'string') return renderTemplate(body, context);
  let failure: string | null = null;
  const walk = (value: unknown): unknown => {
    if (failure !== null) return null;
    if (typeof value === 'string') {
      const rendered = renderTemplate(value, context);
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
    return Object.entries(body).flatMap(([key, value]) => templatesIn(value, `${path}.${key}`));
  }
  return [];
}

/** Turns literal text into a template that renders to itself (for "make a mock from this answer"). */
export function escapeTemplate(text: string): string {
  return text.replace(/\{\{/g, '\\{{');
}

function usesPartial(node: unknown): boolean {
  if (node === null || typeof node !== 'object') return false;
  if ((node as { type?: string }).type === 'PartialStatement' || (node as { type?: string }).type === 'PartialBlockStatement') return true;
  return Object.values(node).some((value) =>
    Array.isArray(value) ? value.some(usesPartial) : typeof value === 'object' && usesPartial(value),
  );
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
          'unknown helper "$1" (available: now, uuid, random, json, and the built-ins if, unless, each, with, lookup)',
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
  // Handlebars names only the last part; show the whole expression the template asked for.
  const source = text.split('\n')[Number(line) - 1] ?? '';
  const expressions = [...source.matchAll(/\{\{[#/]?\s*([^\s}]+)/g)].filter(
    (match) => (match.index ?? 0) <= Number(column) && (match[1] ?? '').split('.').includes(name),
  );
  const expression = expressions[expressions.length - 1]?.[1] ?? name;
  return `{{${expression}}}: this call has no ${expression} (template line ${line}, column ${Number(column) + 1}). Send it, or use {{#if ...}} around it`;
}

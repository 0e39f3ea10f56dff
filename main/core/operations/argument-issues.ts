import * as z from 'zod';
import type { ApiMethod } from '../../contract/api';
import { API_ARGUMENTS, argumentNames, type ArgumentList } from '../../contract/schemas';

/**
 * Runs a method's argument list over untrusted arguments and, when they fail, turns zod's
 * issues into the words a developer reads: which parameter or field, and what it must be (the
 * schema's description), e.g. "`limit` must be a whole number from 1 to 500".
 */
export function parseArguments(method: ApiMethod, args: unknown): { ok: true; args: unknown[] } | { ok: false; problem: string } {
  const list: ArgumentList = API_ARGUMENTS[method];
  const parsed = list.safeParse(args);
  if (parsed.success) return { ok: true, args: parsed.data };
  const sentences = parsed.error.issues.map((issue) => describeIssue(list, args, issue));
  return { ok: false, problem: [...new Set(sentences)].join(' ') };
}

function describeIssue(list: ArgumentList, args: unknown, issue: z.core.$ZodIssue): string {
  // A check across fields (a range's end before its start) says what happened in its own words.
  if (issue.code === 'custom' && issue.params?.sentence === true) return issue.message;
  if (issue.path.length === 0) return describeArity(list, args, issue);
  if (issue.code === 'invalid_union') {
    const meant = optionMeant(args, issue);
    if (meant) return meant.map((inner) => describeIssue(list, args, { ...inner, path: [...issue.path, ...inner.path] })).join(' ');
  }
  const place = locate(list, issue.path);
  if (issue.code === 'unrecognized_keys') {
    const fields = issue.keys.map(quote).join(', ');
    return `${quote(place.subject)} has no field ${fields}: it must be ${place.words}.`;
  }
  if (isMissing(args, issue.path)) return `${quote(place.subject)} is missing: it must be ${place.words}.`;
  return `${quote(place.subject)} must be ${place.words}.`;
}

/**
 * The option of a union the caller meant: the only one whose own fields all fit (none unknown,
 * none missing), so its deeper problems are the ones to explain. Null when several or none fit:
 * then the union's own words say what it must be.
 */
function optionMeant(args: unknown, issue: z.core.$ZodIssueInvalidUnion): z.core.$ZodIssue[] | null {
  const ownFieldFits = (inner: z.core.$ZodIssue) =>
    inner.path.length > 1 || (inner.path.length === 1 && !isMissing(args, [...issue.path, ...inner.path]));
  const fitting = issue.errors.filter((issues) => issues.every(ownFieldFits));
  return fitting.length === 1 ? fitting[0]! : null;
}

/** The argument list itself: not an array, or too few or too many arguments. */
function describeArity(list: ArgumentList, args: unknown, issue: z.core.$ZodIssue): string {
  const names = argumentNames(list);
  if (!Array.isArray(args)) return 'arguments must be an array.';
  if (names.length === 0) return 'takes no arguments.';
  const items = list.def.items;
  const required = names.filter((_, index) => !isOptional(items[index]));
  const optional = names.filter((_, index) => isOptional(items[index]));
  const expects =
    optional.length === 0
      ? `expects ${listed(required.map(quote))}`
      : `expects ${required.map(quote).join(', ')} and optionally ${listed(optional.map(quote))}`;
  if (issue.code === 'too_small') {
    const missing = required
      .slice(args.length)
      .map((name) => `${quote(name)} is missing: it must be ${wordsOf(items[names.indexOf(name)])}.`);
    return [`${expects}.`, ...missing].join(' ');
  }
  return `${expects}, not ${args.length} arguments.`;
}

interface Place {
  /** The parameter or field the words are about: `query`, `limit`, `filter.verdict`, `ids[2]`. */
  subject: string;
  /** What it must be. */
  words: string;
}

/** The deepest described schema on an issue's path, and where it is. */
function locate(list: ArgumentList, path: PropertyKey[]): Place {
  const index = Number(path[0]);
  let schema: z.ZodType | undefined = list.def.items[index];
  const place: Place = { subject: argumentNames(list)[index] ?? `argument ${index + 1}`, words: wordsOf(schema) };
  const below: PropertyKey[] = [];
  for (const key of path.slice(1)) {
    schema = schema && child(schema, key);
    below.push(key);
    const words = schema && describedAs(schema);
    if (words) Object.assign(place, { subject: subjectOf(below), words });
  }
  return place;
}

function subjectOf(path: PropertyKey[]): string {
  return path.map((key, at) => (typeof key === 'number' ? `[${key}]` : at === 0 ? String(key) : `.${String(key)}`)).join('');
}

/** The schema a key leads to inside `schema`, looking through optional and nullable wrappers. */
function child(schema: z.ZodType, key: PropertyKey): z.ZodType | undefined {
  const inner = unwrapped(schema);
  if (inner instanceof z.ZodTuple && typeof key === 'number') return inner.def.items[key] as z.ZodType | undefined;
  if (inner instanceof z.ZodArray && typeof key === 'number') return inner.def.element as z.ZodType;
  if (inner instanceof z.ZodObject && typeof key === 'string') return inner.shape[key] as z.ZodType | undefined;
  if (inner instanceof z.ZodRecord) return inner.def.valueType as z.ZodType;
  if (inner instanceof z.ZodUnion) {
    for (const option of inner.options as z.ZodType[]) {
      const found = child(option, key);
      if (found) return found;
    }
  }
  return undefined;
}

function unwrapped(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) inner = inner.unwrap() as z.ZodType;
  return inner;
}

function isOptional(schema: z.ZodType | undefined): boolean {
  return schema instanceof z.ZodOptional;
}

/**
 * What a schema must be, in words: its description (on it or on what it wraps); an object's
 * fields and a union's options are added from the schema itself, so they never drift from it.
 */
function describedAs(schema: z.ZodType): string | null {
  let current: z.ZodType = schema;
  for (;;) {
    if (current.description) return current.description + shapeOf(unwrapped(current));
    if (!(current instanceof z.ZodOptional || current instanceof z.ZodNullable)) return null;
    current = current.unwrap() as z.ZodType;
  }
}

function wordsOf(schema: z.ZodType | undefined): string {
  return (schema && describedAs(schema)) ?? 'something else';
}

function shapeOf(schema: z.ZodType): string {
  if (schema instanceof z.ZodObject) return ` ${fieldsOf(schema)}`;
  if (schema instanceof z.ZodUnion) {
    const objects = (schema.options as z.ZodType[]).filter((option) => option instanceof z.ZodObject);
    return objects.length > 0 ? ` ${objects.map(fieldsOf).join(' or ')}` : '';
  }
  return '';
}

function fieldsOf(object: z.ZodObject): string {
  const fields = Object.entries(object.shape as Record<string, z.ZodType>).map(([key, field]) => (isOptional(field) ? `${key}?` : key));
  return `{${fields.join(', ')}}`;
}

/** True when the issue is about a field or an argument that was not given at all. */
function isMissing(args: unknown, path: PropertyKey[]): boolean {
  let parent: unknown = args;
  for (const key of path.slice(0, -1)) {
    if (typeof parent !== 'object' || parent === null) return false;
    parent = (parent as Record<PropertyKey, unknown>)[key];
  }
  return typeof parent === 'object' && parent !== null && !Array.isArray(parent) && !(path.at(-1)! in parent);
}

function quote(name: string): string {
  return `\`${name}\``;
}

function listed(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

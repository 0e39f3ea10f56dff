import type { Document, LineCounter } from 'yaml';
import { loadLazily } from '../load-lazily';
import { findDuplicateKey, parseJson, toPlainValue } from '../json/parse-json';
import type { MockFormat } from '../../contract/api';
import { validateMockDefinition, type Validated } from './validate-mock';

const loadYaml = loadLazily<typeof import('yaml')>('yaml');

/**
 * Parses a mock written as JSON or YAML text, then validates it. Syntax errors come back with
 * their line and column, like validation errors come back with their path.
 */
export function parseMockText(text: string, format: MockFormat): Validated {
  if (format === 'json') {
    const bytes = Buffer.from(text, 'utf8');
    const parsed = parseJson(bytes);
    if (!parsed.ok) {
      const where = lineColumn(bytes, parsed.offset);
      return {
        ok: false,
        errors: [{ path: '', message: `not valid JSON: ${parsed.message} (line ${where.line}, column ${where.column})`, ...where }],
      };
    }
    const duplicate = findDuplicateKey(parsed.root);
    if (duplicate !== null)
      return { ok: false, errors: [{ path: '', message: `not valid JSON: the key "${duplicate}" appears twice in one object` }] };
    return validateMockDefinition(toPlainValue(parsed.root));
  }
  const yaml = loadYaml();
  const lineCounter = new yaml.LineCounter();
  const document = yaml.parseDocument(text, { uniqueKeys: true, prettyErrors: true, lineCounter });
  if (document.errors.length > 0) {
    return {
      ok: false,
      errors: document.errors.map((problem) => {
        const position = problem.linePos?.[0];
        return {
          path: '',
          message: `not valid YAML: ${(problem.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}${position ? ` (line ${position.line}, column ${position.col})` : ''}`,
          ...(position ? { line: position.line, column: position.col } : {}),
        };
      }),
    };
  }
  const validated = validateMockDefinition(document.toJS() as unknown);
  if (validated.ok) return validated;
  // Point each problem at its place in the file, for people (and editors) reading YAML.
  return {
    ok: false,
    errors: validated.errors.map((problem) =>
      problem.line !== undefined ? problem : { ...problem, ...yamlPosition(document, lineCounter, problem.path) },
    ),
  };
}

function yamlPosition(document: Document, lineCounter: LineCounter, path: string): { line?: number; column?: number } {
  if (!path) return {};
  const segments = [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((match) =>
    match[2] !== undefined ? Number(match[2]) : (match[1] ?? ''),
  );
  // The deepest part of the path that exists (an unknown field's own node, a missing field's parent).
  for (let length = segments.length; length > 0; length--) {
    const node: unknown = document.getIn(segments.slice(0, length), true);
    if (loadYaml().isNode(node) && node.range) {
      const position = lineCounter.linePos(node.range[0]);
      return { line: position.line, column: position.col };
    }
  }
  return {};
}

function lineColumn(bytes: Buffer, offset: number): { line: number; column: number } {
  const before = bytes.subarray(0, offset).toString('utf8');
  const line = before.split('\n').length;
  return { line, column: before.length - before.lastIndexOf('\n') };
}

import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * A facts list (`<dl className="facts">`) is a grid of terms and values: each term is followed
 * by exactly one value. Two values under one term, or a term with none, shift every pair after
 * it (the details once hid a handler's facts that way). This reads the page's source: each
 * list's children, and the children passed to a component that renders its own `children`
 * inside one, must be dt/dd pairs, and a part shown only sometimes (`cond && ...`,
 * `a ? b : c`) must hold whole pairs.
 */

const root = resolve(__dirname, '../..');

function readPage(folder: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.tsx')) files.set(path, readFileSync(join(root, path), 'utf8'));
    }
  };
  walk(folder);
  return files;
}

type Child = ts.JsxChild | ts.Expression;

function tagOf(node: ts.Node): string | null {
  if (ts.isJsxElement(node)) return node.openingElement.tagName.getText();
  if (ts.isJsxSelfClosingElement(node)) return node.tagName.getText();
  return null;
}

function attributesOf(node: ts.JsxElement): ts.JsxAttributes {
  return node.openingElement.attributes;
}

function isFactsList(node: ts.Node): node is ts.JsxElement {
  if (!ts.isJsxElement(node) || tagOf(node) !== 'dl') return false;
  return attributesOf(node).properties.some(
    (property) =>
      ts.isJsxAttribute(property) &&
      property.name.getText() === 'className' &&
      property.initializer !== undefined &&
      ts.isStringLiteral(property.initializer) &&
      property.initializer.text.split(/\s+/).includes('facts'),
  );
}

/** `children` or `props.children`: what a caller passes in. */
function isChildrenSlot(expression: ts.Expression): boolean {
  return (
    (ts.isIdentifier(expression) && expression.text === 'children') ||
    (ts.isPropertyAccessExpression(expression) && expression.name.text === 'children')
  );
}

/**
 * What is wrong with `children` as a run of dt/dd pairs (null when nothing): `slots` collects
 * a `children` slot, whose callers' children are checked in their turn.
 */
function pairsProblem(children: readonly Child[], slots: { found: boolean }): string | null {
  let expectTerm = true;
  for (const child of children) {
    if (ts.isJsxText(child)) {
      if (child.text.trim() !== '') return `text "${child.text.trim()}" between the terms and values`;
      continue;
    }
    if (ts.isParenthesizedExpression(child)) {
      const problem = pairsProblem([child.expression], slots);
      if (problem) return problem;
      continue;
    }
    if (ts.isJsxExpression(child)) {
      // A comment.
      if (child.expression === undefined) continue;
      if (!expectTerm) return `"${child.getText()}" comes between a term and its value`;
      const problem = optionalPairsProblem(child.expression, slots);
      if (problem) return problem;
      continue;
    }
    if (ts.isJsxFragment(child)) {
      if (!expectTerm) return 'a fragment comes between a term and its value';
      const problem = pairsProblem(child.children, slots);
      if (problem) return problem;
      continue;
    }
    const tag = tagOf(child);
    if (tag === 'dt') {
      if (!expectTerm) return 'a term with no value before the next term';
      expectTerm = false;
    } else if (tag === 'dd') {
      if (expectTerm) return 'a second value under one term (or a value with no term)';
      expectTerm = true;
    } else {
      return `<${tag ?? child.getText()}> inside: write the list's dt and dd where the list is`;
    }
  }
  return expectTerm ? null : 'the last term has no value';
}

/** A part shown only sometimes, or given by the caller: whole pairs, or nothing. */
function optionalPairsProblem(expression: ts.Expression, slots: { found: boolean }): string | null {
  if (ts.isParenthesizedExpression(expression)) return optionalPairsProblem(expression.expression, slots);
  if (isChildrenSlot(expression)) {
    slots.found = true;
    return null;
  }
  if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) {
    return optionalPairsProblem(expression.right, slots);
  }
  if (ts.isConditionalExpression(expression)) {
    return optionalPairsProblem(expression.whenTrue, slots) ?? optionalPairsProblem(expression.whenFalse, slots);
  }
  if (expression.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isJsxFragment(expression) || ts.isJsxElement(expression) || ts.isJsxSelfClosingElement(expression)) {
    const problem = pairsProblem([expression], slots);
    return problem && `a part shown only sometimes is not whole pairs (${problem})`;
  }
  return `"${expression.getText()}" cannot be read as whole dt/dd pairs`;
}

/** The name of the function component `node` is written in. */
function componentOf(node: ts.Node): string | null {
  for (let at: ts.Node | undefined = node; at; at = at.parent) {
    if (ts.isFunctionDeclaration(at) && at.name) return at.name.text;
    if (ts.isVariableDeclaration(at) && ts.isIdentifier(at.name)) return at.name.text;
  }
  return null;
}

/** Every facts list of `files` (path → source) whose terms and values do not pair up, as "path:line: why". */
function unpairedFacts(files: Map<string, string>): string[] {
  const problems: string[] = [];
  const sources = [...files].map(([path, text]) => ({
    path,
    source: ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX),
  }));
  const where = (path: string, source: ts.SourceFile, node: ts.Node) =>
    `${path}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const filledByCallers = new Set<string>();
  for (const { path, source } of sources) {
    const visit = (node: ts.Node) => {
      if (isFactsList(node)) {
        const slots = { found: false };
        const problem = pairsProblem(node.children, slots);
        if (problem) problems.push(`${where(path, source, node)}: ${problem}`);
        const component = componentOf(node);
        if (slots.found && component) filledByCallers.add(component);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  for (const { path, source } of sources) {
    const visit = (node: ts.Node) => {
      if (ts.isJsxElement(node) && filledByCallers.has(tagOf(node) ?? '')) {
        const problem = pairsProblem(node.children, { found: false });
        if (problem) problems.push(`${where(path, source, node)}: <${tagOf(node)}>'s children: ${problem}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return problems;
}

describe('facts lists pair each term with one value', () => {
  it("holds for the page's source", () => {
    expect(unpairedFacts(readPage('renderer/src'))).toEqual([]);
  });

  it('reads whole pairs shown sometimes, comments, and the children a list component is given', () => {
    const files = new Map([
      [
        'Facts.tsx',
        `export function Facts({ children }: Props) {
          return (
            <dl className="facts">
              {/* why */}
              <dt>Sent to</dt>
              <dd>x</dd>
              {children}
              {shown && (<><dt>From</dt><dd>y</dd></>)}
              {a ? <><dt>A</dt><dd>1</dd></> : null}
            </dl>
          );
        }`,
      ],
      ['Use.tsx', `const Use = () => <Facts><dt>Verdict</dt><dd>ok</dd></Facts>;`],
    ]);
    expect(unpairedFacts(files)).toEqual([]);
  });

  it('catches two values under one term, a component in the list, a pair cut by a condition, and a caller giving half a pair', () => {
    const files = new Map([
      [
        'Taught.tsx',
        `const Taught = () => (
          <dl className="facts handler-taught">
            <dt>Styles it rejected</dt>
            {list && <dd>a</dd>}
            {note !== null && <dd>b</dd>}
          </dl>
        );
        const Listed = () => (<dl className="facts"><dt>Styles</dt><StyleList /></dl>);
        const Cut = () => (<dl className="facts">{shown && <dt>From</dt>}<dd>y</dd></dl>);
        export function Facts({ children }: Props) { return <dl className="facts">{children}</dl>; }
        const Half = () => <Facts><dt>Verdict</dt></Facts>;`,
      ],
    ]);
    expect(unpairedFacts(files)).toEqual([
      'Taught.tsx:2: "{list && <dd>a</dd>}" comes between a term and its value',
      "Taught.tsx:8: <StyleList> inside: write the list's dt and dd where the list is",
      'Taught.tsx:9: a part shown only sometimes is not whole pairs (the last term has no value)',
      "Taught.tsx:11: <Facts>'s children: the last term has no value",
    ]);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The shape the code keeps: the command line reaches the core only through its public entry,
 * only the store opens the database, no two folders of the core import each other, and the
 * page's folders import only the floors below their own. The
 * imports are read from the source text, the same way for the real tree and for the small
 * made-up trees that show each check catches what it is for.
 */

const root = resolve(__dirname, '../..');

/** Source files by path from the repository root, with forward slashes. */
type Tree = Map<string, string>;

function readTree(...folders: string[]): Tree {
  const tree: Tree = new Map();
  const walk = (folder: string) => {
    for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
      const path = posix.join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|tsx|mts|cts|mjs|cjs|js)$/.test(entry.name)) tree.set(path, readFileSync(join(root, path), 'utf8'));
    }
  };
  folders.forEach(walk);
  return tree;
}

const IMPORT = /(?:\bimport\s[^'"`;]*?from\s*|\bexport\s[^'"`;]*?from\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;

/** The files of the tree that `file` imports (relative imports only; packages are not files of ours). */
function importsOf(tree: Tree, file: string): string[] {
  const found: string[] = [];
  for (const match of (tree.get(file) ?? '').matchAll(IMPORT)) {
    const specifier = match[1]!;
    if (!specifier.startsWith('.')) continue;
    const base = posix.normalize(posix.join(posix.dirname(file), specifier));
    const candidates = [base, ...['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs'].map((ext) => base + ext), `${base}/index.ts`];
    found.push(candidates.find((candidate) => tree.has(candidate)) ?? base);
  }
  return found;
}

/** Files under main/cli/ that import anything of main/core/ but its public entry. */
function cliReachingIntoCore(tree: Tree): string[] {
  const problems: string[] = [];
  for (const file of tree.keys()) {
    if (!file.startsWith('main/cli/')) continue;
    for (const target of importsOf(tree, file)) {
      if (target.startsWith('main/core/') && target !== 'main/core/index.ts') problems.push(`${file} imports ${target}`);
    }
  }
  return problems;
}

/** Files outside main/core/store/ that open a SQLite database themselves. */
function databasesOutsideStore(tree: Tree): string[] {
  return [...tree]
    .filter(([file, text]) => !file.startsWith('main/core/store/') && /\bnew\s+(?:\w+\.)?Database\s*\(/.test(text))
    .map(([file]) => file);
}

/** The folder of main/core a file belongs to (a file directly in main/core is its own). */
function coreFolder(file: string): string {
  const [first, ...rest] = file.slice('main/core/'.length).split('/');
  return rest.length > 0 ? first! : first!.replace(/\.\w+$/, '');
}

/** Pairs of main/core folders that import each other, each with one import either way. */
function coreFolderLoops(tree: Tree): string[] {
  const edges = new Map<string, Map<string, string>>();
  for (const file of tree.keys()) {
    if (!file.startsWith('main/core/')) continue;
    const from = coreFolder(file);
    for (const target of importsOf(tree, file)) {
      if (!target.startsWith('main/core/')) continue;
      const to = coreFolder(target);
      if (to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      edges.get(from)!.set(to, `${file} -> ${target}`);
    }
  }
  const loops: string[] = [];
  for (const [from, targets] of edges) {
    for (const [to, example] of targets) {
      const back = edges.get(to)?.get(from);
      if (back && from < to) loops.push(`${from} <-> ${to}: ${example}; ${back}`);
    }
  }
  return loops;
}

/**
 * The page's folders, from the ground up. A folder imports its own files and the floors below;
 * folders that share a floor do not import each other. Files in renderer/src itself (the entry)
 * stand above every floor.
 */
const PAGE_FLOORS: string[][] = [
  ['transport'],
  ['page'],
  ['shared', 'history'],
  ['tunnel', 'answers', 'handler', 'project'],
  ['settings', 'account', 'replay'],
  ['calls'],
  ['app'],
];

/** The folder of renderer/src a file belongs to; null for the files of renderer/src itself. */
function pageFolder(file: string): string | null {
  const [first, ...rest] = file.slice('renderer/src/'.length).split('/');
  return rest.length > 0 ? first! : null;
}

/** A folder's place in PAGE_FLOORS (-1: none); the top for the files of renderer/src itself. */
function pageFloor(folder: string | null): number {
  return folder === null ? PAGE_FLOORS.length : PAGE_FLOORS.findIndex((floor) => floor.includes(folder));
}

/** Imports in renderer/src that reach a folder on the importer's floor or above, and folders given no floor. */
function pageImportsUpward(tree: Tree): string[] {
  const problems: string[] = [];
  for (const file of tree.keys()) {
    if (!file.startsWith('renderer/src/')) continue;
    const folder = pageFolder(file);
    const from = pageFloor(folder);
    if (from < 0) {
      problems.push(`${file} is in a folder with no floor`);
      continue;
    }
    for (const target of importsOf(tree, file)) {
      if (!target.startsWith('renderer/src/') || pageFolder(target) === folder) continue;
      if (pageFloor(pageFolder(target)) >= from) problems.push(`${file} imports ${target}`);
    }
  }
  return problems;
}

const made = (files: Record<string, string>): Tree => new Map(Object.entries(files));

describe('the structure of main/', () => {
  const tree = readTree('main', 'preload');

  it('reads the imports of the real tree (the checks below look at something)', () => {
    expect(importsOf(tree, 'main/cli/serve-command.ts')).toContain('main/core/index.ts');
    expect(importsOf(tree, 'main/core/create-core.ts')).toContain('main/core/store/open-store.ts');
  });

  it('lets files under main/cli/ import from the core only its public entry', () => {
    expect(cliReachingIntoCore(tree)).toEqual([]);
  });

  it('opens the database (new Database) only in main/core/store/', () => {
    expect(databasesOutsideStore(tree)).toEqual([]);
    expect(databasesOutsideStore(new Map([...tree].filter(([file]) => file.startsWith('main/core/store/'))))).toEqual([]);
    expect([...tree].filter(([file, text]) => file.startsWith('main/core/store/') && text.includes('new Database')).length).toBe(2);
  });

  it('has no two folders of main/core that import each other', () => {
    expect(coreFolderLoops(tree)).toEqual([]);
  });
});

describe('the structure of renderer/src', () => {
  const tree = readTree('renderer/src');

  it('reads the imports of the real tree (the check below looks at something)', () => {
    expect(importsOf(tree, 'renderer/src/app/session.ts')).toContain('renderer/src/history/calls-store.ts');
  });

  it('has every folder import only the floors below its own', () => {
    expect(pageImportsUpward(tree)).toEqual([]);
  });
});

describe('each structure check catches what it is for', () => {
  it('a command importing the store directly', () => {
    const broken = made({
      'main/cli/calls-command.ts': "import { openStore } from '../core/store/open-store';\nimport { createCore } from '../core';",
      'main/core/index.ts': '',
      'main/core/store/open-store.ts': '',
    });
    expect(cliReachingIntoCore(broken)).toEqual(['main/cli/calls-command.ts imports main/core/store/open-store.ts']);
  });

  it('a database opened outside the store, however it is imported', () => {
    const broken = made({
      'main/core/account/settings.ts': "import Sqlite from 'better-sqlite3';\nconst db = new Sqlite.Database('x');",
      'main/core/replay/cache.ts': "import Database from 'better-sqlite3';\nconst db = new Database(file);",
      'main/core/store/open-store.ts': 'const db = new Database(file);',
    });
    expect(databasesOutsideStore(broken)).toEqual(['main/core/account/settings.ts', 'main/core/replay/cache.ts']);
  });

  it('two core folders importing each other, through any of their files', () => {
    const broken = made({
      'main/core/answers/index.ts': "import type { AnswersRepository } from '../store/answers-repository';",
      'main/core/store/answers-repository.ts': "export type { StoredMock } from '../answers';",
      'main/core/protocol/facts.ts': '',
      'main/core/webhook/handle-call.ts': "import { ACTION_NAME_PATTERN } from '../protocol/facts';",
    });
    expect(coreFolderLoops(broken)).toEqual([
      'answers <-> store: main/core/answers/index.ts -> main/core/store/answers-repository.ts; main/core/store/answers-repository.ts -> main/core/answers/index.ts',
    ]);
  });

  it('a page folder importing its own floor or a higher one, or standing on no floor', () => {
    const broken = made({
      'renderer/src/main.tsx': "import { App } from './app/App';",
      'renderer/src/app/App.tsx': "import { CallList } from '../calls/CallList';",
      'renderer/src/calls/CallList.tsx': "import { useCallsStore } from '../history/calls-store';",
      'renderer/src/history/calls-store.ts': "import { onReset } from '../page/stores';\nimport { copyText } from '../shared/copy';",
      'renderer/src/shared/copy.ts': "import { App } from '../app/App';",
      'renderer/src/page/stores.ts': '',
      'renderer/src/widgets/Chip.tsx': "import { onReset } from '../page/stores';",
    });
    expect(pageImportsUpward(broken)).toEqual([
      'renderer/src/history/calls-store.ts imports renderer/src/shared/copy.ts',
      'renderer/src/shared/copy.ts imports renderer/src/app/App.tsx',
      'renderer/src/widgets/Chip.tsx is in a folder with no floor',
    ]);
  });

  it('resolves imports the way the tree is laid out', () => {
    const files = made({ 'main/core/a/x.ts': "import { y } from '../b';\nconst z = await import('./w');", 'main/core/b/index.ts': '' });
    expect(importsOf(files, 'main/core/a/x.ts')).toEqual(['main/core/b/index.ts', 'main/core/a/w']);
  });
});

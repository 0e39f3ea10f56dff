import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The shape the code keeps: the command line reaches the core only through its public entry,
 * only the store opens the database, and the core's folders and the page's import only the
 * floors below their own (README.md's Layout lists both). The
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

/**
 * The core's folders and top-level files, from the ground up, as README.md's Layout numbers
 * them. A folder or file imports its own files and the floors below; those that share a floor
 * do not import each other. main/core/index.ts, the public entry, stands above every floor.
 */
const CORE_FLOORS: string[][] = [
  [
    'json/',
    'events.ts',
    'paths.ts',
    'secret-source.ts',
    'after-pending-reads.ts',
    'data-folder.ts',
    'event-batcher.ts',
    'load-lazily.ts',
    'network-problem.ts',
    'process-alive.ts',
  ],
  ['protocol/', 'tunnel/', 'yaml/'],
  ['signature/'],
  ['handler-check/'],
  ['store/'],
  ['answers/', 'account/', 'history-limits.ts'],
  ['webhook/', 'replay/', 'project/'],
  ['operations/', 'core-options.ts'],
  ['create-core.ts'],
];

const CORE_ENTRY = 'index.ts';

/** The part of main/core a file belongs to: its folder (`store/`), or the file itself when it lies in main/core. */
function corePart(file: string): string {
  const [first, ...rest] = file.slice('main/core/'.length).split('/');
  return rest.length > 0 ? `${first!}/` : first!;
}

/** A part's place in CORE_FLOORS (-1: none); the top for the public entry. */
function coreFloor(part: string): number {
  return part === CORE_ENTRY ? CORE_FLOORS.length : CORE_FLOORS.findIndex((floor) => floor.includes(part));
}

/** Imports in main/core that reach a part on the importer's floor or above, and parts given no floor. */
function coreImportsUpward(tree: Tree): string[] {
  const problems: string[] = [];
  for (const file of tree.keys()) {
    if (!file.startsWith('main/core/')) continue;
    const part = corePart(file);
    const from = coreFloor(part);
    if (from < 0) {
      problems.push(`${file} is in a part of main/core with no floor`);
      continue;
    }
    for (const target of importsOf(tree, file)) {
      if (!target.startsWith('main/core/') || corePart(target) === part) continue;
      if (coreFloor(corePart(target)) >= from) problems.push(`${file} imports ${target}`);
    }
  }
  return problems;
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

/**
 * The floors README.md's Layout numbers under the entry that starts with `entry`: per numbered
 * item, the folders (`store/`) and files (`create-core.ts`) it names in backticks.
 */
function layoutFloors(readme: string, entry: string): string[][] {
  const layout = readme.slice(readme.indexOf('\n## Layout\n'));
  const section = layout.slice(0, layout.indexOf('\n## ', 1));
  const start = section.indexOf(`\n- ${entry}`);
  const end = section.indexOf('\n- ', start + 1);
  const items = section
    .slice(start, end < 0 ? undefined : end)
    .split(/\n\s+\d+\.\s/)
    .slice(1);
  return items.map((item) => [...item.matchAll(/`([a-z-]+(?:\/|\.ts))`/g)].map((match) => match[1]!));
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

  it('has every folder and top-level file of main/core import only the floors below its own', () => {
    expect(coreImportsUpward(tree)).toEqual([]);
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

describe("README.md's Layout", () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');

  it('numbers the floors the checks above keep, for the core and for the page', () => {
    expect(layoutFloors(readme, '`main/core/`')).toEqual(CORE_FLOORS);
    expect(layoutFloors(readme, '`renderer/`')).toEqual(PAGE_FLOORS.map((floor) => floor.map((folder) => `${folder}/`)));
  });

  it('names in its floors only parts of main/core that are there', () => {
    const parts = new Set([...readTree('main/core').keys()].map(corePart));
    expect(CORE_FLOORS.flat().filter((part) => !parts.has(part))).toEqual([]);
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

  it('a core folder or file importing its own floor or a higher one, or standing on no floor', () => {
    const broken = made({
      'main/core/index.ts': "export { createCore } from './create-core';",
      'main/core/create-core.ts': "import { openStore } from './store/open-store';",
      'main/core/answers/index.ts': "import type { AnswersRepository } from '../store/answers-repository';",
      'main/core/store/answers-repository.ts': "export type { StoredMock } from '../answers';",
      'main/core/protocol/facts.ts': "import { NOW } from '../tunnel/clock';",
      'main/core/tunnel/clock.ts': '',
      'main/core/webhook/handle-call.ts': "import { ACTION_NAME_PATTERN } from '../protocol/facts';\nimport { core } from '..';",
      'main/core/widgets/chip.ts': "import { events } from '../events';",
      'main/core/events.ts': '',
    });
    expect(coreImportsUpward(broken)).toEqual([
      'main/core/store/answers-repository.ts imports main/core/answers/index.ts',
      'main/core/protocol/facts.ts imports main/core/tunnel/clock.ts',
      'main/core/webhook/handle-call.ts imports main/core/index.ts',
      'main/core/widgets/chip.ts is in a part of main/core with no floor',
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

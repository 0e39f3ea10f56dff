import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

/** Lints `code` as if it lived at `file`, and returns the restricted-import messages. */
async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((m) => m.message);
}

describe('lint boundaries between core, shell and renderer', () => {
  it('keeps electron out of the core', async () => {
    expect(await boundaryErrors('main/core/some-module.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([
      expect.stringMatching(/core must not import electron/),
    ]);
  });

  it('lets the desktop shell import electron', async () => {
    expect(await boundaryErrors('main/desktop/some-module.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
  });

  it('keeps renderer code out of main', async () => {
    expect(
      await boundaryErrors('main/core/some-module.ts', "import { App } from '../../renderer/src/app/App';\nexport const a = App;\n"),
    ).toEqual([expect.stringMatching(/main must not import renderer code/)]);
  });

  it('lets the renderer import only the contract from main', async () => {
    expect(
      await boundaryErrors('renderer/src/x.ts', "import type { Verdict } from '../../main/contract/api';\nexport type V = Verdict;\n"),
    ).toEqual([]);
    expect(
      await boundaryErrors(
        'renderer/src/x.ts',
        "import { createCore } from '../../main/core/create-core';\nexport const c = createCore;\n",
      ),
    ).toEqual([expect.stringMatching(/only main\/contract/)]);
    expect(await boundaryErrors('renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n")).toEqual([
      expect.stringMatching(/only through the contract/),
    ]);
  });

  it('keeps zod and the argument schemas out of the page and the preload', async () => {
    for (const file of ['renderer/src/x.ts', 'preload/x.ts']) {
      const up = file.startsWith('renderer/') ? '../../' : '../';
      expect(await boundaryErrors(file, "import * as z from 'zod';\nexport const s = z.string();\n")).toEqual([
        expect.stringMatching(/zod and the argument schemas stay out of the page/),
      ]);
      expect(
        await boundaryErrors(
          file,
          `import type { callFilter } from '${up}main/contract/schemas/calls';\nexport type F = typeof callFilter;\n`,
        ),
      ).toEqual([expect.stringMatching(/zod and the argument schemas stay out of the page/)]);
    }
  });

  it('lets the contract’s type files take zod and the schemas as types only', async () => {
    const asTypes =
      "import type * as z from 'zod';\nimport type { callFilter } from './schemas/calls';\nexport type F = z.output<typeof callFilter>;\n";
    expect(await boundaryErrors('main/contract/calls.ts', asTypes)).toEqual([]);
    const asValues =
      "import * as z from 'zod';\nimport { callFilter } from './schemas/calls';\nexport const f = callFilter.or(z.null());\n";
    expect(await boundaryErrors('main/contract/calls.ts', asValues)).toEqual([
      expect.stringMatching(/import zod as types only/),
      expect.stringMatching(/import them as types only/),
    ]);
    expect(await boundaryErrors('main/contract/schemas/calls.ts', "import * as z from 'zod';\nexport const f = z.object({});\n")).toEqual(
      [],
    );
  });
});

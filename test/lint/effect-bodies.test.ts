// An effect's arrow returns its cleanup to React, which calls it: a concise arrow returns its
// call's value, and a DOM method typed void may return one (Chromium's scrollIntoView returns a
// Promise), which crashed the Answers dialog when React called it. The page's lint refuses them.
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

/** Lints `code` as a page file, and returns the lines the effect-body rule refused. */
async function refusedLines(code: string): Promise<number[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, 'renderer/src/x.tsx') });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax').map((m) => m.line);
}

const header = "import { useEffect, useLayoutEffect } from 'react';\ndeclare const row: HTMLElement;\n";

describe("the page's effects", () => {
  it('refuses a concise arrow, whose value React would call as the cleanup', async () => {
    const code = `${header}export function A() {\n  useEffect(() => row.scrollIntoView(), []);\n  useLayoutEffect(() => row.focus(), []);\n  return null;\n}\n`;
    expect(await refusedLines(code)).toEqual([4, 5]);
  });

  it('takes a body in braces, with return only for a cleanup', async () => {
    const code = `${header}export function A() {\n  useEffect(() => {\n    row.scrollIntoView();\n  }, []);\n  useEffect(() => {\n    return () => row.blur();\n  }, []);\n  return null;\n}\n`;
    expect(await refusedLines(code)).toEqual([]);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAnswersFolder } from '../../../main/core';
import { cleanupsPerTest } from '../../helpers/cleanups-per-test';

const { tempDir } = cleanupsPerTest();

describe('readAnswersFolder', () => {
  it("keeps each mock's file and places what it breaks of Flowent's contract at its line and column there", () => {
    const folder = tempDir('fc-answers-');
    // Comments and the answer file's own fields come first: the file's lines are not those of the mock's JSON.
    writeFileSync(
      join(folder, 'send_email.yaml'),
      '# The welcome mail\nversion: 1\nmode: mock\nfallback:\n  status: 200\n  body:\n    result: {sent: true}\n    error: ""\n',
    );
    writeFileSync(join(folder, '_default.yaml'), 'version: 1\nbody: {result: "ok", error: ""}\n');
    const read = readAnswersFolder(folder);
    if (!read.ok) throw new Error(`not read: ${read.code}`);
    expect(read.mocks.map(({ action, file, warnings }) => ({ action, file, warnings }))).toEqual([
      { action: null, file: '_default.yaml', warnings: [] },
      {
        action: 'send_email',
        file: 'send_email.yaml',
        warnings: [{ path: 'fallback.body.result', message: expect.stringContaining('`result` is an object'), line: 7, column: 13 }],
      },
    ]);
  });
});

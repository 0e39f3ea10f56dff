import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportAnswersFolder, readAnswersFolder } from '../../../main/core';
import { parseMockText } from '../../../main/core/answers/mock-file';
import type { MockDefinition, StoredMock } from '../../../main/contract/api';
import { cleanupsPerTest } from '../../helpers/cleanups-per-test';

const { tempDir } = cleanupsPerTest();

/** A mock as `mocks set` stores it: its text as written, and the definition the check reads from it. */
function stored(action: string | null, text: string): StoredMock {
  const checked = parseMockText(text, 'yaml');
  if (!checked.ok) throw new Error(`not a mock: ${JSON.stringify(checked.errors)}`);
  return { action, definition: checked.value, text, format: 'yaml', updatedAt: 0 };
}

/** Exports the mocks into a new folder and reads it back: each file's text, and the mocks read, by action. */
function exportAndRead(mocks: StoredMock[]): { texts: Record<string, string>; read: Map<string | null, MockDefinition> } {
  const folder = join(tempDir('fc-export-'), 'answers');
  const exported = exportAnswersFolder(folder, { mocks, routes: [] });
  if (!exported.ok) throw new Error(`not exported: ${exported.code}`);
  const texts = Object.fromEntries(exported.written.map((file) => [file, readFileSync(join(folder, file), 'utf8')]));
  const read = readAnswersFolder(folder);
  if (!read.ok) throw new Error(`not read back: ${read.code}`);
  return { texts, read: new Map(read.mocks.map((mock) => [mock.action, mock.definition])) };
}

const HEADER = '# yaml-language-server: $schema=../schemas/answers.schema.json\nversion: 1\n';

const RULES = `selection: rules
answerRegistrationCheck: true
responses:
  - name: vip
    when: {path: parameters.user.email, contains: "@vip.example"}
    status: 201
    headers: {x-tier: gold}
    body: {result: "VIP {{uuid}}", error: ""}
    delayMs: 250
  - when:
      - {path: "$.parameters.items[0].id", regex: "^A"}
      - {path: parameters.rush, exists: true}
    fault: {type: timeout, holdMs: 5000}
  - when: {path: parameters.n, equals: null}
    fault: error
  - when: {path: parameters.m, equals: {a: [1, 2]}}
    fault: {type: error, message: "kaput"}
  - fault: timeout
  - fault: drop
  - fault: non-json
    body: "not {{json parameters}}"
fallback: {status: 200, body: {result: "ok", error: ""}, delayMs: 0, when: []}
`;

describe('mocks export writes each mock in its short form', () => {
  it('one answer is written as status and body at the top, nothing filled in by default', () => {
    const { texts } = exportAndRead([
      stored('send_email', 'status: 200\nbody: {result: "Sent to {{parameters.recipient}} at {{now}}", error: ""}\n'),
    ]);
    expect(texts['send_email.yaml']).toBe(
      `${HEADER}status: 200\nbody:\n  result: Sent to {{parameters.recipient}} at {{now}}\n  error: ""\n`,
    );
  });

  it('reads back as the same mocks: one answer, rules with every kind of field, a sequence, a fallback alone', () => {
    const mocks = [
      stored('send_email', 'status: 200\nbody: {result: "Sent to {{parameters.recipient}} at {{now}}", error: ""}\n'),
      stored('rules', RULES),
      stored('steps', 'selection: sequence\nresponses:\n  - body: {result: "first", error: ""}\n  - status: 503\n    body: "down"\n'),
      stored(null, 'selection: random\nfallback: {status: 202, body: null, headers: {retry-after: 5}}\n'),
      stored('named', 'name: only\nstatus: 200\nbody: {result: "", error: ""}\nanswerRegistrationCheck: true\n'),
      // The built-in answer's fields in another order: another body, so it is written.
      stored('reordered', 'status: 200\nbody: {error: "", result: "ok"}\n'),
    ];
    const { texts, read } = exportAndRead(mocks);
    // Compared as JSON, key order included: a body's order is the order of the bytes it answers.
    for (const mock of mocks)
      expect(JSON.stringify(read.get(mock.action)), mock.action ?? '_default').toBe(JSON.stringify(mock.definition));
    // Nothing the reader fills in by itself is written, and a fallback has no conditions to write.
    for (const text of Object.values(texts)) expect(text).not.toMatch(/when: \[\]|headers: \{\}|delayMs: 0\b|fault: null|selection: rules/);
    // The built-in answer's body is left out too: a fallback that answers it is its status alone.
    expect(texts['rules.yaml']).toMatch(/\n {2}- status: 200\n {4}fault: drop\n/);
    expect(texts['rules.yaml']).toMatch(/\nfallback:\n {2}status: 200\n$/);
    expect(texts['rules.yaml']).toMatch(/^ {4}when:\n {6}path: parameters\.user\.email\n {6}contains: "@vip\.example"$/m);
    expect(texts['_default.yaml']).toBe(`${HEADER}selection: random\nstatus: 202\nheaders:\n  retry-after: "5"\nbody: null\n`);
  });
});

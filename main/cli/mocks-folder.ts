import { join } from 'node:path';
import { REDACTED_CREDENTIAL, type AnswerRoute } from '../contract/api';
import { counted, contractWarningLine } from '../contract/words';
import { exportAnswersFolder, readAnswersFolder, restoreLeftOutPasswords, type MockOfFile } from '../core';
import type { CliIo } from './cli-io';
import { answersFolderInCliWords, inCliWords } from './cli-words';
import { EXIT, exitCodeOf } from './exit-codes';
import { withCore } from './open-core';
import { printable } from './printable';

// `mocks export` and `mocks import`: the history's answers to and from a folder of answer files.

export async function exportMocksTo(folder: string, dataDir: string | undefined, io: CliIo): Promise<number> {
  return withCore(
    'mocks',
    dataDir,
    io,
    async (api) => {
      const settings = await api.getAnswerSettings();
      const exported = exportAnswersFolder(folder, settings);
      if (!exported.ok) {
        // A write that failed half way may have written some files: only a mistake is sure to have stopped them all.
        const nothing = exported.code === 'project-invalid' ? 'nothing was exported. ' : '';
        io.stderr.write(`flowent-companion mocks: ${nothing}${answersFolderInCliWords(exported)}\n`);
        return exitCodeOf(exported);
      }
      for (const file of exported.written) io.stdout.write(`Wrote ${join(folder, file)}.\n`);
      for (const file of exported.redacted) io.stderr.write(`${credentialsLeftOut(join(folder, file))}\n`);
      if (exported.written.length > 0) return EXIT.done;
      io.stderr.write('No answers stored: nothing to export.\n');
      return EXIT.failed;
    },
    { readOnly: true },
  );
}

/** The note under `mocks export` for a file whose forwarding target had credentials in its URL. */
function credentialsLeftOut(file: string): string {
  return (
    `  ${file}: the password in its forward: URL is written as ${REDACTED_CREDENTIAL} (answer files are meant for git; ` +
    'the history keeps them). Put them back only in a copy you do not commit, or have the handler take them some other way.'
  );
}

export async function importMocksFrom(folder: string, dataDir: string | undefined, io: CliIo): Promise<number> {
  const read = readAnswersFolder(folder);
  if (!read.ok) {
    io.stderr.write(`flowent-companion mocks: nothing was imported. ${answersFolderInCliWords(read)}\n`);
    return exitCodeOf(read);
  }
  return withCore('mocks', dataDir, io, async (api) => {
    const restored = restoreLeftOutPasswords(read.routes, (await api.getAnswerSettings()).routes);
    if (!restored.ok) {
      io.stderr.write('flowent-companion mocks: nothing was imported.\n');
      for (const action of restored.missing) io.stderr.write(`${passwordNotStored(folder, action)}\n`);
      return EXIT.failed;
    }
    for (const mock of read.mocks) {
      // The file's own text, so `mocks get` and the page show the mock as it was written (comments too).
      const stored = await api.setMock(mock.action, mock.text, mock.format);
      if (!stored.ok) {
        io.stderr.write(`flowent-companion mocks: ${inCliWords(stored)}\n`);
        return 1;
      }
    }
    for (const route of restored.routes) {
      const routed = route.target !== null ? await api.setForwardTarget(route.action, route.target) : null;
      const moded = await api.setAnswerMode(route.action, route.mode);
      const failed = [routed, moded].find((result) => result !== null && !result.ok);
      if (failed && !failed.ok) {
        io.stderr.write(`flowent-companion mocks: ${inCliWords(failed)}\n`);
        return 1;
      }
    }
    io.stdout.write(`Imported ${importedParts(read.mocks.length, read.routes)} from ${folder}.\n`);
    warnOfImportedContract(folder, read.mocks, io);
    return 0;
  });
}

/** Why `mocks import` stored nothing: an answer file's forward: URL whose password an export left out, with none stored to keep. */
function passwordNotStored(folder: string, action: string | null): string {
  const file = join(folder, `${action ?? '_default'}.yaml`);
  const set = `flowent-companion targets set ${action ?? '--default'} <the URL with its password>`;
  return (
    `  ${file}: the password in its forward: URL is ${REDACTED_CREDENTIAL} (left out when it was exported), and the history ` +
    `has no target for ${action === null ? 'the default' : `action ${action}`} with the same URL to take it from. ` +
    `Run "${set}", then import again: the import keeps a stored password.`
  );
}

/**
 * What an import stored, each kind by its name: a file that says `mode: mock` (or only inherits)
 * is no forwarding setting, and was counted as one.
 */
function importedParts(mocks: number, routes: AnswerRoute[]): string {
  const forwarding = routes.filter((route) => route.mode === 'forward' || (route.mode === null && route.target !== null)).length;
  const mocked = routes.filter((route) => route.mode === 'mock').length;
  const parts = [
    counted(mocks, 'mock'),
    ...(forwarding > 0 ? [counted(forwarding, 'forwarding setting')] : []),
    ...(mocked > 0 ? [`${counted(mocked, 'action')} set to answer with ${mocked === 1 ? 'its mock' : 'their mocks'} (mode: mock)`] : []),
  ];
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/**
 * The same warnings of imported mocks, each at its answer file's line and column as a mistake in
 * such a file is said (\`flowent/answers/x.yaml:12:5: ...\`): a mock is stored as JSON, whose lines
 * are not the file's, so the reader of the folder keeps where in the file each warning sits.
 */
function warnOfImportedContract(folder: string, mocks: MockOfFile[], io: CliIo): void {
  const warned = mocks.filter((mock) => mock.warnings.length > 0);
  if (warned.length === 0) return;
  const breaks = warned.length === 1 ? 'breaks' : 'break';
  io.stderr.write(
    `flowent-companion mocks: warning: ${counted(warned.length, 'imported mock')} ${breaks} Flowent's contract; stored all the same:\n`,
  );
  for (const { file, warnings } of warned)
    for (const { path, message, line, column } of warnings) {
      const warning = contractWarningLine({ file: join(folder, file), line: line ?? null, column: column ?? null, path, message });
      io.stderr.write(`${printable(`  ${warning}`)}\n`);
    }
}

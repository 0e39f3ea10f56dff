import { readFileSync } from 'node:fs';
import { HMAC_KEY_ENV, nonBlankSecret } from '../contract/secret-variables';
import { parseFlags, UsageError } from './args';
import { noteKeyEdgeSpace } from './key-edge-space-note';
import type { CliIo } from './cli-io';
import { EXIT, exitCodeOf } from './exit-codes';
import { inCliWords } from './cli-words';
import { counted, countWords, fileProblemInWords, importEndWords } from '../contract/words';
import { withCore, type CoreSession } from './open-core';
import { harFileText, readHarEntries } from '../core';
import { progressLine, type ProgressLine } from './progress-line';

export const IMPORT_HELP = `Usage: flowent-companion import <file.har> [options]

Add the calls in a HAR file (from this app, a browser's developer tools or another tool) to the
history. Signatures are checked again with ${HMAC_KEY_ENV}, so verdicts match this machine.
Entries that are not POST requests with a body are skipped and counted, and so are POSTs of
another tool's file that are no Flowent call (neither naming an action nor sent to
/actions/<name>), entries without a readable time, and the calls the history already holds (same
method, path, body and time received: the file imported again). The file may be UTF-8, or UTF-16
with its byte order mark. On a terminal, a line on stderr tells how far a big import is.

Exit codes: 0 done, also when the history held every call already; 1 when an entry is broken
(skipped and named on stderr, the other entries imported), when no entry is a call to import, or
when --data-dir names no folder; 2 when the file is empty, not a HAR (\`calls --json\` output is
not one: make a HAR with \`export --har\`) or neither UTF-8 nor UTF-16.

Options:
  --data-dir <dir>   History folder (default: FLOWENT_COMPANION_DATA_DIR, or the app's data folder)
  -h, --help         Show this help
`;

/** The flags of `import`: parsed from here, and listed by the completion scripts. */
export const FLAGS = { 'data-dir': { type: 'string', takes: 'folder' } } as const;

/** The argument, for shell completion: the HAR file. */
export const ARGUMENT_WORDS = ['har'] as const;

export async function importCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, FLAGS, true);
  if (positionals.length !== 1)
    throw new UsageError(positionals.length === 0 ? 'import needs a HAR file.' : `unexpected argument "${positionals[1]}".`);
  const file = positionals[0]!;
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch (error) {
    io.stderr.write(`flowent-companion import: ${fileProblemInWords(file, error, 'read')}\n`);
    return EXIT.usage;
  }
  // Refused as the inspector's upload refuses it: read leniently, its bad bytes would be stored as U+FFFD.
  const text = harFileText(raw);
  if (!text.ok) {
    io.stderr.write(`flowent-companion import: ${file}: ${text.message}\n`);
    return EXIT.usage;
  }
  // A file with nothing to import is refused before the history is opened: opening it would
  // create one in a new folder, for nothing.
  const entries = readHarEntries(text.value);
  if (!entries.ok) {
    io.stderr.write(`flowent-companion import: ${file}: ${inCliWords(entries)}\n`);
    return exitCodeOf(entries);
  }
  return withCore('import', values['data-dir'], io, async (api, session) => {
    const stopProgress = showProgress(progressLine(io.stderr), file, session);
    const imported = await api.importHar(text.value).finally(stopProgress);
    if (!imported.ok) {
      io.stderr.write(`flowent-companion import: ${file}: ${inCliWords(imported)}\n`);
      return exitCodeOf(imported);
    }
    const { value } = imported;
    const counts = { ...value, broken: value.problems.length };
    io.stdout.write(`${importEndWords(counts, file)}\n`);
    for (const problem of value.problems) io.stderr.write(`  skipped ${problem.path}: ${problem.message}\n`);
    if (nonBlankSecret(io.env[HMAC_KEY_ENV]) === null && value.imported > 0)
      io.stderr.write(`  ${HMAC_KEY_ENV} is not set: signed calls were stored with the verdict "no key".\n`);
    if (value.imported > 0) noteKeyEdgeSpace('import', io);
    // Nothing imported is nothing to work on (a job importing a HAR of GETs learns so), as a file with problems is;
    // a file whose calls the history already holds is done (a job importing it again is not told it failed).
    return value.problems.length > 0 || value.imported + value.duplicates === 0 ? EXIT.failed : EXIT.done;
  });
}

/**
 * Says on the terminal how far a big import is (a 130 MB file takes half a minute): its stage,
 * then how many entries of the file are done.
 */
function showProgress(progress: ProgressLine, file: string, session: Pick<CoreSession, 'subscribe'>): () => void {
  const unsubscribe = session.subscribe((event) => {
    if (event.type !== 'har-import-progress') return;
    const where =
      event.stage === 'reading' ? 'reading the file' : `${countWords(event.done)} of ${counted(event.total, 'entry', 'entries')}`;
    progress.show(`Importing ${file}: ${where}…`, event.stage === 'reading' || event.done === event.total);
  });
  return () => {
    unsubscribe();
    progress.clear();
  };
}

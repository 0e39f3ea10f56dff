import { readFileSync } from 'node:fs';
import { REDACTED_CREDENTIAL, type MockFormat } from '../contract/api';
import {
  answerFileMistakes,
  answersAt,
  answerFileWarnings,
  changeAnswers,
  answerFileOf,
  noteProjectAnswers,
  parseTarget,
  targetKey,
  writableAnswers,
} from './answers-cli-shared';
import { parseFlags, UsageError } from './args';
import { exportMocksTo, importMocksFrom } from './mocks-folder';
import type { CliIo } from './cli-io';
import { EXIT, exitCodeOf } from './exit-codes';
import { inCliWords } from './cli-words';
import {
  fileProblemInWords,
  forwardedMockNote,
  invalidMockHeading,
  mockFromCallName,
  mockFromCallWords,
  mockProblemLine,
  mockRemovedWords,
  mocksRemovedWords,
  mockStoredWords,
  noMocksWords,
  noMockWords,
} from '../contract/words';
import { withCore } from './open-core';
import { describeMock, warnOfContract } from './mock-lines';
import { forwardingOf } from './serve-answer-lines';
import { BUILT_IN_ANSWER_TEXT } from '../contract/answers';

export const MOCKS_HELP = `Usage: flowent-companion mocks <list|get|set|clear|from-call|export|import> [options]

Answers, the mock half: edit the answers the companion gives when it does not forward a call
to your handler ("flowent-companion targets" is the forwarding half). Run in a folder with
flowent/, they read and write its answer files (flowent/answers/<action>.yaml), as the app's
Answers dialog does; elsewhere, the history folder's answers. A running "serve" uses a change at
its next call, unless it answers from other ones (then the command says so, naming them).

  mocks list [--json]                               Print the stored mocks (--json: "answeredBy" is
                                                    "mock", or "forward" when a saved target
                                                    forwards the mock's action)
  mocks get <action|--default>                      Print a mock as it was written (JSON or YAML;
                                                    in a project, its answer file's text but for
                                                    version, mode and forward, comments kept)
  mocks set <action|--default> --file <mock.json|mock.yaml>
                                                    Check a mock file and store it (an answer
                                                    that breaks Flowent's contract is stored
                                                    with a warning, to try a failure on purpose;
                                                    a mock whose action a saved target forwards,
                                                    with a note: it answers once "targets mode
                                                    <action> mock" is run). In a project, a YAML
                                                    mock goes into its answer file as written,
                                                    comments included; a JSON one is written as
                                                    YAML, the file's comments kept
  mocks clear <action|--default|--all>              Remove mocks (back to ${BUILT_IN_ANSWER_TEXT})
  mocks from-call <call id>                         Make the call's answer its action's mock
  mocks export <dir>                                Write the stored answers (mocks, targets, modes)
                                                    as one file per action, <action>.yaml and
                                                    _default.yaml: a folder fit for flowent/answers/
                                                    (made if it is not there)
  mocks import <dir>                                Store the answers of such a folder (all or,
                                                    if one file has a mistake, none); one mock
                                                    file is stored with "set", not imported. A
                                                    forward: URL's password left out by export
                                                    (${REDACTED_CREDENTIAL}) is taken from the stored target
                                                    with the same URL; with none, nothing is
                                                    imported

With a project folder (flowent/, see "flowent-companion init"), "serve" answers from the files
in flowent/answers/ instead of the history folder: edit them, or move answers with export/import
(which work on the history folder's answers wherever they run).
An answer file is a mock file with "version: 1" first, plus "mode: mock|forward" and
"forward: <url>".

A mock file (JSON or YAML):
  status: 200                      # one answer: status, headers, body, delayMs, fault
  body: {result: "Sent to {{parameters.recipient}} at {{now}}", error: ""}
or several, chosen by rules (first match wins), in sequence, or at random:
  selection: rules                 # rules | sequence | random
  answerRegistrationCheck: false   # true: the mock also answers Flowent's registration check
  responses:
    - when: {path: parameters.user.email, contains: "@vip.example"}   # equals, contains, regex, exists
      body: {result: "VIP {{uuid}}", error: ""}
    - when: {path: "$.parameters.items[0].id", regex: "^A"}
      fault: timeout               # timeout (35 s, or {type: timeout, holdMs: n}), drop, non-json, error
  fallback: {status: 200, body: {result: "ok", error: ""}, delayMs: 250}
Templates: {{parameters.x}}, {{action_name}}, {{timestamp}}, {{now}}, {{uuid}}, {{random 1 100}},
{{json parameters.user}}, and the built-ins if, unless, each, with, lookup. A field the call lacks
makes the mock answer 500 "Mock template failed". \\{{ writes {{ as text; "from-call" also uses
{{backslash}}, {{open_brace}}, {{close_brace}} and {{nul}} where a character would read as syntax.

Options:
  --data-dir <dir>   History folder (default: FLOWENT_COMPANION_DATA_DIR, or the app's data folder)
  --file <path>      The mock to store (set); .yaml/.yml is read as YAML, anything else as JSON
  --default          The mock for every action that has none of its own
  --all              Every mock (clear)
  --json             One JSON object per line (list)
  -h, --help         Show this help

Exit codes: 0 done; 1 nothing to work on (no history, no such mock, no answer files in the
folder, no answers to export), a folder that cannot be written, or a forward: URL whose
password was left out (${REDACTED_CREDENTIAL}) with no stored target to keep it from; 2 usage, a mock file or an
answer file with a mistake (list exits 2 when any has one, having listed the others and
named it), or an import folder that is not there or is a file.
`;

export const SUBCOMMANDS = ['list', 'get', 'set', 'clear', 'from-call', 'export', 'import'] as const;

/** The words after a subcommand, for shell completion: the folder `export` writes and `import` reads. */
export const SUBCOMMAND_WORDS = { export: ['folder'], import: ['folder'] } as const;

/** Listing, printing and exporting mocks only read the history: they create none. */
const READ_ONLY = { readOnly: true };

/** The flags of `mocks`: parsed from here, and listed by the completion scripts. */
export const FLAGS = {
  'data-dir': { type: 'string', takes: 'folder' },
  file: { type: 'string', takes: 'file' },
  default: { type: 'boolean' },
  all: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

export async function mocksCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, FLAGS, true);
  const [sub, positional, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}".`);
  const out = (line: string) => io.stdout.write(`${line}\n`);
  const err = (line: string) => io.stderr.write(`${line}\n`);
  const refuse = (flag: string, used: unknown) => {
    if (used !== undefined) throw new UsageError(`${flag} does not apply to "mocks ${sub}".`);
  };
  const at = answersAt('mocks', ['set', 'clear', 'from-call'].includes(sub ?? ''), values['data-dir'], io);
  if ('refused' in at) return at.refused;
  const { project, place, changing } = at;
  switch (sub) {
    case 'list':
      if (positional !== undefined) throw new UsageError(`mocks list takes no action name.`);
      refuse('--file', values.file);
      return withCore(
        'mocks',
        values['data-dir'],
        io,
        async (api) => {
          const settings = await api.getAnswerSettings();
          const { mocks } = settings;
          for (const mock of mocks)
            out(
              values.json
                ? JSON.stringify({
                    action: mock.action,
                    updatedAt: new Date(mock.updatedAt).toISOString(),
                    format: mock.format,
                    definition: mock.definition,
                    // As calls --json names who answered: this mock, or the handler a saved target forwards to.
                    answeredBy: forwardingOf(settings, mock.action) === null ? 'mock' : 'forward',
                  })
                : describeMock(mock),
            );
          // A file with a mistake is not listed (or is, as its last good version): said under the list, with --json too.
          const mistakes = await answerFileMistakes(api, io, values['data-dir'], project);
          if (mocks.length === 0 && !values.json) {
            err(
              noMocksWords(
                settings.routes.some((route) => forwardingOf(settings, route.action) !== null),
                mistakes.length > 0,
              ),
            );
          }
          // A mock listed is not what answers an action its route forwards: said under the list, which stays one line a mock.
          if (!values.json)
            for (const mock of mocks) {
              const forwarded = forwardingOf(settings, mock.action);
              if (forwarded !== null) err(forwardedMockNote(mock.action, forwarded));
            }
          for (const line of mistakes) err(line);
          for (const line of await answerFileWarnings(api, project)) err(line);
          noteProjectAnswers(io, values['data-dir'], project, 'listed');
          // As get exits for its file: a list with files left out is not the whole answer, and a script must see it.
          return mistakes.length > 0 ? EXIT.usage : EXIT.done;
        },
        { ...READ_ONLY, projectDir: project },
      );
    case 'get': {
      refuse('--file', values.file);
      refuse('--json', values.json);
      const target = parseTarget('mocks get', positional, values, false);
      return withCore(
        'mocks',
        values['data-dir'],
        io,
        async (api) => {
          const key = targetKey(target);
          const settings = await api.getAnswerSettings();
          const { mocks } = settings;
          const mock = mocks.find((stored) => stored.action === key);
          // Its file's mistake first: with it, what is printed (or said to answer) is not what the file says now.
          const mistakes = await answerFileMistakes(api, io, values['data-dir'], project, [answerFileOf(key)]);
          for (const line of mistakes) err(line);
          for (const line of await answerFileWarnings(api, project, [answerFileOf(key)])) err(line);
          // A route that forwards the action's calls: then its mock (or the built-in answer) answers only in the handler's place.
          const forwarded = forwardingOf(settings, key);
          if (!mock) {
            // Nothing of the file answers: the mock asked for is the file's to fix, a bad value as a mock file's mistake is.
            const failed = mistakes.length > 0 ? EXIT.usage : EXIT.failed;
            // What answers instead: the handler, else the stored default when there is one, else the built-in answer.
            const defaultMock = mocks.some((stored) => stored.action === null);
            err(`flowent-companion mocks: ${noMockWords(target, forwarded, defaultMock)}`);
            return failed;
          }
          if (forwarded !== null) err(forwardedMockNote(key, forwarded));
          io.stdout.write(mock.text.endsWith('\n') ? mock.text : `${mock.text}\n`);
          return 0;
        },
        { ...READ_ONLY, projectDir: project },
      );
    }
    case 'set': {
      const target = parseTarget('mocks set', positional, values, false);
      if (values.file === undefined) throw new UsageError('mocks set needs --file <mock.json|mock.yaml>.');
      const file = values.file;
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        err(`flowent-companion mocks: ${fileProblemInWords(file, error, 'read')}`);
        return EXIT.usage;
      }
      return withCore(
        'mocks',
        values['data-dir'],
        io,
        async (api) => {
          const stored = await api.setMock(targetKey(target), text, formatOfFile(file));
          if (!stored.ok && stored.code === 'invalid-mock') {
            err(`flowent-companion mocks: ${invalidMockHeading(file)}`);
            for (const problem of stored.errors) err(mockProblemLine(problem));
            return exitCodeOf(stored);
          }
          if (!stored.ok) {
            err(`flowent-companion mocks: ${inCliWords(stored)}`);
            return exitCodeOf(stored);
          }
          out(mockStoredWords(target, place));
          out(describeMock(stored.value));
          await warnOfContract(api, stored.value, file, io);
          // Stored, but not what answers while a saved target forwards the action: said as get and list say it.
          const forwarded = forwardingOf(await api.getAnswerSettings(), targetKey(target));
          if (forwarded !== null) err(forwardedMockNote(targetKey(target), forwarded));
          noteProjectAnswers(io, values['data-dir'], project);
          return 0;
        },
        writableAnswers(project),
      );
    }
    case 'clear': {
      refuse('--file', values.file);
      const target = parseTarget('mocks clear', positional, values, true);
      if (target.kind === 'all')
        return changeAnswers(
          changing,
          (api) => api.clearAllMocks(),
          ({ cleared }) => out(mocksRemovedWords(cleared, place)),
        );
      return changeAnswers(
        changing,
        (api) => api.clearMock(targetKey(target)),
        ({ cleared }) => out(mockRemovedWords(target, cleared, place)),
      );
    }
    case 'from-call': {
      const id = Number(positional);
      if (!positional || !/^\d+$/.test(positional) || id < 1)
        throw new UsageError('mocks from-call needs a call id, e.g. "mocks from-call 12" (see "flowent-companion calls").');
      return changeAnswers(
        changing,
        (api) => api.mockFromCall(id),
        async (made, api) => {
          out(mockFromCallWords(id, made.action, place));
          await warnOfContract(api, made, mockFromCallName(id), io);
        },
      );
    }
    case 'export':
    case 'import': {
      refuse('--file', values.file);
      if (positional === undefined) throw new UsageError(`mocks ${sub} needs a folder, e.g. "mocks ${sub} flowent/answers".`);
      return sub === 'export' ? exportMocksTo(positional, values['data-dir'], io) : importMocksFrom(positional, values['data-dir'], io);
    }
    case undefined:
      throw new UsageError(`mocks needs a subcommand: ${SUBCOMMANDS.join(', ')}.`);
    default:
      throw new UsageError(`unknown mocks subcommand "${sub}": use ${SUBCOMMANDS.join(', ')}.`);
  }
}

/** The format a file name implies: `.yaml`/`.yml` is YAML, anything else JSON. */
function formatOfFile(name: string): MockFormat {
  return /\.ya?ml$/i.test(name) ? 'yaml' : 'json';
}

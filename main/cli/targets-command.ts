import { redactUrlCredentials, type AnswerMode } from '../contract/api';
import { answerFileMistakes, answersAt, changeAnswers, noteProjectAnswers, parseTarget, targetKey } from './answers-cli-shared';
import { parseFlags, UsageError } from './args';
import type { CliIo } from './cli-io';
import { modeSetWords, NO_TARGETS, settingsClearedWords, targetLineWords, targetSetWords } from '../contract/words';
import { withCore } from './open-core';

export const TARGETS_HELP = `Usage: flowent-companion targets <list|set|mode|clear> [options]

Answers, the forwarding half: forward calls to your own handler instead of answering from a
mock ("flowent-companion mocks" is the mock half). The original body bytes and headers go on
unchanged (signatures stay valid); the handler's answer is relayed and checked against what
Flowent expects. Run in a folder with flowent/, they read and write its answer files
(flowent/answers/<action>.yaml), as the app's Answers dialog does; elsewhere, the history
folder's answers.

  targets list [--json]                        Print targets and modes
  targets set <action|--default> <url>         Forward there (sets the mode to forward);
                                               {action_name} in the URL is replaced,
                                               e.g. http://localhost:8000/actions/{action_name}
  targets mode <action|--default> <mock|forward|inherit>
                                               Switch an action between its mock and its handler
  targets clear <action|--default|--all>       Remove targets and modes

"serve --forward <url>" sets a target for this run only; stored targets take precedence.

Options:
  --data-dir <dir>   History folder (default: FLOWENT_COMPANION_DATA_DIR, or the app's data folder)
  --default          The setting for every action that has none of its own
  --all              Every setting (clear)
  --json             One JSON object per line (list)
  -h, --help         Show this help
`;

export const SUBCOMMANDS = ['list', 'set', 'mode', 'clear'] as const;

/** The words `targets mode` takes, and the mode each sets (inherit: none of its own). */
const MODES: Readonly<Record<string, AnswerMode | null>> = { mock: 'mock', forward: 'forward', inherit: null };
const MODE_NAMES = Object.keys(MODES);

/** The words after a subcommand, for shell completion: `mode <action|--default> <mode>`. */
export const SUBCOMMAND_WORDS = { mode: [null, MODE_NAMES] };

/** The flags of `targets`: parsed from here, and listed by the completion scripts. */
export const FLAGS = {
  'data-dir': { type: 'string', takes: 'folder' },
  // Each takes the action's place, as the positionals are read below.
  default: { type: 'boolean', standsForArgument: true },
  all: { type: 'boolean', standsForArgument: true },
  json: { type: 'boolean' },
} as const;

export async function targetsCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, FLAGS, true);
  const [sub, ...rest] = positionals;
  const out = (line: string) => io.stdout.write(`${line}\n`);
  const err = (line: string) => io.stderr.write(`${line}\n`);
  // With --default the one positional after the subcommand is the value, not an action.
  const [action, value, ...extra] = values.default || values.all ? [undefined, ...rest] : rest;
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}".`);
  const at = answersAt('targets', ['set', 'mode', 'clear'].includes(sub ?? ''), values['data-dir'], io);
  if ('refused' in at) return at.refused;
  const { project, place, changing } = at;
  switch (sub) {
    case 'list':
      if (rest.length > 0) throw new UsageError('targets list takes no arguments.');
      return withCore(
        'targets',
        values['data-dir'],
        io,
        async (api) => {
          const { routes } = await api.getAnswerSettings();
          for (const route of routes) {
            out(
              values.json
                ? JSON.stringify({
                    action: route.action,
                    mode: route.mode,
                    target: route.target === null ? null : redactUrlCredentials(route.target),
                    updatedAt: new Date(route.updatedAt).toISOString(),
                  })
                : targetLineWords(route),
            );
          }
          if (routes.length === 0 && !values.json) err(NO_TARGETS);
          // A file with a mistake is not listed (or is, as its last good version): its mode and target may be why.
          for (const line of await answerFileMistakes(api, io, values['data-dir'], project)) err(line);
          noteProjectAnswers(io, values['data-dir'], project, 'listed');
          return 0;
        },
        { readOnly: true, projectDir: project },
      );
    case 'set': {
      const target = parseTarget('targets set', action, values, false);
      if (value === undefined) throw new UsageError('targets set needs a URL, e.g. http://localhost:8000/actions/{action_name}.');
      return changeAnswers(
        changing,
        (api) => api.setForwardTarget(targetKey(target), value),
        () => out(targetSetWords(target, value, place)),
      );
    }
    case 'mode': {
      const target = parseTarget('targets mode', action, values, false);
      if (value === undefined || !MODE_NAMES.includes(value))
        throw new UsageError(
          `targets mode needs ${MODE_NAMES.slice(0, -1).join(', ')} or ${MODE_NAMES.at(-1)}, not ${value === undefined ? 'nothing' : `"${value}"`}.`,
        );
      return changeAnswers(
        changing,
        (api) => api.setAnswerMode(targetKey(target), MODES[value] ?? null),
        () => out(modeSetWords(target, value, place)),
      );
    }
    case 'clear': {
      if (value !== undefined) throw new UsageError(`unexpected argument "${value}".`);
      const target = parseTarget('targets clear', action, values, true);
      return changeAnswers<{ cleared: number | boolean }>(
        changing,
        (api) => (target.kind === 'all' ? api.clearAllAnswerRoutes() : api.clearAnswerRoute(targetKey(target))),
        ({ cleared }) => out(settingsClearedWords(target, cleared, place)),
      );
    }
    case undefined:
      throw new UsageError(`targets needs a subcommand: ${SUBCOMMANDS.join(', ')}.`);
    default:
      throw new UsageError(`unknown targets subcommand "${sub}": use ${SUBCOMMANDS.join(', ')}.`);
  }
}

import type { Command, CommandRegistry } from './command-shape';

const command = (
  run: Command['run'],
  help: string,
  flags: Command['flags'],
  subcommands: readonly string[] = [],
  subcommandWords: Command['subcommandWords'] = {},
  argumentWords: Command['argumentWords'] = [],
): Command => ({ run, help, flags, subcommands, subcommandWords, argumentWords });

/**
 * Every command, with the line the main help gives it. Loaded on demand: a command pulls in
 * the core (SQLite, the servers, the template and schema libraries), which --help, --version
 * and every other command need not pay for at start.
 */
export const COMMANDS: CommandRegistry = {
  init: {
    summary: 'Create flowent/: the actions and answers your team commits',
    load: () => import('./init-command').then((m) => command(m.initCommand, m.INIT_HELP, m.FLAGS)),
  },
  serve: {
    summary: 'Run the webhook server (and the inspector) until stopped',
    load: () => import('./serve-command').then((m) => command(m.serveCommand, m.SERVE_HELP, m.FLAGS)),
  },
  calls: {
    summary: 'Print stored calls, the last stored first',
    load: () => import('./calls-command').then((m) => command(m.callsCommand, m.CALLS_HELP, m.FLAGS)),
  },
  mocks: {
    summary: 'Answers: list, set and clear the mocks that answer calls',
    load: () => import('./mocks-command').then((m) => command(m.mocksCommand, m.MOCKS_HELP, m.FLAGS, m.SUBCOMMANDS, m.SUBCOMMAND_WORDS)),
  },
  targets: {
    summary: 'Answers: forward calls to your own handler instead',
    load: () =>
      import('./targets-command').then((m) => command(m.targetsCommand, m.TARGETS_HELP, m.FLAGS, m.SUBCOMMANDS, m.SUBCOMMAND_WORDS)),
  },
  replay: {
    summary: 'Send stored calls to your handler again and compare the answers',
    load: () => import('./replay-command').then((m) => command(m.replayCommand, m.REPLAY_HELP, m.FLAGS)),
  },
  send: {
    summary: 'Send your handler a simulated Flowent call',
    load: () => import('./send-command').then((m) => command(m.sendCommand, m.SEND_HELP, m.FLAGS)),
  },
  export: {
    summary: 'Write stored calls as a HAR file',
    load: () => import('./export-command').then((m) => command(m.exportCommand, m.EXPORT_HELP, m.FLAGS)),
  },
  import: {
    summary: 'Add the calls in a HAR file to the history',
    load: () => import('./import-command').then((m) => command(m.importCommand, m.IMPORT_HELP, m.FLAGS, [], {}, m.ARGUMENT_WORDS)),
  },
  actions: {
    summary: "Register and manage actions on Flowent's Gateway",
    load: () =>
      import('./actions-command').then((m) => command(m.actionsCommand, m.ACTIONS_HELP, m.FLAGS, m.SUBCOMMANDS, m.SUBCOMMAND_WORDS)),
  },
  verifier: {
    summary: 'Print a signature check for your handler (Python, Node.js, Go)',
    load: () => import('./verifier-command').then((m) => command(m.verifierCommand, m.VERIFIER_HELP, m.FLAGS, m.SUBCOMMANDS)),
  },
  inspector: {
    summary: "Replace the browser inspector's access token (rotate-token)",
    load: () => import('./inspector-command').then((m) => command(m.inspectorCommand, m.INSPECTOR_HELP, m.FLAGS, m.SUBCOMMANDS)),
  },
  completion: {
    summary: 'Print a shell completion script (bash, zsh or fish)',
    // Given the registry rather than importing it: the completion describes every command.
    load: () =>
      import('./completion-command').then((m) =>
        command((argv, io) => m.completionCommand(argv, io, COMMANDS), m.COMPLETION_HELP, m.FLAGS, m.SUBCOMMANDS),
      ),
  },
};

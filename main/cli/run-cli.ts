import { version } from '../../package.json';
import { UsageError } from './args';
import type { CliIo } from './cli-io';

const MAIN_HELP = `Flowent Companion: receive, verify and inspect Flowent action calls.

Usage: flowent-companion <command> [options]

Commands:
  init      Create flowent/: the actions and answers your team commits
  serve     Run the webhook server (and the inspector) until stopped
  calls     Print stored calls, newest first
  mocks     Answers: list, set and clear the mocks that answer calls
  targets   Answers: forward calls to your own handler instead
  replay    Send stored calls to your handler again and compare the answers
  send      Send your handler a simulated Flowent call
  export    Write stored calls as a HAR file
  import    Add the calls in a HAR file to the history
  actions   Register and manage actions on Flowent's Gateway
  verifier  Print a signature check for your handler (Python, Node.js, Go)
  inspector Replace the browser inspector's access token (rotate-token)

Run "flowent-companion <command> --help" for a command's options.
"flowent-companion --version" prints the version.
`;

interface Command {
  run(argv: string[], io: CliIo): Promise<number>;
  help: string;
}

// Loaded on demand: a command pulls in the core (SQLite, the servers, the template and schema
// libraries), which --help, --version and every other command need not pay for at start.
const COMMANDS: Record<string, () => Promise<Command>> = {
  init: () => import('./init-command').then((loaded) => ({ run: loaded.initCommand, help: loaded.INIT_HELP })),
  serve: () => import('./serve-command').then((loaded) => ({ run: loaded.serveCommand, help: loaded.SERVE_HELP })),
  calls: () => import('./calls-command').then((loaded) => ({ run: loaded.callsCommand, help: loaded.CALLS_HELP })),
  mocks: () => import('./mocks-command').then((loaded) => ({ run: loaded.mocksCommand, help: loaded.MOCKS_HELP })),
  targets: () => import('./targets-command').then((loaded) => ({ run: loaded.targetsCommand, help: loaded.TARGETS_HELP })),
  replay: () => import('./replay-command').then((loaded) => ({ run: loaded.replayCommand, help: loaded.REPLAY_HELP })),
  send: () => import('./send-command').then((loaded) => ({ run: loaded.sendCommand, help: loaded.SEND_HELP })),
  export: () => import('./export-command').then((loaded) => ({ run: loaded.exportCommand, help: loaded.EXPORT_HELP })),
  import: () => import('./import-command').then((loaded) => ({ run: loaded.importCommand, help: loaded.IMPORT_HELP })),
  actions: () => import('./actions-command').then((loaded) => ({ run: loaded.actionsCommand, help: loaded.ACTIONS_HELP })),
  verifier: () => import('./verifier-command').then((loaded) => ({ run: loaded.verifierCommand, help: loaded.VERIFIER_HELP })),
  inspector: () => import('./inspector-command').then((loaded) => ({ run: loaded.inspectorCommand, help: loaded.INSPECTOR_HELP })),
};

/** Runs one command line; resolves with the process exit code (2 for usage errors). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(MAIN_HELP);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    io.stdout.write(`${version}\n`);
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.stderr.write(`flowent-companion: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}. See --help.\n`);
    return 2;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(command.help);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`flowent-companion ${name}: ${error.message}\nSee "flowent-companion ${name} --help".\n`);
      return 2;
    }
    throw error;
  }
}

/** Runs a command line as the process: its exit code becomes the process's. */
export function runAsProcess(argv: string[], io: CliIo): void {
  runCli(argv, io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      io.stderr.write(
        `flowent-companion: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}

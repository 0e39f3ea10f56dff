import { UsageError } from './args';
import { callsCommand, CALLS_HELP } from './calls-command';
import { serveCommand, SERVE_HELP } from './serve-command';
import { mocksCommand, MOCKS_HELP } from './mocks-command';
import { targetsCommand, TARGETS_HELP } from './targets-command';
import { actionsCommand, ACTIONS_HELP } from './actions-command';
import { replayCommand, REPLAY_HELP } from './replay-command';
import { sendCommand, SEND_HELP } from './send-command';
import { exportCommand, EXPORT_HELP } from './export-command';
import { importCommand, IMPORT_HELP } from './import-command';
import { verifierCommand, VERIFIER_HELP } from './verifier-command';
import type { CliIo } from './cli-io';

const MAIN_HELP = `Flowent Companion: receive, verify and inspect Flowent action calls.

Usage: flowent-companion <command> [options]

Commands:
  serve    Run the webhook server (and the inspector) until stopped
  calls    Print stored calls, newest first
  mocks    List, set and clear the mocks that answer calls
  targets  Forward calls to your own handler
  replay   Send stored calls to your handler again and compare the answers
  send     Send your handler a simulated Flowent call
  export   Write stored calls as a HAR file
  import   Add the calls in a HAR file to the history
  actions  Register and manage actions on Flowent's Gateway
  verifier Print a signature check for your handler (Python, Node.js, Go)

Run "flowent-companion <command> --help" for a command's options.
`;

type Command = (argv: string[], io: CliIo) => Promise<number>;

const COMMANDS: Record<string, { run: Command; help: string }> = {
  serve: { run: serveCommand, help: SERVE_HELP },
  calls: { run: callsCommand, help: CALLS_HELP },
  mocks: { run: mocksCommand, help: MOCKS_HELP },
  targets: { run: targetsCommand, help: TARGETS_HELP },
  replay: { run: replayCommand, help: REPLAY_HELP },
  send: { run: sendCommand, help: SEND_HELP },
  export: { run: exportCommand, help: EXPORT_HELP },
  import: { run: importCommand, help: IMPORT_HELP },
  actions: { run: actionsCommand, help: ACTIONS_HELP },
  verifier: { run: verifierCommand, help: VERIFIER_HELP },
};

/** Runs one command line; resolves with the process exit code (2 for usage errors). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(MAIN_HELP);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`flowent-companion: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}. See --help.\n`);
    return 2;
  }
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

import { version } from '../../package.json';
import { NothingToWorkOn, UsageError } from './args';
import type { CliIo } from './cli-io';
import { COMMANDS } from './commands';
import { watchForClosedPipe } from './closed-pipe';
import { EXIT } from './exit-codes';

const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length)) + 1;

const MAIN_HELP = `Flowent Companion: receive, verify and inspect Flowent action calls.

Usage: flowent-companion <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, { summary }]) => `  ${name.padEnd(width)} ${summary}`)
  .join('\n')}

Run "flowent-companion help <command>" (or "<command> --help") for a command's options.
"flowent-companion --version" prints the version.
`;

/** Runs one command line; resolves with the process exit code (2 for usage errors). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  // `help <command>` is `<command> --help`, as git and npm read it.
  if (argv[0] === 'help' && argv.length > 1) return runCli([...argv.slice(1), '--help'], io);
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(MAIN_HELP);
    return name === undefined ? EXIT.usage : EXIT.done;
  }
  if (name === '--version') {
    io.stdout.write(`${version}\n`);
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name]?.load : undefined;
  if (!load) {
    const commands = Object.keys(COMMANDS).join(', ');
    // An option before any command is not a misspelt command: say where options go.
    io.stderr.write(
      name.startsWith('-')
        ? `flowent-companion: ${name} is not an option here: options follow a command (flowent-companion <command> ${name}). Commands: ${commands}. See --help.\n`
        : `flowent-companion: unknown command "${name}". Commands: ${commands}. See --help.\n`,
    );
    return EXIT.usage;
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
      return EXIT.usage;
    }
    if (error instanceof NothingToWorkOn) {
      io.stderr.write(`flowent-companion ${name}: ${error.message}\n`);
      return EXIT.failed;
    }
    throw error;
  }
}

/**
 * Once a command is done and its output written, the process ends at most this long after,
 * whatever still holds its event loop (see {@link endOnceWritten}).
 */
const LINGER_MS = 1_000;

/**
 * Runs a command line as the process: its exit code becomes the process's, except that a
 * reader who went away (a closed pipe) ends it quietly with 0, whatever it was doing.
 */
export function runAsProcess(argv: string[], io: CliIo): void {
  const outputClosed = watchForClosedPipe([io.stdout, io.stderr]);
  runCli(argv, { ...io, outputClosed })
    .then(
      (code) => {
        process.exitCode = outputClosed.aborted ? EXIT.done : code;
      },
      (error: unknown) => {
        if (outputClosed.aborted) {
          process.exitCode = 0;
          return;
        }
        io.stderr.write(
          `flowent-companion: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
        );
        process.exitCode = 1;
      },
    )
    .then(() => endOnceWritten(io, outputClosed));
}

/**
 * The process ends by itself when nothing holds its event loop; this makes sure it does soon
 * after the command is done. What can hold it then is the ngrok agent library: it has no way
 * to cancel a session setup in flight, and a forward() to an edge that completed TLS and never
 * answers (a stalled edge, a proxy) stays pending, its native promise holding the loop (kill()
 * and close() wait behind it), until ngrok answers: minutes, or never. `serve` has stopped
 * waiting for it and said "Stopped."; a terminal, a CI job or `systemctl stop` must not hang on
 * it. The timer does not hold the loop itself, so a process with nothing left ends at once.
 */
async function endOnceWritten(io: CliIo, outputClosed: AbortSignal): Promise<void> {
  if (!outputClosed.aborted) await Promise.all([written(io.stdout), written(io.stderr)]);
  setTimeout(() => process.exit(), LINGER_MS).unref();
}

/** Resolves once everything written to `stream` so far has left (or it failed: there is nothing more to wait for). */
function written(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    if (!stream.writable) resolve();
    else stream.write('', () => resolve());
  });
}

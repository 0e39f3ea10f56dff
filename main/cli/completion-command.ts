import { parseFlags, UsageError } from './args';
import type { CliIo } from './cli-io';
import type { Command, CommandRegistry } from './command-shape';
import { completionScript, SHELLS, type CommandShape, type Shell } from './completion-scripts';

export const SUBCOMMANDS = SHELLS;

export const COMPLETION_HELP = `Usage: flowent-companion completion <${SHELLS.join('|')}>

Print a script that completes flowent-companion's commands, subcommands and flags in your
shell, and the values of flags that take one of a few words. It is made from the commands'
own definitions, so it matches this version.

  bash:  flowent-companion completion bash > ~/.local/share/bash-completion/completions/flowent-companion
  zsh:   flowent-companion completion zsh > "\${fpath[1]}/_flowent-companion"
  fish:  flowent-companion completion fish > ~/.config/fish/completions/flowent-companion.fish

Options:
  -h, --help         Show this help
`;

/** The flags of `completion`: parsed from here, and listed by the completion scripts. */
export const FLAGS = {} as const;

const isShell = (value: string): value is Shell => (SHELLS as readonly string[]).includes(value);

export async function completionCommand(argv: string[], io: CliIo, commands: CommandRegistry): Promise<number> {
  const { positionals } = parseFlags(argv, FLAGS, true);
  const [shell, extra] = positionals;
  if (shell === undefined || !isShell(shell))
    throw new UsageError(`completion needs a shell: ${SHELLS.join(', ')}${shell === undefined ? '' : `, not "${shell}"`}.`);
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}".`);
  const shapes: CommandShape[] = [];
  for (const [name, { summary, load }] of Object.entries(commands)) {
    const command: Command = await load();
    const { flags, subcommands, subcommandWords, argumentWords } = command;
    shapes.push({ name, summary, flags, subcommands, subcommandWords, argumentWords });
  }
  io.stdout.write(completionScript(shell, shapes));
  return 0;
}

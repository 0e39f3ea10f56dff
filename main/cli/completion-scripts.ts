import type { FlagSpec } from './command-shape';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** What a completion needs of a command: its name, its line of help, its flags and first words. */
export interface CommandShape {
  name: string;
  summary: string;
  flags: Readonly<Record<string, FlagSpec>>;
  subcommands: readonly string[];
}

const BIN = 'flowent-companion';
/** Every command takes these, though its parser never sees them (the dispatcher answers them). */
const HELP_FLAGS = ['--help', '-h'];

export function completionScript(shell: Shell, commands: CommandShape[]): string {
  switch (shell) {
    case 'bash':
      return bashScript(commands);
    case 'zsh':
      return zshScript(commands);
    case 'fish':
      return fishScript(commands);
    default: {
      const unknown: never = shell;
      throw new Error(`no completion for ${String(unknown)}`);
    }
  }
}

const flagNames = (command: CommandShape) => Object.keys(command.flags).map((flag) => `--${flag}`);
const valueFlags = (command: CommandShape) =>
  Object.entries(command.flags)
    .filter(([, spec]) => spec.type === 'string')
    .map(([flag]) => `--${flag}`);
/** Words are flag names, command names and subcommands: letters, digits and dashes only. */
const words = (list: readonly string[]) => list.join(' ');

function bashScript(commands: CommandShape[]): string {
  const cases = commands
    .map(
      (command) =>
        `    ${command.name}) flags="${words([...flagNames(command), ...HELP_FLAGS])}"; subcommands="${words(command.subcommands)}"; values="${words(valueFlags(command))}" ;;`,
    )
    .join('\n');
  return `# bash completion for ${BIN}, made by "${BIN} completion bash"
_flowent_companion() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${words(commands.map((command) => command.name))} --help --version" -- "$cur"))
    return
  fi
  local flags="" subcommands="" values=""
  case "\${COMP_WORDS[1]}" in
${cases}
    *) return ;;
  esac
  # After a flag that takes a value: a file name (most are folders or files).
  if [[ " $values " == *" $prev "* ]]; then
    COMPREPLY=($(compgen -f -- "$cur"))
    return
  fi
  if [ "$COMP_CWORD" -eq 2 ] && [ -n "$subcommands" ] && [[ "$cur" != -* ]]; then
    COMPREPLY=($(compgen -W "$subcommands" -- "$cur"))
    return
  fi
  COMPREPLY=($(compgen -W "$flags" -- "$cur"))
}
complete -o default -F _flowent_companion ${BIN}
`;
}

/** Text inside zsh's single quotes and _describe's "name:description" (colons escaped). */
const zshQuoted = (text: string) => text.replaceAll("'", "'\\''").replaceAll(':', '\\:');

function zshScript(commands: CommandShape[]): string {
  const described = commands.map((command) => `    '${command.name}:${zshQuoted(command.summary)}'`).join('\n');
  const cases = commands
    .map((command) => {
      const specs = Object.entries(command.flags).map(([flag, spec]) =>
        spec.type === 'string' ? `'--${flag}=[]:value:_files'` : `'--${flag}[]'`,
      );
      const first = command.subcommands.length > 0 ? [`'1:subcommand:(${words(command.subcommands)})'`] : [];
      return `    ${command.name}) _arguments ${[...specs, "'(-h --help)'{-h,--help}'[show help]'", ...first, "'*:file:_files'"].join(' ')} ;;`;
    })
    .join('\n');
  return `#compdef ${BIN}
# zsh completion for ${BIN}, made by "${BIN} completion zsh"
_flowent_companion() {
  local -a commands
  commands=(
${described}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  local command="\${words[2]}"
  (( CURRENT-- ))
  shift words
  case "$command" in
${cases}
  esac
}
compdef _flowent_companion ${BIN}
`;
}

const fishQuoted = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

function fishScript(commands: CommandShape[]): string {
  const lines = [
    `# fish completion for ${BIN}, made by "${BIN} completion fish"`,
    `complete -c ${BIN} -f`,
    `complete -c ${BIN} -n '__fish_use_subcommand' -l help -s h -d 'Show help'`,
    `complete -c ${BIN} -n '__fish_use_subcommand' -l version -d 'Print the version'`,
  ];
  for (const command of commands) {
    lines.push(`complete -c ${BIN} -n '__fish_use_subcommand' -a ${command.name} -d ${fishQuoted(command.summary)}`);
    const inCommand = `__fish_seen_subcommand_from ${command.name}`;
    if (command.subcommands.length > 0)
      lines.push(
        `complete -c ${BIN} -n '${inCommand}; and not __fish_seen_subcommand_from ${words(command.subcommands)}' -a '${words(command.subcommands)}'`,
      );
    for (const [flag, spec] of Object.entries(command.flags))
      lines.push(`complete -c ${BIN} -n '${inCommand}' -l ${flag}${spec.type === 'string' ? ' -r -F' : ''}`);
    lines.push(`complete -c ${BIN} -n '${inCommand}' -l help -s h -d 'Show help'`);
  }
  return `${lines.join('\n')}\n`;
}

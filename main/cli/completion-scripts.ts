import type { ArgumentWords, FlagSpec, FlagValue } from './command-shape';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** What a completion needs of a command: its name, its line of help, its flags and the words its arguments may be. */
export interface CommandShape {
  name: string;
  summary: string;
  flags: Readonly<Record<string, FlagSpec>>;
  subcommands: readonly string[];
  subcommandWords: Readonly<Record<string, ArgumentWords>>;
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
    .flatMap(([flag, spec]) => [`--${flag}`, ...(spec.short ? [`-${spec.short}`] : [])]);
/** The switches that take the place of the first argument after the subcommand (`--default`). */
const standIns = (command: CommandShape) =>
  Object.entries(command.flags)
    .filter(([, spec]) => spec.standsForArgument)
    .map(([flag]) => `--${flag}`);
/** The positions after a subcommand (1 for the first) where the argument is one of a few words. */
const argumentWords = (command: CommandShape) =>
  Object.entries(command.subcommandWords).flatMap(([sub, positions]) =>
    positions.flatMap((list, index) => (list === null ? [] : [{ sub, position: index + 1, list }])),
  );
/**
 * Words are flag names, command names, subcommands and the values a flag checks against:
 * letters, digits, dashes, dots and pluses only, so they need no quoting in any shell.
 */
function words(list: readonly string[]): string {
  const odd = list.find((word) => !/^[\w.+-]+$/.test(word));
  if (odd !== undefined) throw new Error(`"${odd}" cannot be offered by a completion script as it is`);
  return list.join(' ');
}

/** What bash offers for a flag's value (files are marked as such, so bash adds a / to folders). */
function bashValue(takes: FlagValue | undefined): string {
  if (takes === undefined) return 'COMPREPLY=()';
  if (typeof takes !== 'string') return `COMPREPLY=($(compgen -W "${words(takes)}" -- "$cur"))`;
  switch (takes) {
    case 'file':
      return 'compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur"))';
    case 'folder':
      return 'compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- "$cur"))';
    case '@file':
      return 'compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "${cur#@}")); COMPREPLY=("${COMPREPLY[@]/#/@}")';
    default:
      return takes satisfies never;
  }
}

function bashScript(commands: CommandShape[]): string {
  const cases = commands
    .map((command) => {
      const values = Object.entries(command.flags)
        .filter(([, spec]) => spec.type === 'string')
        .map(
          ([flag, spec]) =>
            `        ${[`--${flag}`, ...(spec.short ? [`-${spec.short}`] : [])].join('|')}) ${bashValue(spec.takes)}; return ;;`,
        );
      const prev = values.length > 0 ? `\n      case "$prev" in\n${values.join('\n')}\n      esac` : '';
      return `    ${command.name})
      flags="${words([...flagNames(command), ...HELP_FLAGS])}"; subcommands="${words(command.subcommands)}"; values="${words(valueFlags(command))}"; standins="${words(standIns(command))}"${prev} ;;`;
    })
    .join('\n');
  const nested = commands.flatMap((command) =>
    argumentWords(command).map(({ sub, position, list }) => `    "${command.name} ${sub} ${position}") argwords="${words(list)}" ;;`),
  );
  return `# bash completion for ${BIN}, made by "${BIN} completion bash"
_flowent_companion() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${words(commands.map((command) => command.name))} --help --version" -- "$cur"))
    return
  fi
  # Each command's flags; after a flag that takes a value, what that value may be.
  local flags="" subcommands="" values="" standins=""
  case "\${COMP_WORDS[1]}" in
${cases}
    *) return ;;
  esac
  # The arguments so far, flags and their values left out; a flag standing for the first
  # argument after the subcommand (--default for an action) counts as that argument.
  local i operands=() standin=0
  for ((i = 2; i < COMP_CWORD; i++)); do
    if [[ " $values " == *" \${COMP_WORDS[i]} "* ]]; then
      ((i++))
    elif [[ " $standins " == *" \${COMP_WORDS[i]} "* ]]; then
      standin=1
    elif [[ "\${COMP_WORDS[i]}" != -* ]]; then
      operands+=("\${COMP_WORDS[i]}")
    fi
  done
  if [[ "$cur" != -* ]]; then
    if [ "\${#operands[@]}" -eq 0 ] && [ -n "$subcommands" ]; then
      COMPREPLY=($(compgen -W "$subcommands" -- "$cur"))
      return
    fi
    # The argument being completed, by its position after the subcommand (1 for the first).
    local argwords=""
    case "\${COMP_WORDS[1]} \${operands[0]} $((\${#operands[@]} + standin))" in
${nested.join('\n')}
    esac
    if [ -n "$argwords" ]; then
      COMPREPLY=($(compgen -W "$argwords" -- "$cur"))
      return
    fi
    # A word begun that is not a flag: a file (import's HAR, mocks import's file).
    if [ -n "$cur" ]; then
      compopt -o filenames 2>/dev/null
      COMPREPLY=($(compgen -f -- "$cur"))
      return
    fi
  fi
  COMPREPLY=($(compgen -W "$flags" -- "$cur"))
}
complete -F _flowent_companion ${BIN}
`;
}

/** Text inside zsh's single quotes and _describe's "name:description" (colons escaped). */
const zshQuoted = (text: string) => text.replaceAll("'", "'\\''").replaceAll(':', '\\:');

function zshValue(takes: FlagValue | undefined): string {
  if (takes === undefined) return 'value: ';
  if (typeof takes !== 'string') return `value:(${words(takes)})`;
  switch (takes) {
    case 'file':
      return 'file:_files';
    case 'folder':
      return 'folder:_files -/';
    case '@file':
      return 'json or @file:_flowent_companion_at_file';
    default:
      return takes satisfies never;
  }
}

function zshScript(commands: CommandShape[]): string {
  const described = commands.map((command) => `    '${command.name}:${zshQuoted(command.summary)}'`).join('\n');
  const cases = commands
    .map((command) => {
      const specs = Object.entries(command.flags).map(([flag, spec]) =>
        spec.type === 'string' ? `'--${flag}=[]:${zshValue(spec.takes)}'` : `'--${flag}[]'`,
      );
      const first = command.subcommands.length > 0 ? [`'1:subcommand:(${words(command.subcommands)})'`] : [];
      // $line: the arguments, flags left out, ending with the one being completed; its position
      // after the subcommand is one on for a flag standing for the first (--default).
      const standin = standIns(command)
        .map((flag) => `\${+opt_args[${flag}]}`)
        .join(' || ');
      const position = `$(( $#line - 1${standin === '' ? '' : ` + (${standin})`} ))`;
      const nested = argumentWords(command).map(({ sub, position, list }) => `("${sub} ${position}") compadd -- ${words(list)};;`);
      const rest =
        nested.length > 0 ? `'*:argument:{case "$line[1] ${position}" in ${nested.join(' ')} (*) _files;; esac}'` : "'*:file:_files'";
      return `    ${command.name}) _arguments ${[...specs, "'(-h --help)'{-h,--help}'[show help]'", ...first, rest].join(' ')} ;;`;
    })
    .join('\n');
  return `#compdef ${BIN}
# zsh completion for ${BIN}, made by "${BIN} completion zsh"
_flowent_companion_at_file() {
  if compset -P '@'; then
    _files
  else
    compadd -S '' -- @
  fi
}
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
# Installed as a file in $fpath (the README's way), this file is autoloaded by the first Tab
# and its body run as that Tab's completion: complete it too, not only the Tabs after it.
# Read in with source or eval, it only registers the function above.
if [[ $zsh_eval_context[-1] == (loadautofunc|shfunc) ]]; then
  _flowent_companion "$@"
fi
`;
}

const fishQuoted = (text: string) => `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

/** What fish offers for a flag's value: -x (a value, no files) with the words or folders, -r -F for a file. */
function fishValue(takes: FlagValue | undefined): string {
  if (takes === undefined) return ' -x';
  if (typeof takes !== 'string') return ` -x -a '${words(takes)}'`;
  switch (takes) {
    case 'file':
      return ' -r -F';
    case 'folder':
      return " -x -a '(__fish_complete_directories (commandline -ct))'";
    case '@file':
      return ` -x -a '(__fish_complete_path (string replace -r "^@" "" -- (commandline -ct)) | string replace -r "^" "@")'`;
    default:
      return takes satisfies never;
  }
}

function fishScript(commands: CommandShape[]): string {
  const lines = [
    `# fish completion for ${BIN}, made by "${BIN} completion fish"`,
    `complete -c ${BIN} -f`,
    '# Whether the word being completed is the argument at a position after the subcommand (1 for the',
    '# first): flags and their values left out, a flag standing for the first (--default) counted as it.',
    'function __flowent_companion_argument -a subcommand position values standins',
    '    set -l operands',
    '    set -l standin 0',
    '    set -l skip 0',
    '    for word in (commandline -opc)[3..-1]',
    '        if test $skip = 1',
    '            set skip 0',
    "        else if contains -- $word (string split ' ' -- $values)",
    '            set skip 1',
    "        else if contains -- $word (string split ' ' -- $standins)",
    '            set standin 1',
    "        else if not string match -q -- '-*' $word",
    '            set -a operands $word',
    '        end',
    '    end',
    '    test "$operands[1]" = "$subcommand"; and test (math (count $operands) + $standin) -eq $position',
    'end',
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
    for (const { sub, position, list } of argumentWords(command))
      lines.push(
        `complete -c ${BIN} -n '${inCommand}; and __flowent_companion_argument ${sub} ${position} "${words(valueFlags(command))}" "${words(standIns(command))}"' -a '${words(list)}'`,
      );
    for (const [flag, spec] of Object.entries(command.flags))
      lines.push(
        `complete -c ${BIN} -n '${inCommand}' -l ${flag}${spec.short ? ` -s ${spec.short}` : ''}${spec.type === 'string' ? fishValue(spec.takes) : ''}`,
      );
    lines.push(`complete -c ${BIN} -n '${inCommand}' -l help -s h -d 'Show help'`);
  }
  return `${lines.join('\n')}\n`;
}

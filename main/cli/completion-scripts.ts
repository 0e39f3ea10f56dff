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
  argumentWords: ArgumentWords;
}

const BIN = 'flowent-companion';
/** Every command takes these, though its parser never sees them (the dispatcher answers them). */
const HELP_FLAGS = ['--help', '-h'];
/** The dispatcher's own command (run-cli.ts): `help <command>` is `<command> --help`. */
const HELP_COMMAND = { name: 'help', summary: "Show a command's options (help <command>)" };

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

const flagNames = (command: CommandShape) =>
  Object.entries(command.flags).flatMap(([flag, spec]) => [`--${flag}`, ...(spec.short ? [`-${spec.short}`] : [])]);
const valueFlags = (command: CommandShape) =>
  Object.entries(command.flags)
    .filter(([, spec]) => spec.type === 'string')
    .flatMap(([flag, spec]) => [`--${flag}`, ...(spec.short ? [`-${spec.short}`] : [])]);
/** The switches that take the place of the first argument after the subcommand (`--default`). */
const standIns = (command: CommandShape) =>
  Object.entries(command.flags)
    .filter(([, spec]) => spec.standsForArgument)
    .map(([flag]) => `--${flag}`);
/**
 * The arguments there is something to offer for: by position after a subcommand (1 for the
 * first after it), or, for a command without subcommands (sub null), by position after the command.
 */
const argumentWords = (command: CommandShape) => {
  const known = (sub: string | null, positions: ArgumentWords) =>
    positions.flatMap((takes, index) => (takes === null ? [] : [{ sub, position: index + 1, takes }]));
  return [
    ...Object.entries(command.subcommandWords).flatMap(([sub, positions]) => known(sub, positions)),
    ...known(null, command.argumentWords),
  ];
};
/**
 * Words are flag names, command names, subcommands and the values a flag checks against:
 * letters, digits, dashes, dots and pluses only, so they need no quoting in any shell.
 */
function words(list: readonly string[]): string {
  const odd = list.find((word) => !/^[\w.+-]+$/.test(word));
  if (odd !== undefined) throw new Error(`"${odd}" cannot be offered by a completion script as it is`);
  return list.join(' ');
}

/** What bash offers for a flag's value or an argument (files are marked as such, so bash adds a / to folders). */
function bashValue(takes: FlagValue | undefined): string {
  if (takes === undefined) return 'COMPREPLY=()';
  if (typeof takes !== 'string') return `COMPREPLY=($(compgen -W "${words(takes)}" -- "$cur"))`;
  switch (takes) {
    case 'file':
      return 'compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur"))';
    case 'har':
      return `compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- "$cur") $(compgen -f -X '!*.har' -- "$cur"))`;
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
    argumentWords(command).map(
      ({ sub, position, takes }) =>
        `    "${[command.name, ...(sub === null ? [] : [sub]), position].join(' ')}") ${bashValue(takes)}; return ;;`,
    ),
  );
  const names = words(commands.map((command) => command.name));
  return `# bash completion for ${BIN}, made by "${BIN} completion bash"
_flowent_companion() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "${names} ${HELP_COMMAND.name} --help --version" -- "$cur"))
    return
  fi
  # Each command's flags; after a flag that takes a value, what that value may be.
  local flags="" subcommands="" values="" standins=""
  case "\${COMP_WORDS[1]}" in
    ${HELP_COMMAND.name})
      if [ "$COMP_CWORD" -eq 2 ]; then COMPREPLY=($(compgen -W "${names}" -- "$cur")); fi
      return ;;
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
    # The argument being completed, by its position after the subcommand (1 for the first),
    # or after the command for one without subcommands.
    local where="\${operands[0]} $((\${#operands[@]} + standin))"
    if [ -z "$subcommands" ]; then where="$((\${#operands[@]} + 1))"; fi
    case "\${COMP_WORDS[1]} $where" in
${nested.join('\n')}
    esac
    # Any other argument is a word of the user's own (an action, a call id): nothing to offer
    # once it is begun; before, the flags.
    if [ -n "$cur" ]; then COMPREPLY=(); return; fi
  fi
  COMPREPLY=($(compgen -W "$flags" -- "$cur"))
}
complete -F _flowent_companion ${BIN}
`;
}

/** Text inside zsh's single quotes and _describe's "name:description" (colons escaped). */
const zshQuoted = (text: string) => text.replaceAll("'", "'\\''").replaceAll(':', '\\:');

/** The zsh command that offers a value: its words, files, HAR files (and folders), folders, or a file after an @. */
function zshOffer(takes: FlagValue): string {
  if (typeof takes !== 'string') return `compadd -- ${words(takes)}`;
  switch (takes) {
    case 'file':
      return '_files';
    case 'har':
      return '_files -g "*.har"';
    case 'folder':
      return '_files -/';
    case '@file':
      return '_flowent_companion_at_file';
    default:
      return takes satisfies never;
  }
}

/** A value's "message:action" in an _arguments spec. */
function zshValue(takes: FlagValue | undefined): string {
  if (takes === undefined) return 'value: ';
  if (typeof takes !== 'string') return `value:(${words(takes)})`;
  const message = { file: 'file', har: 'HAR file', folder: 'folder', '@file': 'json or @file' }[takes];
  return `${message}:${zshOffer(takes)}`;
}

/** A flag's _arguments spec: its short name too when it has one, the two then offered as one. */
function zshFlag(flag: string, spec: FlagSpec): string {
  const long = spec.type === 'string' ? `--${flag}=` : `--${flag}`;
  const value = spec.type === 'string' ? `:${zshValue(spec.takes)}` : '';
  return spec.short ? `'(-${spec.short} --${flag})'{-${spec.short},${long}}'[]${value}'` : `'${long}[]${value}'`;
}

/**
 * The _arguments specs of a command's arguments: numbered without subcommands, else by $line
 * after the subcommand; any other is a word of the user's own (an action, a call id). Without a
 * spec for it, _arguments would offer no flag after such a word.
 */
function zshArguments(command: CommandShape): string[] {
  const known = argumentWords(command);
  const anyWord = "'*:argument: '";
  if (command.subcommands.length === 0) return [...known.map(({ position, takes }) => `'${position}:${zshValue(takes)}'`), anyWord];
  // $line: the arguments, flags left out, ending with the one being completed; its position
  // after the subcommand is one on for a flag standing for the first (--default).
  const standin = standIns(command)
    .map((flag) => `\${+opt_args[${flag}]}`)
    .join(' || ');
  const position = `$(( $#line - 1${standin === '' ? '' : ` + (${standin})`} ))`;
  const nested = known.map(({ sub, position, takes }) => `("${sub} ${position}") ${zshOffer(takes)};;`);
  return [
    `'1:subcommand:(${words(command.subcommands)})'`,
    nested.length > 0 ? `'*:argument:{case "$line[1] ${position}" in ${nested.join(' ')} esac}'` : anyWord,
  ];
}

function zshScript(commands: CommandShape[]): string {
  const described = [...commands, HELP_COMMAND].map((command) => `    '${command.name}:${zshQuoted(command.summary)}'`).join('\n');
  const cases = commands
    .map((command) => {
      const specs = Object.entries(command.flags).map(([flag, spec]) => zshFlag(flag, spec));
      return `    ${command.name}) _arguments ${[...specs, "'(-h --help)'{-h,--help}'[show help]'", ...zshArguments(command)].join(' ')} ;;`;
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
    ${HELP_COMMAND.name}) (( CURRENT == 2 )) && _describe 'command' commands ;;
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

/** What fish offers for a value: its words, files, HAR files (first, then the rest), folders, or a file after an @. */
function fishOffer(takes: FlagValue): string {
  if (typeof takes !== 'string') return `-a '${words(takes)}'`;
  switch (takes) {
    case 'file':
      return '-F';
    case 'har':
      return "-k -a '(__fish_complete_suffix .har)'";
    case 'folder':
      return "-a '(__fish_complete_directories (commandline -ct))'";
    case '@file':
      return `-a '(__fish_complete_path (string replace -r "^@" "" -- (commandline -ct)) | string replace -r "^" "@")'`;
    default:
      return takes satisfies never;
  }
}

/** What fish offers for a flag's value: -x (a value, no files) with the words or folders, -r -F for a file. */
function fishValue(takes: FlagValue | undefined): string {
  if (takes === undefined) return ' -x';
  return takes === 'file' ? ` -r ${fishOffer(takes)}` : ` -x ${fishOffer(takes)}`;
}

function fishScript(commands: CommandShape[]): string {
  const lines = [
    `# fish completion for ${BIN}, made by "${BIN} completion fish"`,
    `complete -c ${BIN} -f`,
    '# Whether the command is this one (the word after the program, not a subcommand of the same name).',
    'function __flowent_companion_in -a command',
    '    set -l words (commandline -opc)',
    '    test (count $words) -ge 2; and test "$words[2]" = "$command"',
    'end',
    '# Whether the word being completed is the argument at a position after the subcommand (1 for the',
    '# first; with no subcommand given, after the command): flags and their values left out, a flag',
    '# standing for the first (--default) counted as it.',
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
    '    if test -z "$subcommand"',
    '        test (math (count $operands) + 1) -eq $position',
    '    else',
    '        test "$operands[1]" = "$subcommand"; and test (math (count $operands) + $standin) -eq $position',
    '    end',
    'end',
    `complete -c ${BIN} -n '__fish_use_subcommand' -l help -s h -d 'Show help'`,
    `complete -c ${BIN} -n '__fish_use_subcommand' -l version -d 'Print the version'`,
    `complete -c ${BIN} -n '__fish_use_subcommand' -a ${HELP_COMMAND.name} -d ${fishQuoted(HELP_COMMAND.summary)}`,
    `complete -c ${BIN} -n '__flowent_companion_in ${HELP_COMMAND.name}; and test (count (commandline -opc)) -eq 2' -a '${words(commands.map((command) => command.name))}'`,
  ];
  for (const command of commands) {
    lines.push(`complete -c ${BIN} -n '__fish_use_subcommand' -a ${command.name} -d ${fishQuoted(command.summary)}`);
    const inCommand = `__flowent_companion_in ${command.name}`;
    if (command.subcommands.length > 0)
      lines.push(
        `complete -c ${BIN} -n '${inCommand}; and not __fish_seen_subcommand_from ${words(command.subcommands)}' -a '${words(command.subcommands)}'`,
      );
    for (const { sub, position, takes } of argumentWords(command))
      lines.push(
        `complete -c ${BIN} -n '${inCommand}; and __flowent_companion_argument "${sub ?? ''}" ${position} "${words(valueFlags(command))}" "${words(standIns(command))}"' ${fishOffer(takes)}`,
      );
    for (const [flag, spec] of Object.entries(command.flags))
      lines.push(
        `complete -c ${BIN} -n '${inCommand}' -l ${flag}${spec.short ? ` -s ${spec.short}` : ''}${spec.type === 'string' ? fishValue(spec.takes) : ''}`,
      );
    lines.push(`complete -c ${BIN} -n '${inCommand}' -l help -s h -d 'Show help'`);
  }
  return `${lines.join('\n')}\n`;
}

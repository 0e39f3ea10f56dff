/** The option a parseArgs message names, by its long name when it has one (`-p, --port` gives `--port`). */
function optionIn(message: string): string {
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  const names = quoted.replace(/\s*<value>$/, '').split(/,\s*/);
  return names[names.length - 1] ?? quoted;
}

/**
 * A refusal of Node's parseArgs (by its code) in the command line's words: what was wrong and
 * what to do, where Node says "Option '--data-dir <value>' argument missing".
 */
export function parseArgsInCliWords(error: unknown): string {
  const code = error !== null && typeof error === 'object' ? (error as { code?: unknown }).code : undefined;
  const message = error instanceof Error ? error.message : String(error);
  const option = optionIn(message);
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `${option} is not an option of this command. Check its spelling.`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/argument missing$/.test(message)) return `${option} needs a value: ${option} <value>.`;
      if (/does not take an argument$/.test(message)) return `${option} takes no value: give ${option} alone.`;
      if (/argument is ambiguous/.test(message)) {
        return `${option} needs a value, and what follows it starts with a dash. Give the value, or ${option}=<value> for a value that starts with a dash.`;
      }
      return message;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${option}": this command takes options only.`;
    default:
      return message;
  }
}

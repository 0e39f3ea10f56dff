import type { StyleName } from '../../contract/names-and-limits';

/** The command that prints a verifier (for a style, when it matters), as the command line's words spell it. */
export function verifierCommand(style?: StyleName): string {
  return `flowent-companion verifier <python|node|go>${style === undefined ? '' : ` --style ${style}`}`;
}

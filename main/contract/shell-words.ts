/** Quotes a word for any POSIX shell: single quotes, with each `'` written as `'\''`. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Characters a POSIX shell reads as themselves, anywhere in a word. */
const PLAIN_WORD = /^[\w@%+=:,./-]+$/;

/**
 * A word of a command printed for a person to run, as a POSIX shell reads it: as it is when
 * it is plain (a path without spaces stays readable), else quoted as `shellQuote` quotes it.
 */
export function shellWord(text: string): string {
  return PLAIN_WORD.test(text) ? text : shellQuote(text);
}

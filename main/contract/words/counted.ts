/**
 * Counts in words, for every front end: the command line's lines and the page's header say
 * "1 call" and "2 calls" the same way.
 */

/** The noun a count takes: the singular for 1, else the plural (`plural` for nouns like entry). */
export function nounFor(n: number, noun: string, plural = `${noun}s`): string {
  return n === 1 ? noun : plural;
}

/** A count as a person writes it, whatever the machine's locale: 27,000. */
export function countWords(n: number): string {
  return n.toLocaleString('en-US');
}

/** A count and its noun, as a person writes them: 1 call, 2 calls, 1,000 calls. */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${countWords(n)} ${nounFor(n, noun, plural)}`;
}

/** Names in a list as a person writes them: `a`, `a and b`, `a, b and c`. */
export function listedWords(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]!}`;
}

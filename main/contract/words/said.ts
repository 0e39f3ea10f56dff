import type { Failure } from '../result';

/** A failure in words: what happened, then what to do (absent when there is nothing to do). */
export interface Said {
  what: string;
  todo?: string;
}

/** How one code is worded, from its parameters and a front end's vocabulary. */
export type Entry<F extends Failure, V> = (failure: F, say: V) => Said;

/** One entry per code of `F`: a code without an entry does not compile. */
export type Catalogue<F extends Failure, V> = { [C in F['code']]: Entry<Extract<F, { code: C }>, V> };

/** Starts a sentence with a vocabulary phrase (they are written to follow "...: " or ", or "). */
export function cap(phrase: string): string {
  return phrase.charAt(0).toUpperCase() + phrase.slice(1);
}

/** "Do this, or that." from two vocabulary phrases; the second is left out when a front end has none. */
export function either(first: string, second: string | null): string {
  return `${cap(first)}${second ? `, or ${second}` : ''}.`;
}

/** `" (details)"` when the Gateway sent details, else nothing. */
export function inBrackets(text: string | undefined | null): string {
  return text ? ` (${text})` : '';
}

/**
 * Text a caller chose, cut to `max` characters for a line or a message: the protocol allows an
 * action name of 100, and a path or header can run to the 16 KB of a request's head.
 */
export function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/**
 * A sentence in pieces, for a front end that sets names apart: words, or a file name, a URL or
 * a template that the page shows as code (`<code>`). Pieces rather than backticks in one string
 * (as Prose reads the core's messages): a folder's name may hold a backtick of its own.
 */
export type CodePart = { text: string } | { code: string };

/** A sentence whose pieces may also set a word in bold: a label the user looks for, such as serve's "Inspector" line. */
export type MarkedPart = CodePart | { strong: string };

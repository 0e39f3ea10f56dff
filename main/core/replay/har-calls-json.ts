/** Members every line `calls --json` prints has: what tells the command's own output from other JSON. */
const CALL_MEMBERS = ['id', 'receivedAt', 'method', 'path', 'verdict', 'source'] as const;

/**
 * Whether the text is what `calls --json` prints: JSON Lines, a call a line. Read as one JSON
 * document it is not valid past its first line (the words then said to delete the `{` that
 * starts the second call), and a single call is JSON with no `log`: either way the file is one
 * the companion wrote itself, and what it needs is another kind of file, not an edit. The first
 * line decides: a file of tens of thousands of calls is not read twice.
 */
export function isCallsJson(text: string): boolean {
  const firstLine = /^[^\n]*/.exec(text.trimStart())![0];
  try {
    const call = JSON.parse(firstLine) as unknown;
    return call !== null && typeof call === 'object' && CALL_MEMBERS.every((member) => member in call);
  } catch {
    return false;
  }
}

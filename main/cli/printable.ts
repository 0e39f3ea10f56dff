/**
 * Control characters: C0 (NUL to US: ESC, BEL, CR, backspace...), DEL, and C1 (U+0080-U+009F,
 * which some terminals read as CSI and the like even when they came as UTF-8); and the
 * bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), which make a
 * terminal show text in another order than it is (a body that reads as one thing and is another).
 * The marks right-to-left text needs (U+200E, U+200F) and its letters are left as they are.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` safe to print on a terminal: every control character written as JSON writes it in a
 * string (`\u001b`, `\n`, `\t`), the escapes serve's lines and the contract's violations use for
 * an `action_name` or an answer that is not JSON. What the command prints of stored or received
 * bytes (bodies, answers, headers, paths, and messages quoting them) passes through here: an
 * answer, or a HAR someone else exported, could otherwise move the cursor, retitle the window
 * or rewrite lines already printed. Each printed line stays one line. Backslashes are left as
 * they are, so a JSON body reads as itself.
 */
export function printable(text: string): string {
  return text.replace(CONTROL, (char) => {
    // JSON.stringify leaves DEL, C1 and the bidirectional controls as they are: those get the \u form it gives the others.
    const escaped = JSON.stringify(char).slice(1, -1);
    return escaped === char ? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}` : escaped;
  });
}

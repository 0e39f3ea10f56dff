import { strictUtf8Text } from '../json/utf8';

/** The byte order marks of UTF-16, which Windows tools and PowerShell write HAR files in. */
const UTF16_MARKS = [
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
] as const;

/**
 * A HAR file's text, or why it has none, in the words the inspector's upload, the desktop app's
 * open dialog and the `import` command share: UTF-8, or UTF-16 that says so with its byte order
 * mark (as a browser reads a file the page uploads). Any other file that is not UTF-8 is refused
 * before anything is imported, where reading it leniently would store its bad bytes as U+FFFD.
 */
export function harFileText(raw: Uint8Array): { ok: true; value: string } | { ok: false; message: string } {
  const mark = UTF16_MARKS.find(({ bytes }) => raw[0] === bytes[0] && raw[1] === bytes[1]);
  if (!mark) return strictUtf8Text(raw, 'The HAR file', 'Save it encoded as UTF-8, then import it again.');
  try {
    return { ok: true, value: new TextDecoder(mark.encoding, { fatal: true }).decode(raw) };
  } catch {
    return {
      ok: false,
      message:
        'The HAR file starts as UTF-16 (its first two bytes say so) but is not valid UTF-16. Save it encoded as UTF-8, then import it again.',
    };
  }
}

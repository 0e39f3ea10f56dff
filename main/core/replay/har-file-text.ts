import { strictUtf8Text } from '../json/utf8';

/**
 * A HAR file's text, or why it has none, in the words the inspector's upload and the `import`
 * command share: a file that is not UTF-8 is refused before anything is imported, where reading
 * it leniently would store its bad bytes as U+FFFD.
 */
export function harFileText(raw: Uint8Array): { ok: true; value: string } | { ok: false; message: string } {
  return strictUtf8Text(raw, 'The HAR file', 'Save it encoded as UTF-8, then import it again.');
}

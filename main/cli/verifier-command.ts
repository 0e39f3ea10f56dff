import { isVerifierLanguage, VERIFIER_LANGUAGES } from '../contract/api';
import { HMAC_KEY_ENV, isStyleName, SIGNING_STYLES, styleDescription, verifierSnippet, type StyleName } from '../core';
import { parseFlags, UsageError } from './args';
import type { CliIo } from './cli-io';

const DEFAULT_STYLE: StyleName = 'python';
const NAME_WIDTH = 22;
const LINE_WIDTH = 100;

/** `text` wrapped at LINE_WIDTH, every line after the first indented by `indent` spaces. */
function wrap(text: string, indent: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && indent + line.length + 1 + word.length > LINE_WIDTH) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

const STYLE_LINES = SIGNING_STYLES.map(
  ({ name }) => `  ${name.padEnd(NAME_WIDTH - 2)}${wrap(styleDescription(name).replace(/`/g, ''), NAME_WIDTH)}`,
).join('\n');

export const VERIFIER_HELP = `Usage: flowent-companion verifier <${VERIFIER_LANGUAGES.join('|')}> [--style <style>]

Print a signature check for your handler, in Python, Node.js or Go, that accepts calls signed
the way your Flowent instance signs them. It reads the key from ${HMAC_KEY_ENV}, compares the
HMAC in constant time, lets Flowent's unsigned registration check ("test": true) through, and
returns the error to answer with (401 {"result":"","error":"Invalid signature"}). Paste it into
your handler and call it with the request body's bytes, before anything parses them.

Options:
  --style <style>     The signing style to accept (default: ${DEFAULT_STYLE}). The companion names
                      the style of each valid call it receives, e.g. "valid (go)".
  -h, --help          Show this help

Styles:
${STYLE_LINES}
`;

export async function verifierCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, { style: { type: 'string' } }, true);
  const languages = VERIFIER_LANGUAGES.join(', ');
  const [language, extra] = positionals;
  if (language === undefined) throw new UsageError(`verifier needs a language: ${languages}.`);
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}".`);
  if (!isVerifierLanguage(language))
    throw new UsageError(`"${language}" is not a language a verifier is printed in; use one of ${languages}.`);
  const style = values.style ?? DEFAULT_STYLE;
  if (!isStyleName(style)) {
    throw new UsageError(`--style must be one of ${SIGNING_STYLES.map((s) => s.name).join(', ')}; not "${style}".`);
  }
  io.stdout.write(verifierSnippet(language, style));
  return 0;
}

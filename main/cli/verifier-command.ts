import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isVerifierLanguage, VERIFIER_LANGUAGES, type LearnedStyleInfo } from '../contract/api';
import { HMAC_KEY_ENV, nonBlankSecret } from '../contract/secret-variables';
import { DATA_FILES, SIGNING_STYLES, styleDescription, verifierSnippet } from '../core';
import { parseFlags, UsageError } from './args';
import type { CliIo } from './cli-io';
import { counted, learnedStyleCountWords } from '../contract/words';
import { cliProbeVocabulary } from './probe-output';
import { dataDirOf, withCore } from './open-core';
import { type StyleName, isStyleName, STYLE_NAMES } from '../contract/names-and-limits';

/** The style printed when none is given and none was learned: the docs' Python example's. */
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
  --style <style>     The signing style to accept. By default the style learned from the
                      Flowent calls in the history that are signed with ${HMAC_KEY_ENV}, else
                      ${DEFAULT_STYLE}; the choice is said on stderr. The companion names the style
                      of each valid call it receives, e.g. "valid (go)".
  --data-dir <dir>    History folder to learn the style from (default:
                      FLOWENT_COMPANION_DATA_DIR, or the app's data folder)
  -h, --help          Show this help

Styles:
${STYLE_LINES}
`;

/** The first argument: the language to print the verifier in. */
export const SUBCOMMANDS = VERIFIER_LANGUAGES;

/** The flags of `verifier`: parsed from here, and listed by the completion scripts. */
export const FLAGS = { style: { type: 'string', takes: STYLE_NAMES }, 'data-dir': { type: 'string', takes: 'folder' } } as const;

export async function verifierCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(argv, FLAGS, true);
  const languages = VERIFIER_LANGUAGES.join(', ');
  const [language, extra] = positionals;
  if (language === undefined) throw new UsageError(`verifier needs a language: ${languages}.`);
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}".`);
  if (!isVerifierLanguage(language))
    throw new UsageError(`"${language}" is not a language a verifier is printed in; use one of ${languages}.`);
  if (values.style !== undefined && !isStyleName(values.style)) {
    throw new UsageError(`--style must be one of ${SIGNING_STYLES.map((s) => s.name).join(', ')}; not "${values.style}".`);
  }
  let style = values.style as StyleName | undefined;
  if (style === undefined) {
    const learned = await learnedStyle(values['data-dir'], io);
    if (typeof learned === 'number') return learned;
    style = learned;
  }
  io.stdout.write(verifierSnippet(language, style));
  // Said apart from the code (stdout is the verifier alone): its import/export do not paste into a CommonJS file.
  if (language === 'node') io.stderr.write(`${NODE_MODULE_NOTE}\n`);
  return 0;
}

/** How the Node.js verifier, an ES module, is used from a CommonJS handler too. */
const NODE_MODULE_NOTE =
  'It is an ES module (import/export): save it as flowent-signature.mjs. From CommonJS (require), load it with ' +
  "const { flowentSignatureError } = await import('./flowent-signature.mjs').";

/**
 * The style learned for the current key from the history, or the default; says which on
 * stderr (stdout is the verifier alone). A history that does not exist is not created for this.
 */
async function learnedStyle(dataDirFlag: string | undefined, io: CliIo): Promise<StyleName | number> {
  const fallback = (why: string): StyleName => {
    io.stderr.write(`Style ${DEFAULT_STYLE}: the default, ${why}; --style picks another.\n`);
    return DEFAULT_STYLE;
  };
  if (nonBlankSecret(io.env[HMAC_KEY_ENV]) === null)
    return fallback(`set ${HMAC_KEY_ENV} to use the style learned from your Flowent calls`);
  const history = join(dataDirOf(dataDirFlag, io), DATA_FILES.history);
  if (!existsSync(history)) return fallback(`no history at ${history} to learn from`);
  const read: { learned?: LearnedStyleInfo } = {};
  const code = await withCore('verifier', dataDirFlag, io, async (api) => {
    read.learned = await api.getLearnedStyle();
    return 0;
  });
  if (read.learned === undefined) return code;
  const { style, fromCalls } = read.learned;
  if (fromCalls === 0 || !isStyleName(style)) return fallback(`no Flowent call in the history is signed with this ${HMAC_KEY_ENV}`);
  // Calls signed in another style are said: a verifier for this one rejects them.
  const count = learnedStyleCountWords(read.learned, cliProbeVocabulary(null));
  const learnedFrom =
    count === null
      ? `${counted(fromCalls, 'Flowent call')} signed with this ${HMAC_KEY_ENV}`
      : `the Flowent calls signed with this ${HMAC_KEY_ENV} (${count})`;
  io.stderr.write(`Style ${style}: learned from ${learnedFrom}; --style picks another.\n`);
  return style;
}

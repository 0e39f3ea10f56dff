import type { VerifierLanguage } from '../../../contract/api';
import { styleByName } from '../../signature';
import { goVerifier } from './go-verifier';
import { nodeVerifier } from './node-verifier';
import { pythonVerifier } from './python-verifier';
import type { StyleName } from '../../../contract/names-and-limits';

/**
 * A short, complete verifier of Flowent's signature in `language` that accepts calls signed
 * in `style`: reads the key from FLOWENT_HMAC_KEY, compares in constant time, lets Flowent's
 * unsigned registration check through, and answers with Flowent's documented error texts.
 */
export function verifierSnippet(language: VerifierLanguage, style: StyleName): string {
  const info = styleByName(style);
  if (info === undefined) throw new Error(`unknown style ${style}`);
  switch (language) {
    case 'python':
      return pythonVerifier(info);
    case 'node':
      return nodeVerifier(info);
    case 'go':
      return goVerifier(info);
    default: {
      const never: never = language;
      throw new Error(`unknown language ${String(never)}`);
    }
  }
}

import { HMAC_KEY_ENV, nonBlankSecret } from '../contract/secret-variables';
import { edgeSpaceWords, hasEdgeSpace } from '../contract/words';
import type { CliIo } from './cli-io';

/**
 * Says on stderr, as serve's banner says under its HMAC key line, when the key a command signs
 * or checks with starts or ends with a space or a line break. A CI secret often ends with a
 * newline: the key is used as it is, so every call `send` or `replay --resign` signs, and every
 * verdict `import` gives, disagrees with Flowent's key without it, and nothing else says why.
 */
export function noteKeyEdgeSpace(command: string, io: Pick<CliIo, 'env' | 'stderr'>): void {
  const key = nonBlankSecret(io.env[HMAC_KEY_ENV]);
  if (key !== null && hasEdgeSpace(key))
    io.stderr.write(`flowent-companion ${command}: ${edgeSpaceWords(HMAC_KEY_ENV, 'used as it is')}\n`);
}

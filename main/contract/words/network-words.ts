import type { NetworkProblem } from '../network';

const TLS_REASONS: Record<string, string> = {
  CERT_HAS_EXPIRED: 'its certificate has expired',
  CERT_NOT_YET_VALID: 'its certificate is not valid yet',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its certificate is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its certificate chain holds a self-signed certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its certificate is signed by an authority this machine does not trust',
  UNABLE_TO_GET_ISSUER_CERT: 'its certificate is signed by an authority this machine does not trust',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its certificate is signed by an authority this machine does not trust',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its certificate is for another name',
  HOSTNAME_MISMATCH: 'its certificate is for another name',
  ERR_SSL_WRONG_VERSION_NUMBER: 'it does not speak TLS there (is it a plain http:// address?)',
  EPROTO: 'it does not speak TLS there (is it a plain http:// address?)',
};

/** The port of an address, the scheme's default when it names none. */
function portOf(address: string): string {
  try {
    const url = new URL(address);
    return url.port || (url.protocol === 'https:' ? '443' : '80');
  } catch {
    return address;
  }
}

/** The host (and port) of an address, as a user would type it. */
function hostOf(address: string): string {
  try {
    return new URL(address).host;
  } catch {
    return address;
  }
}

/**
 * Why `address` could not be reached, as a clause that follows "Cannot reach X at <address>: ".
 * The same words for every front end: nothing in them names a place to act.
 */
export function networkInWords(problem: NetworkProblem, address: string): string {
  const host = hostOf(address);
  switch (problem.kind) {
    case 'refused':
      return `the connection to ${host} was refused (nothing is listening there)`;
    case 'name-not-found':
      return problem.temporary
        ? `the name ${host} could not be looked up (DNS did not answer; check the network)`
        : `the name ${host} was not found (DNS)`;
    case 'tls':
      return `the secure connection (TLS) to ${host} failed: ${TLS_REASONS[problem.code] ?? 'the handshake failed'} (${problem.code})`;
    case 'timeout':
      return `${host} did not answer in time`;
    case 'reset':
      return `${host} closed the connection before answering`;
    case 'no-route':
      return `there is no network route to ${host} (${problem.code})`;
    case 'blocked-port':
      return `port ${portOf(address)} is one that HTTP clients refuse to connect to (it is kept for another service); use another port, such as 8000`;
    case 'other':
      return `${problem.message}${problem.code ? ` (${problem.code})` : ''}`;
    default: {
      const unknown: never = problem;
      throw new Error(`unworded network problem ${JSON.stringify(unknown)}`);
    }
  }
}

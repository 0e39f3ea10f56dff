/**
 * Why a connection got no answer, from the HTTP client's cause: a typed parameter of the
 * failures that reach an address (the Gateway, a forwarding target), said in words by each
 * front end, never as the client's exception class.
 */
export type NetworkProblem =
  /** Nothing listens at the address (ECONNREFUSED). */
  | { kind: 'refused' }
  /** The host name does not resolve; `temporary` when DNS itself did not answer (EAI_AGAIN). */
  | { kind: 'name-not-found'; temporary: boolean }
  /** The secure connection failed; `code` is the TLS or certificate code (CERT_HAS_EXPIRED...). */
  | { kind: 'tls'; code: string }
  /** No answer in time: connecting, or the whole request. */
  | { kind: 'timeout' }
  /** The other side closed the connection before answering (ECONNRESET). */
  | { kind: 'reset' }
  /** No route to the address (EHOSTUNREACH, ENETUNREACH). */
  | { kind: 'no-route'; code: string }
  /**
   * The address's port is one fetch refuses to connect to at all (the Fetch standard's "bad
   * ports": 1, 25, 6000...), which its message calls only "bad port".
   */
  | { kind: 'blocked-port' }
  /** Anything else, with the system's code when there is one and the client's message. */
  | { kind: 'other'; code: string | null; message: string };

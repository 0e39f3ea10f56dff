/**
 * The page's Public URL panel on the tunnel and the local network: the toasts of opening and
 * closing the tunnel and of changing where the companion listens, and the warning before it
 * listens on all interfaces. `serve` says its tunnel's state on its own lines ("Tunnel: online.
 * Public URL: ..."), with the URL, which the panel shows beside its toast.
 */

export const TUNNEL_ONLINE = 'Tunnel online';
export const TUNNEL_CLOSED = 'Tunnel closed';

/** Where the companion listens now (`all`: on all interfaces). */
export function listeningWords(all: boolean): string {
  return all ? 'Listening on all interfaces' : 'Listening on this computer only';
}

const EXPOSES = 'Turning this on exposes the webhook port to your network.';

/** Asked before the companion listens on all interfaces. */
export const EXPOSE_QUESTION = `${EXPOSES} Anyone on it can send calls to the companion.`;

/** Under the switch while it is off. */
export const EXPOSE_NOTE = `${EXPOSES} The LAN URLs below work only after turning it on.`;

/** No address but loopback to list. */
export const NO_LAN_ADDRESS = 'No network address found (only loopback).';

/** The action picker (the Public URL panel's, the empty history's) with no action known to offer. */
export const PICKER_NO_ACTIONS = 'No action is known yet: none has been called, registered or linked in Flowent, or defined here.';

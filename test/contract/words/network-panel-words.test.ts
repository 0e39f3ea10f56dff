// The Public URL panel's toasts and its local network's warnings, as the page said them itself.
import { describe, expect, it } from 'vitest';
import {
  EXPOSE_NOTE,
  EXPOSE_QUESTION,
  listeningWords,
  NO_LAN_ADDRESS,
  PICKER_NO_ACTIONS,
  TUNNEL_CLOSED,
  TUNNEL_ONLINE,
} from '../../../main/contract/words';

describe('the tunnel and the local network', () => {
  it('says the tunnel opened or closed, and where the companion listens', () => {
    expect(TUNNEL_ONLINE).toBe('Tunnel online');
    expect(TUNNEL_CLOSED).toBe('Tunnel closed');
    expect(listeningWords(true)).toBe('Listening on all interfaces');
    expect(listeningWords(false)).toBe('Listening on this computer only');
  });

  it('warns before listening on all interfaces, and under the switch while it is off', () => {
    expect(EXPOSE_QUESTION).toBe('Turning this on exposes the webhook port to your network. Anyone on it can send calls to the companion.');
    expect(EXPOSE_NOTE).toBe('Turning this on exposes the webhook port to your network. The LAN URLs below work only after turning it on.');
    expect(NO_LAN_ADDRESS).toBe('No network address found (only loopback).');
    expect(PICKER_NO_ACTIONS).toBe('No action is known yet: none has been called, registered or linked in Flowent, or defined here.');
  });
});

/** The companion's base URL an action file's `webhook_url: here` stands for: found among this core's and the running serves' addresses, apart from the core's assembly. */
import type { CoreStatus } from '../../contract/api';
import { hereChoice, hereFactsOf, type TunnelSeen } from '../../contract/here-url';
import { hereNote } from '../../contract/words';
import { hereOf, serveForHere, serveSeen } from '../account/serve-state';
import type { HereBase } from './project-actions';

export interface HereBaseFacts {
  /** This core's webhook server's base URL while it listens; null while it does not. */
  ownBaseUrl: () => string | null;
  status: () => CoreStatus;
  /** This core's tunnel as `here` needs it: whether it was opened or closed, besides its status. */
  ownTunnel: () => TunnelSeen;
  mode: CoreStatus['mode'];
  dataDir: string;
}

/**
 * The companion's base URL for an action file's `webhook_url: here`: this core's own (it
 * answers from the open project), else that of the serve (or desktop app) answering from the
 * project's files.
 */
export function hereBaseFinder(facts: HereBaseFacts): (projectDir: string) => HereBase {
  return (projectDir) => {
    const ownBaseUrl = facts.ownBaseUrl();
    if (ownBaseUrl !== null) {
      const ownTunnel = facts.ownTunnel();
      const chosen = hereChoice(hereFactsOf(facts.status()), ownTunnel, ownBaseUrl);
      return chosen.ok
        ? { ok: true, base: chosen.here.base, note: hereNote(chosen.here, facts.mode, ownTunnel) }
        : { ok: false, code: 'tunnel-not-online', mode: facts.mode, tunnel: chosen.tunnel };
    }
    const found = serveForHere(facts.dataDir, projectDir);
    if (found.ok) {
      const chosen = hereOf(found.serve);
      return chosen.ok
        ? { ok: true, base: chosen.here.base, note: hereNote(chosen.here, found.serve.mode, found.serve.tunnel) }
        : { ok: false, code: 'tunnel-not-online', mode: found.serve.mode, tunnel: chosen.tunnel };
    }
    return found.code === 'none'
      ? { ok: false, code: 'none', others: found.others.map(serveSeen) }
      : { ok: false, code: 'several', serves: found.serves.map(serveSeen) };
  };
}

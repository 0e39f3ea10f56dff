import type { HereCandidate, TunnelNotOnline, TunnelSeen } from '../here-url';
import type { TunnelFailure } from '../status';
import { cap, type Entry, type Said } from './said';
import { TUNNEL_WORDS, tunnelRetryWords } from './status-words';
import type { Vocabulary } from './vocabulary';

/**
 * What `here` (`--here`, `webhook_url: here`) says of the companion it means: `serve` or the
 * desktop app, by who it is (a command may mean the app, the page a serve), not by the front end
 * the user reads it in.
 */
type Who = 'desktop' | 'headless';

const companyOf = (who: Who) => (who === 'desktop' ? 'the desktop app' : 'serve');

/** Opening again the tunnel of a companion that runs: its own button (the inspector is serve's page). */
const openItAgain = (who: Who) =>
  who === 'desktop' ? 'open it again in the app (Public URL > Open tunnel)' : 'open it again from the inspector (Public URL > Open tunnel)';

/**
 * Why `here` is not a URL Flowent in the cloud reaches, for a note beside a registration; null
 * for the public URL. `tunnel` says which: none was opened (how to have one), or the user closed it
 * (how to open it again, not a flag serve may already have been given).
 */
export function hereNote(here: HereCandidate, who: Who, tunnel: TunnelSeen): string | null {
  if (here.reach === 'public') return null;
  const company = companyOf(who);
  const closed = tunnel.state === 'closed';
  const why = closed ? `${company}'s tunnel was closed, so it has no public URL` : `${company} has no public URL (no tunnel open)`;
  const fix = closed
    ? `${cap(openItAgain(who))} for a public URL.`
    : who === 'desktop'
      ? 'Open the tunnel in the app (Public URL > Open tunnel) for a public URL.'
      : 'Run serve with --tunnel for a public URL.';
  const using =
    here.reach === 'lan'
      ? `using its LAN URL ${here.base}${here.interface ? ` (${here.interface})` : ''}, which machines on your local network reach, but not Flowent in the cloud.`
      : `using ${here.base}, which Flowent in the cloud cannot reach.`;
  return `${why}: ${using} ${fix}`;
}

/** A tunnel failure's own words, as the tunnel's status line says them. */
function failureWords(reason: TunnelFailure, say: Vocabulary): Said {
  // The compiler cannot follow that the entry found by a code takes the failure of that code.
  const entry = TUNNEL_WORDS[reason.code] as Entry<TunnelFailure, Vocabulary>;
  return entry(reason, say);
}

/**
 * Why `here` names no URL while the companion's tunnel, asked for, is not online: `clause` reads
 * on after "but " or "--here: " (the companion's tunnel and its state, with ngrok's reason), and
 * `todo` says when to run the command again. Pointing Flowent at loopback or the LAN meanwhile
 * would leave the action where Flowent in the cloud cannot call it.
 */
export function tunnelNotOnlineWords(who: Who, tunnel: TunnelNotOnline, say: Vocabulary): { clause: string; todo: string } {
  const company = companyOf(who);
  const noUrl = `${company} has no public URL for Flowent to call`;
  if (tunnel.state === 'connecting')
    return { clause: `${company}'s tunnel is still opening, so ${noUrl} yet`, todo: 'Run this again once the tunnel is online.' };
  if (tunnel.state === 'reconnecting') {
    // A lost connection is what reconnecting means: said in a few words, not the status line's sentence.
    const reason = !tunnel.reason
      ? ''
      : tunnel.reason.code === 'tunnel-connection-lost'
        ? ' (its connection to ngrok was lost)'
        : ` (${failureWords(tunnel.reason, say).what})`;
    return {
      clause: `${company}'s tunnel is ${tunnelRetryWords(tunnel).doing}${reason}, so ${noUrl} until it is online`,
      todo: 'Run this again once the tunnel is online: it comes back by itself.',
    };
  }
  const failed = failureWords(tunnel.reason, say);
  // It stays offline: serve, restarted, opens it again as well as its inspector does.
  const reopen = `${openItAgain(who)}${who === 'headless' ? ', or restart serve with --tunnel' : ''}, and run this again.`;
  return {
    clause: `${company}'s tunnel is offline (${failed.what}), so ${noUrl}`,
    todo: failed.todo ? `${failed.todo} Then ${reopen}` : cap(reopen),
  };
}

/**
 * The page's Register here while the companion's tunnel is asked for but not online: the URLs it
 * still offers (this computer's, the LAN's) are ones Flowent in the cloud cannot call, where
 * `--here` on the command line refuses outright.
 */
export function registerHereTunnelWaitWords(who: Who, tunnel: TunnelNotOnline, say: Vocabulary): string {
  const { clause } = tunnelNotOnlineWords(who, tunnel, say);
  return `${cap(clause)}. The URLs offered below are ones Flowent in the cloud cannot reach: register here once the tunnel is online, unless Flowent runs where it reaches them.`;
}

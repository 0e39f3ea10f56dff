import type { LinkedAction } from '../contract/api';
import { linkNamed, staleLinksWords } from '../contract/words';
import { isUnder } from '../core';

/**
 * Said when the tunnel closes while serve runs and linked actions point at its URL: Flowent's
 * calls to them now reach nothing, and nothing else would say so until the next start. One line
 * for them all, in the words of the page's banner for links that no longer reach this companion,
 * with what brings them back; links to actions Flowent no longer has are left out.
 */
export function tunnelClosedLine(links: readonly LinkedAction[], closedUrl: string): string | null {
  // An action Flowent no longer has calls nothing: the line that says so was said when it was found gone.
  const left = links
    .filter((link) => link.gone === undefined && isUnder(link.webhookUrl, closedUrl))
    .sort((a, b) => a.action.localeCompare(b.action));
  if (left.length === 0) return null;
  const named = left.map((link) => ({ name: linkNamed(link), webhookUrl: link.webhookUrl }));
  const wayOut = (them: 'it' | 'them') =>
    `open a tunnel again from the inspector, or restart serve with --tunnel (with --follow auto, a tunnel at another URL re-points ${them})`;
  return `Flowent: ${staleLinksWords(named, wayOut, closedUrl)}`;
}

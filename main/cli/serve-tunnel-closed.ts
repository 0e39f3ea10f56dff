import type { LinkedAction } from '../contract/api';
import { isUnder } from '../core';

/**
 * Said when the tunnel closes while serve runs and linked actions point at its URL: Flowent's
 * calls to them now reach nothing, and nothing else would say so until the next start. One line
 * for them all, with what brings them back; links to actions Flowent no longer has are left out.
 */
export function tunnelClosedLine(links: readonly LinkedAction[], closedUrl: string): string | null {
  // An action Flowent no longer has calls nothing: the line that says so was said when it was found gone.
  const left = links
    .filter((link) => link.gone === undefined && isUnder(link.webhookUrl, closedUrl))
    .sort((a, b) => a.action.localeCompare(b.action));
  if (left.length === 0) return null;
  const named = left.map((link) => `${link.action} (${link.profile})`).join(', ');
  const [they, them] = left.length === 1 ? ['points', 'it'] : ['point', 'them'];
  return (
    `Flowent: ${named} ${they} at the tunnel's URL ${closedUrl}, which is closed: Flowent's calls to ${them} fail until a tunnel is ` +
    `open again (open it from the inspector, or restart serve with --tunnel; with --follow auto ${them === 'it' ? 'it is' : 'they are'} re-pointed ` +
    'if its URL is another).'
  );
}

import type { LinkedAction } from '../contract/api';
import { goneLinkWords } from '../contract/words';

/**
 * The command that unlinks `link`: with --profile unless the link is of the profile the command
 * runs with (`activeProfile`; null where that is not known, as in serve's lines).
 */
export function unlinkCommand(link: Pick<LinkedAction, 'action' | 'profile'>, activeProfile: string | null): string {
  return `flowent-companion actions unlink ${link.action}${link.profile === activeProfile ? '' : ` --profile ${link.profile}`}`;
}

/** A linked action Flowent no longer has, with the command that unlinks it. */
function goneLinkLine(link: Pick<LinkedAction, 'action' | 'profile'>, activeProfile: string | null): string {
  return goneLinkWords(link, `"${unlinkCommand(link, activeProfile)}"`);
}

/** The lines for the links Flowent no longer has among `links`, said after a listing. */
export function goneLinkLines(links: readonly LinkedAction[], activeProfile: string): string[] {
  return links.filter((link) => link.gone).map((link) => goneLinkLine(link, activeProfile));
}

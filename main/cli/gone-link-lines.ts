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
export function goneLinkLine(link: Pick<LinkedAction, 'action' | 'profile'>, activeProfile: string | null): string {
  return goneLinkWords(link, `"${unlinkCommand(link, activeProfile)}"`);
}

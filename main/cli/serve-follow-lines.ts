import type { CoreEvent, FollowMode, FollowRecord } from '../contract/api';
import {
  followModeWords,
  goneLinkWayOut,
  linkNamed,
  notRepointedWords,
  registrationFinishedWords,
  repointedWords,
  repointFailedWords,
  repointProposedWords,
} from '../contract/words';
import { CLI_VOCABULARY, inCliWords } from './cli-words';
import { unlinkCommand } from './gone-link-lines';

/** Before each of serve's lines on the Flowent account, as its tunnel's lines start `Tunnel: `. */
const FLOWENT = 'Flowent: ';

/** The lines `serve` prints for the Flowent account's events, or none. */
export function accountLines(event: CoreEvent): string[] {
  if (event.type === 'actions-followed') return followLines(event.record);
  if (event.type === 'registration-finished') {
    const { record } = event;
    const why = record.failure ? inCliWords(record.failure) : null;
    return [FLOWENT + registrationFinishedWords(linkNamed(record), record, why)];
  }
  return [];
}

/**
 * What one change of the public URL did to the linked actions, in the page's words for the same
 * events: the re-pointed ones in one line (as its one toast, each named with its profile, since
 * serve follows every profile's links), then one line per action that needs something done, each
 * with its own way out (a failure's reason, the URL to re-point it to, the command that unlinks it).
 */
export function followLines(record: FollowRecord): string[] {
  const updated = record.changes.filter((change) => change.outcome === 'updated').map(linkNamed);
  const lines = updated.length > 0 ? [repointedWords(updated, record.current)] : [];
  for (const change of record.changes) {
    switch (change.outcome) {
      case 'updated':
        break;
      case 'failed':
        // serve follows every profile's links, whichever is in use, so each fix-it names its profile.
        lines.push(repointFailedWords(change, change.failure ? inCliWords(change.failure) : null, CLI_VOCABULARY, null));
        break;
      case 'proposed':
        lines.push(repointProposedWords([linkNamed(change)], change, 'from the inspector, or run serve with --follow auto'));
        break;
      case 'gone':
        lines.push(`${notRepointedWords([linkNamed(change)])}; ${goneLinkWayOut(`"${unlinkCommand(change, null)}"`)}.`);
        break;
      default: {
        const unknown: never = change.outcome;
        lines.push(`${linkNamed(change)}: ${String(unknown)}`);
      }
    }
  }
  return lines.map((line) => FLOWENT + line);
}

export function followModeLine(mode: FollowMode): string {
  return `  Follow:       ${followModeWords(mode)}`;
}

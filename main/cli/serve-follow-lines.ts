import { redactUrlCredentials, type CoreEvent, type FollowMode, type FollowRecord } from '../contract/api';
import { inCliWords } from './cli-words';
import { goneLinkLine } from './gone-link-lines';

/** The lines `serve` prints for the Flowent account's events, or none. */
export function accountLines(event: CoreEvent): string[] {
  if (event.type === 'actions-followed') return followLines(event.record);
  if (event.type === 'registration-finished') {
    const { record } = event;
    return [
      record.ok
        ? `Flowent: ${record.action} (${record.profile}) ${record.created ? 'registered' : 'updated'} with webhook_url ${redactUrlCredentials(record.webhookUrl)}`
        : `Flowent: registering ${record.action} (${record.profile}) failed: ${record.failure ? inCliWords(record.failure) : 'no reason given'}`,
    ];
  }
  return [];
}

/** One line per linked action re-pointed, failed, waiting to be re-pointed, or gone from Flowent. */
export function followLines(record: FollowRecord): string[] {
  return record.changes.map((change) => {
    const name = `${change.action} (${change.profile})`;
    switch (change.outcome) {
      case 'updated':
        return `Flowent: ${name} now points at ${change.to}`;
      case 'failed':
        return `Flowent: could not re-point ${name} to ${change.to}: ${change.failure ? inCliWords(change.failure) : 'no reason given'}`;
      case 'proposed':
        return `Flowent: ${name} still points at ${change.from}: re-point it to ${change.to} from the inspector, or run serve with --follow auto`;
      case 'gone':
        return `Flowent: ${goneLinkLine(change, null)} It is not re-pointed when the public URL changes.`;
      default: {
        const unknown: never = change.outcome;
        return `Flowent: ${name}: ${String(unknown)}`;
      }
    }
  });
}

export function followModeLine(mode: FollowMode): string {
  return mode === 'auto'
    ? '  Follow:       linked Flowent actions are re-pointed when the public URL changes'
    : '  Follow:       linked Flowent actions are listed when the public URL changes (--follow auto re-points them)';
}

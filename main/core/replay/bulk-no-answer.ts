import {
  answeredInHandlersPlace,
  BULK_STOP_AFTER_NOBODY_THERE,
  foundNobodyThere,
  type AnsweredBy,
  type BulkReplayNoAnswer,
  type NoAnswerCause,
  type ReplayFailure,
  type ReplayOutcome,
  type Result,
} from '../../contract/api';

/** A replay whose handler gave no answer: how, from whom, where it was sent, and whether a companion's webhook answered in its place. */
interface Unanswered {
  cause: NoAnswerCause;
  answeredBy: AnsweredBy;
  url: string;
  behindWebhook: boolean;
}

/**
 * Watches a run's replays as they finish, for the two things said once for the whole run:
 * replays in a row finding nobody there (the run stops sending the rest), and the one way
 * every failed replay got no answer. Replays that got no answer at all count, and those a
 * companion's webhook answered in place of the handler behind it (its 502 for a refused
 * connection, as it said itself): that handler gave none, and a run through a serve to a
 * handler that is down would otherwise send every call.
 */
export class NoAnswerWatch {
  /** The last replays that found nobody there, in a row, at one place. */
  private streak: Unanswered[] = [];
  private stoppedFor: BulkReplayNoAnswer | null = null;
  /** Each failed replay's way of getting no answer; null for one that got an answer. */
  private readonly failures: (Unanswered | null)[] = [];

  /** Takes a finished call of the run. A call not sent says nothing of the handler: it neither breaks a streak nor adds to one. */
  see(result: Result<ReplayOutcome, ReplayFailure>): void {
    if (!result.ok) return;
    const outcome = result.value;
    const missed = unanswered(outcome);
    if (outcome.verdict === 'failed') this.failures.push(missed);
    if (this.stoppedFor !== null) return;
    if (missed === null || !foundNobodyThere(outcome, missed)) {
      this.streak = [];
      return;
    }
    // A streak is of one place and one way: the run's end names them.
    const first = this.streak[0];
    if (first && (!sameWay(first, missed) || originOf(first.url) !== originOf(missed.url))) this.streak = [];
    this.streak.push(missed);
    if (this.streak.length >= BULK_STOP_AFTER_NOBODY_THERE) this.stoppedFor = shared(this.streak);
  }

  /** Whether enough replays in a row found nobody there for the run to send no more. */
  get stopped(): boolean {
    return this.stoppedFor !== null;
  }

  /** What stopped the run, else the one way every failed replay got no answer; null when neither. */
  noAnswer(): BulkReplayNoAnswer | null {
    if (this.stoppedFor !== null) return this.stoppedFor;
    const all = this.failures.filter((failure): failure is Unanswered => failure !== null);
    return all.length === 0 || all.length < this.failures.length ? null : shared(all);
  }
}

/**
 * How the replay's handler gave no answer; null when it gave one. Behind a companion's webhook,
 * a webhook with no target asked no handler: each replay's line says where to set one.
 */
function unanswered(outcome: ReplayOutcome): Unanswered | null {
  const { status, violations, answeredBy, url } = outcome;
  const cause = violations.find((violation) => violation.cause !== undefined)?.cause;
  if (cause === undefined) return null;
  if (status === 0) return { cause, answeredBy, url, behindWebhook: false };
  return answeredInHandlersPlace(outcome) && cause !== 'no-target' ? { cause, answeredBy, url, behindWebhook: true } : null;
}

/** Whether two replays got no answer the same way, from the same one. */
function sameWay(one: Unanswered, other: Unanswered): boolean {
  return one.cause === other.cause && one.answeredBy === other.answeredBy && one.behindWebhook === other.behindWebhook;
}

/** The way all of them got no answer, at the URL they share, else at their shared origin; null when they differ. */
function shared(unansweredReplays: Unanswered[]): BulkReplayNoAnswer | null {
  const [first, ...rest] = unansweredReplays;
  if (!first || rest.some((other) => !sameWay(first, other))) return null;
  const origin = originOf(first.url);
  if (rest.some((other) => originOf(other.url) !== origin)) return null;
  const url = rest.every((other) => other.url === first.url) ? first.url : origin;
  return { cause: first.cause, answeredBy: first.answeredBy, url, behindWebhook: first.behindWebhook, replays: unansweredReplays.length };
}

function originOf(url: string): string {
  return new URL(url).origin;
}

import {
  BULK_STOP_AFTER_NOBODY_THERE,
  foundNobodyThere,
  type AnsweredBy,
  type BulkReplayNoAnswer,
  type NoAnswerCause,
  type ReplayFailure,
  type ReplayOutcome,
  type Result,
} from '../../contract/api';

/** A replay that got no answer at all (status 0): how, from whom, where it was sent. */
interface Unanswered {
  cause: NoAnswerCause;
  answeredBy: AnsweredBy;
  url: string;
}

/**
 * Watches a run's replays as they finish, for the two things said once for the whole run:
 * replays in a row finding nobody there (the run stops sending the rest), and the one way
 * every failed replay got no answer. Only replays that got no answer at all count: a
 * companion's webhook that answered 502 for a handler behind it answered something.
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
    if (missed === null || !foundNobodyThere(outcome.status, missed)) {
      this.streak = [];
      return;
    }
    // A streak is of one place and one way: the run's end names them.
    const first = this.streak[0];
    if (first && (first.cause !== missed.cause || first.answeredBy !== missed.answeredBy || originOf(first.url) !== originOf(missed.url)))
      this.streak = [];
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

function unanswered({ status, violations, answeredBy, url }: ReplayOutcome): Unanswered | null {
  const cause = violations.find((violation) => violation.cause !== undefined)?.cause;
  return status === 0 && cause !== undefined ? { cause, answeredBy, url } : null;
}

/** The way all of them got no answer, at the URL they share, else at their shared origin; null when they differ. */
function shared(unansweredReplays: Unanswered[]): BulkReplayNoAnswer | null {
  const [first, ...rest] = unansweredReplays;
  if (!first || rest.some((other) => other.cause !== first.cause || other.answeredBy !== first.answeredBy)) return null;
  const origin = originOf(first.url);
  if (rest.some((other) => originOf(other.url) !== origin)) return null;
  const url = rest.every((other) => other.url === first.url) ? first.url : origin;
  return { cause: first.cause, answeredBy: first.answeredBy, url, replays: unansweredReplays.length };
}

function originOf(url: string): string {
  return new URL(url).origin;
}

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

/**
 * A replay whose handler gave no answer: how, from whom, where it was sent, whether a
 * companion's webhook answered in its place, and the handler behind it when the webhook said.
 */
interface Unanswered {
  cause: NoAnswerCause;
  answeredBy: AnsweredBy;
  url: string;
  behindWebhook: boolean;
  forwardTarget: string | null;
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
    if (first && (!sameWay(first, missed) || placeOf(first) !== placeOf(missed))) this.streak = [];
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
  if (status === 0) return { cause, answeredBy, url, behindWebhook: false, forwardTarget: null };
  if (!answeredInHandlersPlace(outcome) || cause === 'no-target') return null;
  return { cause, answeredBy, url, behindWebhook: true, forwardTarget: outcome.forwardTarget };
}

/** Whether two replays got no answer the same way, from the same one. */
function sameWay(one: Unanswered, other: Unanswered): boolean {
  return one.cause === other.cause && one.answeredBy === other.answeredBy && one.behindWebhook === other.behindWebhook;
}

/**
 * Where a replay found no answer: the origin of the handler behind the webhook when it said, as
 * a run sent straight to that handler would count it, else of where it was sent.
 */
function placeOf(replay: Unanswered): string {
  return originOf(replay.forwardTarget ?? replay.url);
}

/** The way all of them got no answer, at the URL they share, else at their shared origin; null when they differ. */
function shared(unansweredReplays: Unanswered[]): BulkReplayNoAnswer | null {
  const [first, ...rest] = unansweredReplays;
  if (!first || rest.some((other) => !sameWay(first, other))) return null;
  const url = sharedPlace(unansweredReplays.map((replay) => replay.url));
  if (url === null) return null;
  const handlers = unansweredReplays.map((replay) => replay.forwardTarget);
  // Behind webhooks that each said where: the handler they share, else none is named (nor a wrong one).
  const forwardTarget = handlers.every((handler): handler is string => handler !== null) ? sharedPlace(handlers) : null;
  return {
    cause: first.cause,
    answeredBy: first.answeredBy,
    url,
    behindWebhook: first.behindWebhook,
    forwardTarget,
    replays: unansweredReplays.length,
  };
}

/** The URL every one of them is, else the origin they share; null when they have none in common. */
function sharedPlace([first, ...rest]: string[]): string | null {
  if (first === undefined) return null;
  if (rest.every((other) => other === first)) return first;
  const origin = originOf(first);
  return rest.every((other) => originOf(other) === origin) ? origin : null;
}

function originOf(url: string): string {
  return new URL(url).origin;
}

import {
  hasLeftOutCredentials,
  type AnsweredBy,
  type HeaderPair,
  type MockChoice,
  type MockDefinition,
  type NoAnswerCause,
} from '../../contract/api';
import { leftOutPasswordError } from '../../contract/words/left-out-password-words';
import { errorAnswer, registrationCheckAnswer, type Answer } from '../protocol/answers';
import type { CallChecks } from '../store/calls-insert';
import type { AnswerSource, AnswerStore } from '../store/answer-store';
import { checkAnswer } from '../protocol/answer-check';
import { forwardFailureForCaller } from './caller-words';
import { failureViolation, type ForwardFailure } from './forward-failure';
import { droppedHeadersMessage, forwardHeaders } from './forward-headers';
import { resolveTarget } from './forward-target';
import { Forwarder } from './forward';
import { handlerChecks, NO_HANDLER } from './handler-lesson';
import { answerFromMock, BUILT_IN_MOCK, SequenceCounters } from './mock-answer';
import { resolveRoute, type EffectiveRoute } from './route';
import type { LazyCall } from './template';

export interface CallAnswererOptions {
  repository: () => AnswerSource & Pick<AnswerStore, 'listRoutes'>;
  /** `serve --forward`: used when no stored target applies. */
  startupForwardTarget: string | null;
  forwardTimeoutMs: number;
  /** Answer with the mock whenever forwarding gets no answer from the handler (unreachable, too slow, not HTTP, no target). */
  fallbackToMock: boolean;
}

export interface CallToAnswer {
  action: string;
  test: boolean;
  body: Buffer;
  /** The body as plain values, for templates and rules; made when first asked for. */
  parsed: LazyCall;
  rawHeaders: HeaderPair[];
  remoteAddress: string | null;
  /** Milliseconds already spent on this call (reading, verifying). */
  elapsedMs: () => number;
  /**
   * Set by the answerer to the URL it forwards this call to, as it sends it: what a call kept
   * waiting is told to wait on, the target this call went to even if the route changes meanwhile.
   */
  forwardingTo: string | null;
}

export interface ChosenAnswer {
  /** Null: destroy the connection without answering (the drop fault). */
  answer: Answer | null;
  /** Wait this long after storing before writing the answer. */
  delayMs: number;
  answeredBy: AnsweredBy;
  /** Which mock answer was given, when a mock (or the built-in answer) answered. */
  mockChoice: MockChoice | null;
  checks: CallChecks;
  problem: { code: string; message: string } | null;
  /** The duration to record: time spent plus the planned delay. */
  durationMs: number;
}

/**
 * How long after the server starts listening the forwarding client is loaded when calls may be
 * forwarded: after a start's own work (its banner, the tunnel), before Flowent's first call.
 */
const WARM_UP_AFTER_MS = 300;

/** Actions whose resolved route is kept at once; far more than a real integration has. */
const MAX_CACHED_ROUTES = 1024;

type ResolvedRoute = EffectiveRoute & { mockStamp: number; mockKey: string; mockOwner: MockChoice['mock'] };

/** Answers well-formed Flowent calls: from the action's mock, or by forwarding to the developer's handler. */
export class CallAnswerer {
  private readonly forwarder = new Forwarder();
  private readonly counters = new SequenceCounters();
  private readonly parsedMocks = new Map<string, { text: string; version: number; definition: MockDefinition }>();
  private versions = 0;
  /** Routes as resolved per action, valid while the repository's change stamp stays the same. */
  private readonly routes = new Map<string, ResolvedRoute>();
  private routesFrom: { repository: AnswerSource; stamp: number } | null = null;
  private warmUp: NodeJS.Timeout | null = null;

  constructor(private readonly options: CallAnswererOptions) {}

  /**
   * Where this action's answers come from right now. Resolving reads SQLite three times, so
   * the result is kept until a mock or route changes (here or in another process).
   */
  route(action: string): ResolvedRoute {
    const repository = this.options.repository();
    const stamp = repository.changeStamp();
    if (this.routesFrom === null || this.routesFrom.repository !== repository || this.routesFrom.stamp !== stamp) {
      this.routes.clear();
      this.routesFrom = { repository, stamp };
    }
    let route = this.routes.get(action);
    if (route === undefined) {
      route = this.resolve(repository, action);
      // Any caller can name any action in the URL: bound what is kept.
      if (this.routes.size >= MAX_CACHED_ROUTES) this.routes.clear();
      this.routes.set(action, route);
    }
    return route;
  }

  private resolve(repository: AnswerSource, action: string): ResolvedRoute {
    const { mode, target } = resolveRoute(repository, action, this.options.startupForwardTarget);
    const own = this.mockFor(repository, action);
    const mock = own ?? this.mockFor(repository, null);
    const mockOwner = own ? 'action' : mock ? 'default' : 'none';
    return { mode, target, mock: mock?.definition ?? null, mockStamp: mock?.version ?? 0, mockKey: action, mockOwner };
  }

  async answer(call: CallToAnswer): Promise<ChosenAnswer> {
    const route = this.route(call.action);
    if (route.mode === 'forward') return this.forward(call, route);
    return this.fromMock(call, route, 'mock');
  }

  /**
   * Loads the forwarding client shortly after the server starts when any call may be forwarded
   * (`--forward`, or a target set for an action or for all), and again when the answers change: loading it takes 100-400 ms, which
   * the first forwarded call would otherwise wait for. A companion that only mocks never loads it.
   */
  warmUpForwarding(): void {
    const routes = this.options.repository().listRoutes();
    const forwards = this.options.startupForwardTarget !== null || routes.some((route) => route.target !== null && route.mode !== 'mock');
    if (!forwards || this.warmUp !== null) return;
    this.warmUp = setTimeout(() => this.forwarder.warm(), WARM_UP_AFTER_MS).unref();
  }

  async close(): Promise<void> {
    if (this.warmUp !== null) clearTimeout(this.warmUp);
    await this.forwarder.close();
  }

  private fromMock(
    call: CallToAnswer,
    route: ResolvedRoute,
    answeredBy: 'mock' | 'fallback-mock',
    forward?: Partial<CallChecks>,
  ): ChosenAnswer {
    const definition = route.mock ?? BUILT_IN_MOCK;
    if (call.test && !definition.answerRegistrationCheck) {
      return {
        answer: registrationCheckAnswer(call.action),
        delayMs: 0,
        answeredBy: answeredBy === 'mock' ? 'test-check' : answeredBy,
        mockChoice: null,
        checks: noChecks(forward),
        problem: null,
        durationMs: call.elapsedMs(),
      };
    }
    const outcome = answerFromMock(definition, call.parsed, { key: route.mockKey, stamp: route.mockStamp, counters: this.counters });
    const durationMs = call.elapsedMs() + outcome.delayMs;
    const answer = outcome.answer;
    const violations = checkAnswer({
      who: 'the mock',
      status: answer?.status ?? 0,
      body: answer?.body ?? Buffer.alloc(0),
      fullSize: answer?.body.length ?? 0,
      durationMs,
      registrationCheck: call.test,
    });
    return {
      answer,
      delayMs: outcome.delayMs,
      answeredBy,
      mockChoice: { mock: route.mockOwner, response: outcome.choice },
      checks: noChecks(forward, violations),
      problem: outcome.problem,
      durationMs,
    };
  }

  private async forward(call: CallToAnswer, route: ResolvedRoute): Promise<ChosenAnswer> {
    if (!route.target) {
      const advice = this.options.repository().targetAdvice?.(call.action) ?? `run "flowent-companion targets set ${call.action} <url>"`;
      const message = `Action ${call.action} is set to forward, but no target is set: ${advice} or start with --forward <url>.`;
      return this.forwardFailure(call, route, { kind: 'failed', cause: 'no-target', message }, null);
    }
    if (hasLeftOutCredentials(route.target)) {
      // A file meant for git read back (a project, an import), with no password kept here: "***" would be sent as the password.
      const owner = (this.options.repository().getRoute(call.action)?.target ?? null) !== null ? call.action : null;
      const message = leftOutPasswordError(call.action, route.target, owner);
      return this.forwardFailure(call, route, { kind: 'failed', cause: 'no-target', message }, route.target);
    }
    const resolved = resolveTarget(route.target, call.action);
    if (!resolved.ok) {
      const message = `The forward target for ${call.action} is unusable: "${resolved.url}" is not an absolute http(s) URL.`;
      return this.forwardFailure(call, route, { kind: 'failed', cause: 'no-target', message }, route.target);
    }
    const prepared = forwardHeaders(call.rawHeaders, call.remoteAddress);
    call.forwardingTo = resolved.url;
    const outcome = await this.forwarder.forward({
      url: resolved.url,
      body: call.body,
      headers: prepared.headers,
      timeoutMs: this.options.forwardTimeoutMs,
      to: 'handler',
    });
    const durationMs = call.elapsedMs();
    if (!outcome.ok) return this.forwardFailure(call, route, outcome, resolved.url);
    const violations = checkAnswer({
      who: 'your handler',
      status: outcome.status,
      body: outcome.body,
      fullSize: outcome.fullSize,
      durationMs,
      registrationCheck: call.test,
    });
    const dropped = droppedHeadersMessage(prepared.dropped);
    const handler = handlerChecks(outcome, route.target);
    return {
      answer: { status: outcome.status, headers: outcome.headers, body: outcome.body, closeConnection: false },
      delayMs: 0,
      answeredBy: 'forward',
      mockChoice: null,
      checks: {
        violations,
        forwardTarget: resolved.url,
        forwardError: null,
        registrationWouldPass: call.test ? outcome.status >= 200 && outcome.status < 300 : null,
        handlerSignature: handler.handlerSignature,
        handlerTarget: handler.handlerTarget,
      },
      problem: dropped === null ? null : { code: 'headers-dropped', message: dropped },
      durationMs,
    };
  }

  /**
   * Forwarding gave no answer to pass on. With fallback on, the mock answers whenever the
   * handler itself did not (an answer refused for its size is the handler's own, so it is not
   * replaced); otherwise 504 for a timeout, 502 for the rest, in Flowent's shape. The caller is
   * Flowent, in the cloud: where a target was set, its words leave out the handler's address,
   * which the call's record keeps; with none, the message (what to set) names no address.
   */
  private forwardFailure(
    call: CallToAnswer,
    route: ResolvedRoute,
    failure: { kind: ForwardFailure; cause?: NoAnswerCause; message: string; fullSize?: number },
    target: string | null,
  ): ChosenAnswer {
    const forward = {
      forwardTarget: target,
      forwardError: failure.message,
      registrationWouldPass: call.test ? false : null,
      ...NO_HANDLER,
    };
    if (this.options.fallbackToMock && failure.kind !== 'too-large' && failure.kind !== 'stopped') {
      return this.fromMock(call, route, 'fallback-mock', forward);
    }
    return {
      answer: errorAnswer(failure.kind === 'timeout' ? 504 : 502, target === null ? failure.message : forwardFailureForCaller(failure)),
      delayMs: 0,
      answeredBy: 'forward-error',
      mockChoice: null,
      checks: { violations: [failureViolation(failure)], ...forward },
      problem: null,
      durationMs: call.elapsedMs(),
    };
  }

  /** The stored mock, parsed once per change (a change also restarts its sequence). */
  private mockFor(repository: AnswerSource, action: string | null): { definition: MockDefinition; version: number } | null {
    const row = repository.getMockRow(action);
    if (!row) return null;
    const cacheKey = action ?? '*';
    const cached = this.parsedMocks.get(cacheKey);
    if (cached && cached.text === row.definition) return cached;
    const parsed = { text: row.definition, version: ++this.versions, definition: JSON.parse(row.definition) as MockDefinition };
    this.parsedMocks.set(cacheKey, parsed);
    return parsed;
  }
}

/**
 * What is stored about an answer no handler gave. Written out whole, as the answer's other
 * objects are: a spread followed by more properties cost about a microsecond a property.
 */
function noChecks(forward?: Partial<CallChecks>, violations: CallChecks['violations'] = null): CallChecks {
  return {
    violations,
    forwardTarget: forward?.forwardTarget ?? null,
    forwardError: forward?.forwardError ?? null,
    registrationWouldPass: forward?.registrationWouldPass ?? null,
    handlerSignature: NO_HANDLER.handlerSignature,
    handlerTarget: NO_HANDLER.handlerTarget,
  };
}

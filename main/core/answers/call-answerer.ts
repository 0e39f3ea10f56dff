import type { AnsweredBy, HeaderPair, MockDefinition } from '../../contract/api';
import { errorAnswer, registrationCheckAnswer, type Answer } from '../protocol/answers';
import type { CallChecks } from '../store/calls-repository';
import type { AnswersRepository } from '../store/answers-repository';
import { checkAnswer } from '../protocol/answer-check';
import { Forwarder, resolveTarget } from './forward';
import { answerFromMock, BUILT_IN_MOCK, SequenceCounters } from './mock-answer';
import { resolveRoute, type EffectiveRoute } from './route';

export interface CallAnswererOptions {
  repository: () => AnswersRepository;
  /** `serve --forward`: used when no stored target applies. */
  startupForwardTarget: string | null;
  forwardTimeoutMs: number;
  /** Answer with the mock when the handler cannot be reached (refused, reset, DNS). */
  fallbackToMock: boolean;
}

export interface CallToAnswer {
  action: string;
  test: boolean;
  body: Buffer;
  /** The body parsed, for templates and conditions. */
  parsed: unknown;
  rawHeaders: HeaderPair[];
  remoteAddress: string | null;
  /** Milliseconds already spent on this call (reading, verifying). */
  elapsedMs: () => number;
}

export interface ChosenAnswer {
  /** Null: destroy the connection without answering (the drop fault). */
  answer: Answer | null;
  /** Wait this long after storing before writing the answer. */
  delayMs: number;
  answeredBy: AnsweredBy;
  checks: CallChecks;
  problem: { code: string; message: string } | null;
  /** The duration to record: time spent plus the planned delay. */
  durationMs: number;
}

/** Actions whose resolved route is kept at once; far more than a real integration has. */
const MAX_CACHED_ROUTES = 1024;

type ResolvedRoute = EffectiveRoute & { mockStamp: number; mockKey: string };

/** Answers well-formed Flowent calls: from the action's mock, or by forwarding to the developer's handler. */
export class CallAnswerer {
  private readonly forwarder = new Forwarder();
  private readonly counters = new SequenceCounters();
  private readonly parsedMocks = new Map<string, { text: string; version: number; definition: MockDefinition }>();
  private versions = 0;
  /** Routes as resolved per action, valid while the repository's change stamp stays the same. */
  private readonly routes = new Map<string, ResolvedRoute>();
  private routesFrom: { repository: AnswersRepository; stamp: number } | null = null;

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

  private resolve(repository: AnswersRepository, action: string): ResolvedRoute {
    const { mode, target } = resolveRoute(repository, action, this.options.startupForwardTarget);
    const mock = this.mockFor(repository, action) ?? this.mockFor(repository, null);
    return { mode, target, mock: mock?.definition ?? null, mockStamp: mock?.version ?? 0, mockKey: action };
  }

  async answer(call: CallToAnswer): Promise<ChosenAnswer> {
    const route = this.route(call.action);
    if (route.mode === 'forward') return this.forward(call, route);
    return this.fromMock(call, route, 'mock');
  }

  async close(): Promise<void> {
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
    });
    return {
      answer,
      delayMs: outcome.delayMs,
      answeredBy,
      checks: { ...noChecks(forward), violations },
      problem: outcome.problem,
      durationMs,
    };
  }

  private async forward(call: CallToAnswer, route: ResolvedRoute): Promise<ChosenAnswer> {
    if (!route.target) {
      const message = `Action ${call.action} is set to forward, but no target is set: run "flowent-companion targets set ${call.action} <url>" or start with --forward <url>.`;
      return this.forwardFailure(call, message, null, 502);
    }
    const resolved = resolveTarget(route.target, call.action);
    if (!resolved.ok)
      return this.forwardFailure(call, `The forward target for ${call.action} is unusable: ${resolved.message}`, route.target, 502);
    const outcome = await this.forwarder.forward({
      url: resolved.url,
      body: call.body,
      rawHeaders: call.rawHeaders,
      remoteAddress: call.remoteAddress,
      timeoutMs: this.options.forwardTimeoutMs,
    });
    const durationMs = call.elapsedMs();
    if (!outcome.ok) {
      if (outcome.kind === 'unreachable' && this.options.fallbackToMock) {
        return this.fromMock(call, route, 'fallback-mock', {
          forwardTarget: resolved.url,
          forwardError: outcome.message,
          registrationWouldPass: call.test ? false : null,
        });
      }
      return this.forwardFailure(call, outcome.message, resolved.url, outcome.kind === 'timeout' ? 504 : 502, outcome.kind === 'timeout');
    }
    const violations = checkAnswer({
      who: 'your handler',
      status: outcome.status,
      body: outcome.body,
      fullSize: outcome.fullSize,
      durationMs,
    });
    return {
      answer: { status: outcome.status, headers: outcome.headers, body: outcome.body, closeConnection: false },
      delayMs: 0,
      answeredBy: 'forward',
      checks: {
        violations,
        forwardTarget: resolved.url,
        forwardError: null,
        registrationWouldPass: call.test ? outcome.status >= 200 && outcome.status < 300 : null,
      },
      problem: null,
      durationMs,
    };
  }

  private forwardFailure(call: CallToAnswer, message: string, target: string | null, status: 502 | 504, timedOut = false): ChosenAnswer {
    const durationMs = call.elapsedMs();
    const violation = timedOut
      ? { code: 'too-slow', message: `your handler did not answer in time; Flowent gives up after 30 s. ${message}` }
      : { code: 'no-answer', message: `your handler could not be reached. ${message}` };
    return {
      answer: errorAnswer(status, message),
      delayMs: 0,
      answeredBy: 'forward-error',
      checks: { violations: [violation], forwardTarget: target, forwardError: message, registrationWouldPass: call.test ? false : null },
      problem: null,
      durationMs,
    };
  }

  /** The stored mock, parsed once per change (a change also restarts its sequence). */
  private mockFor(repository: AnswersRepository, action: string | null): { definition: MockDefinition; version: number } | null {
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

function noChecks(forward?: Partial<CallChecks>): CallChecks {
  return {
    violations: null,
    forwardTarget: forward?.forwardTarget ?? null,
    forwardError: forward?.forwardError ?? null,
    registrationWouldPass: forward?.registrationWouldPass ?? null,
  };
}

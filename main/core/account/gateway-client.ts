import type { AccountFailure, FieldProblem, Refused } from '../../contract/api';
import { readListing, type ActionListing } from './action-listing';
import { checkActionInput, checkName, isProductionGateway } from './action-validation';
import { gatewayFailure, type RequestContext } from './gateway-errors';
import type { RequestCounter } from './request-counter';
import { unreachable, type FetchLike, type TokenSession } from './token-session';
import type { ActionCreate, ActionUpdate, FlowentAction, FlowentResult } from './types';

export interface GatewayClientOptions {
  baseUrl: string;
  session: TokenSession;
  counter?: RequestCounter;
  fetch?: FetchLike;
  timeoutMs?: number;
}

type Answer = { ok: true; status: number; body: unknown; warnings: string[] } | Refused<AccountFailure>;

const invalid = (problems: FieldProblem[]): Refused<AccountFailure> => ({ ok: false, code: 'flowent-invalid-input', problems });

/**
 * Flowent's action registry (`/actions`), checking input as Flowent does before sending,
 * renewing the session once on a 401 and counting requests against the hourly limit.
 */
export class GatewayClient {
  private readonly fetch: FetchLike;

  constructor(private readonly options: GatewayClientOptions) {
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init));
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  get production(): boolean {
    return isProductionGateway(this.options.baseUrl);
  }

  /** `GET /actions`, with whether the answer is the whole list (see readListing). */
  async list(): Promise<FlowentResult<ActionListing>> {
    const answer = await this.send('GET', '/actions', undefined, {});
    if (!answer.ok) return answer;
    return { ok: true, value: readListing(answer.body), warnings: answer.warnings };
  }

  async get(name: string): Promise<FlowentResult<FlowentAction>> {
    const bad = checkName(name);
    if (bad) return invalid([bad]);
    return this.action(await this.send('GET', `/actions/${name}`, undefined, { action: name }));
  }

  /** `POST /actions`: Flowent runs its registration check against webhook_url before answering. */
  async register(input: ActionCreate): Promise<FlowentResult<FlowentAction>> {
    const check = checkActionInput(input, { partial: false, production: this.production });
    if (check.problems.length > 0) return invalid(check.problems);
    const body = { name: input.name, description: input.description, webhook_url: input.webhook_url, json_schema: input.json_schema };
    return this.action(await this.send('POST', '/actions', body, { action: input.name, webhookUrl: input.webhook_url }), check.warnings);
  }

  async update(name: string, changes: ActionUpdate): Promise<FlowentResult<FlowentAction>> {
    const check = checkActionInput({ name, ...changes }, { partial: true, production: this.production });
    if (check.problems.length > 0) return invalid(check.problems);
    const body = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    if (Object.keys(body).length === 0) return { ok: false, code: 'flowent-nothing-to-update' };
    const context: RequestContext = {
      baseUrl: this.baseUrl,
      action: name,
      ...(changes.webhook_url ? { webhookUrl: changes.webhook_url } : {}),
    };
    return this.action(await this.send('PUT', `/actions/${name}`, body, context), check.warnings);
  }

  async delete(name: string): Promise<FlowentResult<{ message: string }>> {
    const bad = checkName(name);
    if (bad) return invalid([bad]);
    const answer = await this.send('DELETE', `/actions/${name}`, undefined, { action: name });
    if (!answer.ok) return answer;
    const message = (answer.body as { message?: unknown }).message;
    return {
      ok: true,
      value: { message: typeof message === 'string' ? message : 'Action deleted successfully' },
      warnings: answer.warnings,
    };
  }

  private action(answer: Answer, warnings: string[] = []): FlowentResult<FlowentAction> {
    if (!answer.ok) return answer;
    const action = (answer.body as { action?: unknown }).action;
    if (typeof action !== 'object' || action === null)
      return { ok: false, code: 'flowent-bad-answer', baseUrl: this.baseUrl, missing: 'action', status: answer.status };
    return { ok: true, value: action as FlowentAction, warnings: [...warnings, ...answer.warnings] };
  }

  private async send(method: string, path: string, body: unknown, context: Omit<RequestContext, 'baseUrl'>): Promise<Answer> {
    const warnings: string[] = [];
    const full: RequestContext = { baseUrl: this.baseUrl, ...context };
    for (let attempt = 0; ; attempt++) {
      const token = await this.options.session.token();
      if (!token.ok) return token;
      const warning = this.options.counter?.record();
      if (warning && !warnings.includes(warning)) warnings.push(warning);
      let response: Response;
      try {
        response = await this.fetch(this.baseUrl + path, {
          method,
          headers: {
            authorization: `Bearer ${token.jwt}`,
            accept: 'application/json',
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
        });
      } catch (error) {
        return unreachable(this.baseUrl, error);
      }
      const parsed: unknown = await response.json().catch(() => null);
      // An expired or revoked JWT: exchange the API token again and retry once.
      if (response.status === 401 && attempt === 0) {
        this.options.session.invalidate();
        continue;
      }
      if (response.ok) return { ok: true, status: response.status, body: parsed ?? {}, warnings };
      return gatewayFailure(response.status, parsed, full);
    }
  }
}

import type { ReplayFailure, Result, SimulateOutcome } from '../../contract/api';
import { isActionName } from '../../contract/action-name';
import { deliver, targetFor } from './deliver';
import { handlerKeyFor } from '../answers/handler-lesson';
import { spoilSignature } from './spoil-signature';
import { isObjectParameters, jsonTextOf, overFlowentLimit, signBody } from './edit-body';
import { TypedJson } from '../json/typed-json';
import { toPlainValue } from '../json/json-values';
import type { ReplayContext } from './replay';

export interface SimulateOptions {
  action: string;
  /**
   * The parameters to send: as the user typed them (a {@link TypedJson}, sent as typed), or a
   * value; when absent they are generated from `schema` (or `{}`).
   */
  parameters?: unknown;
  /** The action's JSON Schema, to generate parameters from. */
  schema?: Record<string, unknown>;
  /** Same seed, same generated parameters. Default 1. */
  seed?: number;
  /** Flowent's registration check: `{"action_name":...,"parameters":{},"timestamp":...,"test":true}`, unsigned as its docs show. */
  test?: boolean;
  target?: string;
  /** Default: the learned style for the current key. */
  style?: string;
  /**
   * Spoil the signature once signed (as the probe does), to check that the handler refuses the
   * call. The call is judged with the key as any other: invalid, so a handler's refusal teaches
   * that it refused a wrong signature, never that it refused a valid one. Ignored with `test`,
   * which is unsigned.
   */
  wrongSignature?: boolean;
  now?: () => number;
}

/** What the page and the commands are told (SimulateOutcome), and what the core alone reads besides. */
export interface SimulateResult extends SimulateOutcome {
  parameters: unknown;
  signatureVerdict: string;
}

/** Parameters from a JSON Schema, repeatable for a seed (json-schema-faker). */
export async function generateParameters(schema: Record<string, unknown>, seed = 1): Promise<unknown> {
  // json-schema-faker ships as an ES module only.
  const { generate } = await import('json-schema-faker');
  return generate(schema as Parameters<typeof generate>[0], { seed, alwaysFakeOptionals: true });
}

/** Sends a Flowent call that never happened to the handler and stores it (source `simulator`). */
export async function simulateCall(ctx: ReplayContext, options: SimulateOptions): Promise<Result<SimulateResult, ReplayFailure>> {
  if (!isActionName(options.action)) return { ok: false, code: 'invalid-action', action: options.action };
  const target = targetFor(ctx, options.action, options.target);
  if (!target.ok) return target;
  const timestamp = Math.floor((options.now?.() ?? Date.now()) / 1000);
  let parameters: unknown = {};
  let body: Buffer;
  let signedStyle: string | null = null;
  if (options.test) {
    body = Buffer.from(JSON.stringify({ action_name: options.action, parameters: {}, timestamp, test: true }), 'utf8');
  } else {
    const key = ctx.hmacKey();
    if (!key) return { ok: false, code: 'no-key', needs: 'simulate' };
    try {
      parameters = options.parameters ?? (options.schema ? await generateParameters(options.schema, options.seed ?? 1) : {});
    } catch (error) {
      return { ok: false, code: 'cannot-generate', action: options.action, reason: error instanceof Error ? error.message : String(error) };
    }
    if (!isObjectParameters(parameters)) return { ok: false, code: 'invalid-parameters' };
    // Written out, not JSON.stringify'd whole: typed parameters go as typed, numbers included.
    const unsigned = Buffer.from(
      `{"action_name":${JSON.stringify(options.action)},"parameters":${jsonTextOf(parameters)},"timestamp":${timestamp}}`,
      'utf8',
    );
    const style = options.style ?? ctx.learner.learnedStyle(key).style;
    const signed = signBody(unsigned, key, style);
    if (!signed.ok) return signed;
    body = options.wrongSignature ? spoilSignature(signed.value.body) : signed.value.body;
    signedStyle = signed.value.style;
  }
  const over = overFlowentLimit(body);
  if (over) return over;
  // The registration check is unsigned: nothing to spoil.
  const spoiledSignature = signedStyle !== null && (options.wrongSignature ?? false);
  const delivered = await deliver(ctx, {
    url: target.value.url,
    handler: target.value.handler,
    learn: true,
    action: options.action,
    test: options.test ?? false,
    headers: [
      ['Content-Type', 'application/json'],
      ['User-Agent', 'Flowent-Companion-Simulator'],
    ],
    body,
    remoteAddress: null,
    source: 'simulator',
    originalCallId: null,
    spoiledSignature,
    signedStyle,
  });
  return {
    ok: true,
    value: {
      id: delivered.id,
      url: delivered.url,
      body: body.toString('utf8'),
      parameters: parameters instanceof TypedJson ? toPlainValue(parameters.root) : parameters,
      signedStyle,
      wrongSignature: spoiledSignature,
      signatureVerdict: delivered.signature.verdict,
      status: delivered.status,
      answer: delivered.body.toString('utf8'),
      answeredBy: delivered.answeredBy,
      handlerSignature: delivered.handler.handlerSignature,
      // Read after this call's lesson was added (here, or by the serve it went through): what the handler did so far.
      validAccepted:
        delivered.handler.handlerTarget === null
          ? null
          : ctx.handlers().read(handlerKeyFor(delivered.handler.handlerTarget, options.action)).accepted,
      durationMs: delivered.durationMs,
      violations: delivered.violations,
      error: delivered.error,
      forwardTarget: delivered.forwardTarget,
    },
  };
}

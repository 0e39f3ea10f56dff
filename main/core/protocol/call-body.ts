import type { JsonNode, JsonObject } from '../json/json-node';
import { ACTION_NAME_PATTERN, ACTION_NAME_RULE } from '../../contract/action-name';
import type { RequestProblem } from '../../contract/words/call-problem-words';
import { clip } from '../../contract/words/said';

/** The parts of a Flowent call the server needs to route and answer it. */
export interface FlowentCall {
  action: string;
  test: boolean;
}

export type BodyCheck =
  | { ok: true; call: FlowentCall }
  | {
      ok: false;
      problem: RequestProblem;
      message: string;
      action: string | null;
      test: boolean;
      /**
       * `action_name` as written when the call is not listed under it (`action` is then the
       * URL's): it is not a valid action name, or it differs from the URL's (`action-mismatch`).
       */
      sentAction: string | null;
    };

/**
 * Checks the shape Flowent sends: an object with a valid
 * `action_name`, an object `parameters`, an integer `timestamp`, an optional boolean `test`
 * and an optional string `signature`. Extra members are allowed and kept.
 */
export function checkFlowentBody(root: JsonNode, pathAction: string | null): BodyCheck {
  if (root.kind !== 'object') {
    return fail(
      'not-an-object',
      `The body is a JSON ${root.kind}, not an object. Send a JSON object like {"action_name":"…","parameters":{},"timestamp":…}.`,
      null,
      { test: false, sentAction: null },
    );
  }
  const testNode = findMember(root, 'test');
  const test = testNode?.kind === 'boolean' && testNode.value;
  const actionNode = findMember(root, 'action_name');
  const bodyAction = actionNode?.kind === 'string' && ACTION_NAME_PATTERN.test(actionNode.value) ? actionNode.value : null;
  const known = bodyAction ?? pathAction;
  const sentAction = actionNode && !bodyAction ? asWritten(actionNode) : null;
  // An object, not a closure: the answer path makes no function per call.
  const seen: SeenFacts = { test, sentAction };

  if (!actionNode) {
    return fail(
      'missing-action-name',
      'The body has no "action_name". Add the registered action\'s name, e.g. "action_name":"send_email".',
      pathAction,
      seen,
    );
  }
  if (actionNode.kind !== 'string') {
    return fail('invalid-action-name', `"action_name" must be a string, but it is a ${actionNode.kind}.`, pathAction, seen);
  }
  if (!bodyAction) {
    return fail(
      'invalid-action-name',
      `"action_name" ${JSON.stringify(clip(actionNode.value))} is not a valid action name: use ${ACTION_NAME_RULE}.`,
      pathAction,
      seen,
    );
  }
  if (pathAction && pathAction !== bodyAction) {
    // Listed under the URL's action, the route Flowent sent it to (the webhook_url of the
    // action it ran); the body's name is only what the call claims, kept as sent. So the list,
    // the action filter and the details' "POST /actions/<name>" name the same action.
    return fail(
      'action-mismatch',
      `The URL names action "${pathAction}" but the body names "${bodyAction}". Register the action with the URL /actions/${bodyAction}.`,
      pathAction,
      { test, sentAction: asWritten(actionNode) },
    );
  }
  const parameters = findMember(root, 'parameters');
  if (!parameters) {
    return fail('missing-parameters', 'The body has no "parameters". Flowent always sends an object, {} when there are none.', known, seen);
  }
  if (parameters.kind !== 'object') {
    return fail('invalid-parameters', `"parameters" must be an object, but it is a ${parameters.kind}.`, known, seen);
  }
  const timestamp = findMember(root, 'timestamp');
  if (!timestamp) {
    return fail(
      'missing-timestamp',
      'The body has no "timestamp". Add the Unix time in whole seconds when the call was sent.',
      known,
      seen,
    );
  }
  if (timestamp.kind !== 'number' || !isSafeInteger(timestamp.literal)) {
    return fail('invalid-timestamp', '"timestamp" must be a whole number of seconds since 1970 (e.g. 1645123456).', known, seen);
  }
  if (testNode && testNode.kind !== 'boolean') {
    return fail('invalid-test', `"test" must be true or false, but it is a ${testNode.kind}.`, known, seen);
  }
  const signature = findMember(root, 'signature');
  if (signature && signature.kind !== 'string') {
    return fail('invalid-signature-type', `"signature" must be a string of 64 hex characters, but it is a ${signature.kind}.`, known, seen);
  }
  return { ok: true, call: { action: bodyAction, test } };
}

function findMember(object: JsonObject, key: string): JsonNode | undefined {
  return object.members.find((m) => m.key === key)?.value;
}

function isSafeInteger(literal: string): boolean {
  return /^-?\d+$/.test(literal) && Number.isSafeInteger(Number(literal));
}

/** What a failed check reports besides the problem: read once per call. */
interface SeenFacts {
  test: boolean;
  sentAction: string | null;
}

function fail(problem: RequestProblem, message: string, action: string | null, seen: SeenFacts): BodyCheck {
  return { ok: false, problem, message, action, ...seen };
}

/** A value as a person would read it in the body: `5`, `"Send Email"`, `null`; objects and arrays abridged. */
function asWritten(node: JsonNode): string {
  switch (node.kind) {
    case 'string':
      return JSON.stringify(clip(node.value));
    case 'number':
      return clip(node.literal);
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
    case 'object':
      return node.members.length ? '{…}' : '{}';
    case 'array':
      return node.items.length ? '[…]' : '[]';
    default: {
      const never: never = node;
      return never;
    }
  }
}

import { ACTION_PLACEHOLDER, targetForAction } from '../../contract/action-name';
import type { AnswersFailure, Refused } from '../../contract/api';

/** Parsed target URLs kept: the same few targets come back on every call. */
export const PARSED_URLS_KEPT = 256;

/** Who a call is sent to: the developer's handler, or a companion's webhook (a replay or simulated call sent to "This companion"). */
export type Receiver = 'handler' | 'companion';

/** Who answers at the target, and where, as failures name it. */
export function describeTarget(target: URL, to: Receiver): string {
  return `${to === 'handler' ? 'Your handler' : "This companion's webhook"} at ${target.origin}${target.pathname}`;
}

/** Replaces `{action_name}` in a target template; checks it is an absolute http(s) URL. */
export function resolveTarget(template: string, action: string): ResolvedTarget {
  const key = `${template}\n${action}`;
  let resolved = resolvedTargets.get(key);
  if (!resolved) {
    // The same few targets and actions come back on every call: check each pair once.
    if (resolvedTargets.size >= PARSED_URLS_KEPT) resolvedTargets.clear();
    const url = targetForAction(template, action);
    resolved = checkTargetUrl(url) ?? { ok: true, url };
    resolvedTargets.set(key, resolved);
  }
  return resolved;
}

type InvalidTarget = Extract<AnswersFailure, { code: 'invalid-target' }>;
type ResolvedTarget = { ok: true; url: string } | Refused<InvalidTarget>;
const resolvedTargets = new Map<string, ResolvedTarget>();

/** Why `url` (which may hold `{action_name}`) cannot be a forwarding target, or null when it can. */
export function checkTargetUrl(url: string): Refused<InvalidTarget> | null {
  // Any other {name} would be sent as it is (percent-encoded): a typo of {action_name}, or a
  // placeholder another tool fills.
  const placeholder = url.replaceAll(ACTION_PLACEHOLDER, '').match(/\{[^{}/?#]*\}/)?.[0];
  if (placeholder !== undefined) return { ok: false, code: 'invalid-target', url, problem: 'unknown-placeholder', placeholder };
  let parsed: URL;
  try {
    parsed = new URL(url.replace(/\{action_name\}/g, 'action'));
  } catch {
    return { ok: false, code: 'invalid-target', url, problem: 'not-a-url' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { ok: false, code: 'invalid-target', url, problem: 'not-http' };
  return null;
}

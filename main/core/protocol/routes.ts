import { ACTION_NAME_PATTERN } from '../../contract/action-name';

export type Route =
  /** A Flowent route; `pathAction` is set for `/actions/<name>`. */
  | { kind: 'flowent'; pathAction: string | null }
  | { kind: 'bad-path-action'; segment: string }
  | { kind: 'method-not-allowed'; method: string }
  | { kind: 'not-found' };

/**
 * `POST /actions/<action_name>` is the docs' convention; `POST /actions` and `POST /` take the
 * action from the body. A trailing slash and a query string are tolerated, since webhook
 * URLs are pasted by hand.
 */
export function routeOf(method: string, url: string): Route {
  const path = pathOnly(url);
  const isFlowentPath = path === '/' || path === '/actions';
  const actionMatch = /^\/actions\/([^/]+)$/.exec(path);
  if (!isFlowentPath && !actionMatch) return { kind: 'not-found' };
  if (method !== 'POST') return { kind: 'method-not-allowed', method };
  if (!actionMatch) return { kind: 'flowent', pathAction: null };
  const segment = safeDecode(actionMatch[1] ?? '');
  if (!ACTION_NAME_PATTERN.test(segment)) return { kind: 'bad-path-action', segment };
  return { kind: 'flowent', pathAction: segment };
}

function pathOnly(url: string): string {
  const withoutQuery = url.split('?', 1)[0] ?? '/';
  return withoutQuery.length > 1 && withoutQuery.endsWith('/') ? withoutQuery.slice(0, -1) : withoutQuery;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

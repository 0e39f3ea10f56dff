import { hasLeftOutCredentials, routeFor, type AnswerSettings } from '../../../main/contract/api';

/** An answer file forwarding to a target whose password it holds as `***`, none kept for it here. */
export interface TargetWithoutPassword {
  /** As the project names it: `answers/send_email.yaml`, `answers/_default.yaml`. */
  file: string;
  /** Null: the default's. */
  action: string | null;
  target: string;
}

/**
 * The answer files whose forward target has its password as `***` while this history folder
 * keeps none for that URL (the core gives such a target as the file holds it), among those whose
 * target is where calls go: serve forwards nothing to them, send and replay refuse them.
 */
export function targetsWithoutPassword(settings: AnswerSettings): TargetWithoutPassword[] {
  const fallback = settings.routes.find((route) => route.action === null);
  return settings.routes.flatMap((route) => {
    if (route.target === null || !hasLeftOutCredentials(route.target)) return [];
    const used = routeFor(route, route.action === null ? undefined : fallback, settings.startupForwardTarget);
    if (used.mode !== 'forward' || used.target !== route.target) return [];
    return [{ file: `answers/${route.action ?? '_default'}.yaml`, action: route.action, target: route.target }];
  });
}

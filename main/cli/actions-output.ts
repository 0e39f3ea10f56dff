import type { FlowentAction, FlowentService } from '../core/account';
import { UsageError } from './args';

/** One line per action: name, webhook_url, description. */
export function actionLine(action: FlowentAction): string {
  return `${action.name}  ${action.webhook_url}  ${action.description}`;
}

/** `actions profile list|add|use|remove`, checked before anything is opened. */
export function profileCommand(
  args: string[],
): (runtime: { flowent: FlowentService; out(line: string): void; err(line: string): void; json: boolean }) => Promise<number> {
  const [verb, name, url, ...extra] = args;
  const expect = (count: number, usage: string) => {
    if ([name, url].filter((value) => value !== undefined).length !== count || extra.length > 0)
      throw new UsageError(`usage: actions profile ${usage}`);
  };
  switch (verb) {
    case 'list':
      expect(0, 'list');
      return async ({ flowent, out, json }) => {
        const active = flowent.profile().name;
        for (const profile of flowent.profiles.list())
          out(
            json
              ? JSON.stringify({ ...profile, active: profile.name === active })
              : `${profile.name === active ? '*' : ' '} ${profile.name}  ${profile.baseUrl}`,
          );
        return 0;
      };
    case 'add':
      expect(2, 'add <name> <gateway-url>');
      return async ({ flowent, out, err }) => {
        const saved = flowent.profiles.save({ name: name ?? '', baseUrl: url ?? '' });
        if (!saved.ok) throw new UsageError(saved.message);
        out(`Profile ${saved.value.name}: ${saved.value.baseUrl}.`);
        err(`Its API token is read from FLOWENT_API_TOKEN_${saved.value.name.toUpperCase().replace(/-/g, '_')} (never stored).`);
        return 0;
      };
    case 'use':
    case 'remove':
      expect(1, `${verb} <name>`);
      return async ({ flowent, out }) => {
        if (verb === 'use') {
          const used = flowent.profiles.setActive(name ?? '');
          if (!used.ok) throw new UsageError(used.message);
          out(`Active profile: ${used.value.name} (${used.value.baseUrl}).`);
        } else {
          const removed = flowent.profiles.remove(name ?? '');
          out(removed.ok && removed.value.removed ? `Removed profile ${name}.` : `No stored profile named ${name}.`);
        }
        return 0;
      };
    default:
      throw new UsageError('actions profile needs list, add, use or remove.');
  }
}

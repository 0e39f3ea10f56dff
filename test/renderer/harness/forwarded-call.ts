import { valueOf, type Companion, type SendOptions } from './companion';
import { openCall } from './render';

/**
 * Forwards `action` to `target`, sends one call of it as Flowent does (`parameters` and `options`
 * as `Companion.send` takes them), renders the page and opens that call's details: where a test
 * of what the details say of a forwarded call starts.
 */
export async function openForwardedCall(
  c: Companion,
  action: string,
  target: string,
  parameters: Record<string, unknown> = {},
  options: SendOptions = {},
) {
  valueOf(await c.api.setForwardTarget(action, target));
  await c.send(action, parameters, options);
  // The call just sent is the newest: a test may have sent others before it.
  const [sent] = (await c.api.listCalls({ limit: 1 })).calls;
  if (!sent) throw new Error(`The call to ${action} was not recorded.`);
  return openCall(c.bridge, sent.id);
}

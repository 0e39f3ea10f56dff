import { flowentPayload, signedBody } from '../../helpers/flowent-signer';
import type { RunningCore } from '../../helpers/running-core';

/** The HMAC key the mock tests' cores run with and their calls are signed with. */
export const KEY = 'test-key';

/** A call of `action` as Flowent signs it, posted to the core's webhook. */
export const call = (core: RunningCore, action: string, parameters: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  core.post(`/actions/${action}`, signedBody(flowentPayload(action, parameters, extra), KEY));

/** Retries until `read` stops throwing: the row is committed by the writer thread, not at a known moment. */
export async function eventually<T>(read: () => T, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return read();
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Sets the mock of `action` (null: the default mock) from its definition, or throws why it was refused. */
export async function setMock(core: RunningCore, action: string | null, definition: unknown) {
  const outcome = await core.core.api.setMock(action, JSON.stringify(definition), 'json');
  if (!outcome.ok) throw new Error(JSON.stringify(outcome));
  return outcome.value;
}

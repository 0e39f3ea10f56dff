import { describe, expect, it } from 'vitest';
import type { CallDetail } from '../../../main/contract/api';
import { closedPort } from '../../helpers/handler-process';
import { postSigned } from '../../helpers/flowent-signer';
import { coresClosedAfterEach, type RunningCore } from '../../helpers/running-core';

// With --fallback-to-mock, a call whose handler could not be reached is answered by the mock, and
// the forwarding error is all that says the handler was tried. Exported as HAR and imported into
// another history, the call must keep it, which mock answered, and where the call came from.
const start = coresClosedAfterEach();

const KEY = 'k';

async function onlyCall(core: RunningCore): Promise<CallDetail> {
  const page = await core.core.api.listCalls({ limit: 10 });
  expect(page.calls).toHaveLength(1);
  return (await core.core.api.getCall(page.calls[0]!.id))!;
}

async function exportedText(core: RunningCore): Promise<string> {
  const har = await core.core.api.exportHar({ filter: {}, limit: 100 });
  if (!har.ok || har.value.text === null) throw new Error(JSON.stringify(har));
  return har.value.text;
}

async function importedInto(text: string): Promise<CallDetail> {
  const target = await start({ key: KEY });
  expect(await target.core.api.importHar(text)).toMatchObject({ ok: true, value: { imported: 1, problems: [] } });
  return onlyCall(target);
}

/** A core whose send_email is forwarded to a closed port, with the mock answering in the handler's place. */
async function fallbackCall(): Promise<{ core: RunningCore; call: CallDetail }> {
  const core = await start({
    key: KEY,
    fallbackToMock: true,
    forwardTarget: `http://alice:hunter2pass@127.0.0.1:${await closedPort()}/actions/{action_name}`,
  });
  expect(await core.core.api.setMock('send_email', '{"body":{"result":"from the mock","error":""}}', 'json')).toMatchObject({ ok: true });
  expect((await postSigned(core.baseUrl, 'send_email', { to: 'a@example.com' }, KEY)).status).toBe(200);
  return { core, call: await onlyCall(core) };
}

const kept = (call: CallDetail) => ({
  answeredBy: call.answeredBy,
  forwardError: call.forward.error,
  mockChoice: call.mockChoice,
  remoteAddress: call.remoteAddress,
});

describe('a call the mock answered because its handler could not be reached, exported and imported again', () => {
  it('keeps the forwarding error, the mock that answered and the caller address', async () => {
    const { core, call } = await fallbackCall();
    expect(kept(call)).toEqual({
      answeredBy: 'fallback-mock',
      forwardError: expect.stringMatching(/refused the connection/),
      mockChoice: { mock: 'action', response: { kind: 'only', name: null } },
      remoteAddress: '127.0.0.1',
    });
    const text = await exportedText(core);
    expect(text).not.toContain('hunter2pass');
    expect(kept(await importedInto(text))).toEqual(kept(call));
  });

  it('writes a URL quoted in the forwarding error without its password', async () => {
    const { core } = await fallbackCall();
    // An error that quotes the target it could not use, as an imported file may hold.
    const har = JSON.parse(await exportedText(core)) as { log: { entries: Record<string, unknown>[] } };
    har.log.entries[0]!._forwardError = 'The forward target is unusable: "ftp://alice:hunter2pass@127.0.0.1/x" is not http(s).';
    const imported = await start({ key: KEY });
    expect(await imported.core.api.importHar(JSON.stringify(har))).toMatchObject({ ok: true, value: { imported: 1 } });
    const again = JSON.parse(await exportedText(imported)) as { log: { entries: Record<string, unknown>[] } };
    expect(again.log.entries[0]!._forwardError).toBe('The forward target is unusable: "ftp://alice:***@127.0.0.1/x" is not http(s).');
  });

  it('reads a mock choice that is not one this app writes as none', async () => {
    const { core } = await fallbackCall();
    const har = JSON.parse(await exportedText(core)) as { log: { entries: Record<string, unknown>[] } };
    har.log.entries[0]!._mockChoice = { mock: 'action', response: { kind: 'response', selection: 'rules', index: -1 } };
    expect((await importedInto(JSON.stringify(har))).mockChoice).toBeNull();
  });
});

import { ConfirmBox } from '../shared/ConfirmBox';
import { Fragment, useState } from 'react';
import { hasAnswerToCopy, type CallDetail } from '../../../main/contract/api';
import { loadAnswerSettings, mockFromCall } from './answers-actions';
import { Prose } from '../shared/Prose';
import { useMetaStore } from '../page/stores';
import {
  callRouteWords,
  headersNotSentOn,
  MOCK_COPIES_FAILURE,
  ownMockWords,
  registrationCheckOutcomeWords,
  replaceMockQuestion,
  tunnelCallerWords,
  CONFIRM_WORDS,
} from '../../../main/contract/words';
import { cap } from '../../../main/contract/words/said';
import { formatDateAndTime } from '../shared/format';

/** Where the answer came from (forwarding, the tunnel), and "make it a mock"; its contract problems are at the top of the pane. */
export function AnswerChecks({ call }: { call: CallDetail }) {
  const { forward, action } = call;
  // The action's own mock this call's answer would replace, while the user decides (for this call only).
  const [replacing, setReplacing] = useState<{ callId: number; words: string } | null>(null);
  const confirming = replacing?.callId === call.id ? replacing : null;

  // Read afresh: the mock may have been written since (the editor, the command line, a project file).
  async function onMake(name: string) {
    const settings = await loadAnswerSettings();
    if (!settings) return;
    const own = settings.mocks.find((m) => m.action === name);
    if (own) setReplacing({ callId: call.id, words: ownMockWords({ ...own, action: name }, formatDateAndTime) });
    else await mockFromCall(call.id);
  }

  async function onReplace() {
    setReplacing(null);
    await mockFromCall(call.id);
  }

  // A failed forward that left no answer is said in the "never answered" box at the top: not again here.
  const forwardError = forward.error !== null && !call.violations.some((v) => v.message === forward.error) ? forward.error : null;
  // Headers left out of what the handler got: said with where the call went.
  const notSentOn = headersNotSentOn(call);
  const forwarded = forward.target !== null || forwardError !== null || forward.registrationWouldPass !== null;
  const webhookBaseUrl = useMetaStore((s) => s.status?.webhookBaseUrl ?? null);
  // The page's own webhook is "this companion's"; a serve's on this data folder (a command replayed through it) another's.
  const route = callRouteWords(call, (url) => (sameOrigin(url, webhookBaseUrl) ? 'this' : 'another'));
  return (
    <>
      {call.forwardedFor && (
        <p className="muted" data-testid="forwarded-for">
          {cap(tunnelCallerWords(call.forwardedFor))}
        </p>
      )}
      {forwarded && (
        <div className="explain-box" role="note" aria-label="Forwarding">
          {route && (
            <p>
              {route.map((part, at) =>
                'text' in part ? (
                  <Fragment key={at}>{part.text}</Fragment>
                ) : (
                  <code key={at} data-testid={part.is === 'sent-to' ? 'forward-target' : 'handler-reached'}>
                    {part.url}
                  </code>
                ),
              )}
            </p>
          )}
          {notSentOn && (
            <p data-testid="headers-not-sent">
              <Prose text={notSentOn} />
            </p>
          )}
          {forwardError && (
            <p className="form-error" data-testid="forward-error">
              <Prose text={forwardError} />
            </p>
          )}
          {forward.registrationWouldPass !== null && (
            <p data-testid="registration-would-pass">{registrationCheckOutcomeWords(forward.registrationWouldPass)}</p>
          )}
        </div>
      )}
      {/* Only a handler's or a mock's answer: not the companion's own 502/504, nor no answer at all. */}
      {action &&
        hasAnswerToCopy(call) &&
        (confirming ? (
          <ConfirmBox
            what="replaceMock"
            confirm={CONFIRM_WORDS.replaceMock}
            onConfirm={() => void onReplace()}
            onCancel={() => setReplacing(null)}
          >
            {replaceMockQuestion(confirming.words)}
          </ConfirmBox>
        ) : (
          <>
            <div className="button-row">
              <button type="button" onClick={() => void onMake(action)}>
                Make a mock from this answer
              </button>
            </div>
            {/* Copying a failure can be the point (to try the flow's failure branch), but it should not be a surprise. */}
            {call.violations.length > 0 && (
              <p className="muted" data-testid="mock-copies-failure">
                {MOCK_COPIES_FAILURE}
              </p>
            )}
          </>
        ))}
    </>
  );
}

/** Whether `url` is on the server of `base` (scheme, host and port). */
function sameOrigin(url: string, base: string | null): boolean {
  if (base === null) return false;
  try {
    return new URL(url).origin === new URL(base).origin;
  } catch {
    return false;
  }
}

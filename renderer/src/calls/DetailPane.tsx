import {
  answererWords,
  callLoadingWords,
  missingCallWords,
  NO_CALL_SELECTED,
  NOTHING_CAME_BACK,
  refusedForRequest,
  requestLineWords,
  requestProblemMessage,
  statusNumberWords,
  REQUEST_PROBLEM_HEADING,
} from '../../../main/contract/words';
import type { CallDetail } from '../../../main/contract/api';
import { formatBytes, formatDateTime, formatDuration, statusClass } from '../shared/format';
import { useCallsStore } from '../history/calls-store';
import { AnswerChecks } from '../answers/AnswerChecks';
import { AnswerProblem, answerProblemLeads } from './AnswerProblem';
import { BodyView } from './BodyView';
import { CopyButton } from '../shared/CopyButton';
import { HandlerDisagreement } from '../handler/HandlerDisagreement';
import { HandlerSection } from '../handler/HandlerSection';
import { HeadersFold } from './HeadersFold';
import { JsonView } from '../shared/JsonView';
import { Prose } from '../shared/Prose';
import { ParameterCheckPanel } from '../account/ParameterCheckPanel';
import { openReplayDialog } from '../replay/replay-ui-actions';
import { RegistrationResult } from '../account/RegistrationResult';
import { ReplayPanel } from '../replay/ReplayPanel';
import { SignaturePanel } from './SignaturePanel';
import { TestTag, VerdictBadge } from './VerdictBadge';
import { VerdictLine } from './VerdictLine';

export function DetailPane() {
  const detail = useCallsStore((s) => s.detail);
  if (!detail) {
    return (
      <aside className="detail-pane empty" aria-label="Call details">
        <p className="muted">{NO_CALL_SELECTED}</p>
      </aside>
    );
  }
  if (detail.loading) {
    return (
      <aside className="detail-pane" aria-label="Call details" aria-busy="true">
        <p className="muted">{callLoadingWords(detail.id)}</p>
      </aside>
    );
  }
  if (!detail.call) {
    return (
      <aside className="detail-pane" aria-label="Call details">
        <p className="muted">{missingCallWords(detail.id, detail.failure)}</p>
      </aside>
    );
  }
  return (
    <aside className="detail-pane" aria-label="Call details">
      <CallDetailView key={detail.call.id} call={detail.call} />
    </aside>
  );
}

/**
 * A call, in the order people read it: when the handler refused a signature the companion
 * found valid (or the other way round), that first; then why the call failed: the verdict with
 * its cause and what to do, but the answer's problem above it when the signature is not the
 * failure (valid, or not checked); any other problem with the request or the answer; the
 * request and the answer themselves; and only then the signature's details and replay.
 */
function CallDetailView({ call }: { call: CallDetail }) {
  const answerFirst = answerProblemLeads(call);
  const requestProblem = requestProblemMessage(call);
  return (
    <>
      {/* The id is what the command line and the page's own words know a call by ("replay 42", "call #9"). */}
      <div className="detail-head">
        <h2 className="detail-title">
          <span className="call-id" data-testid="call-id">
            #{call.id}
          </span>{' '}
          {/* A request refused before its request line could be read has neither method nor path: what stands for them says why. */}
          {call.method || call.path ? (
            <>
              <span className="method">{call.method}</span> <code>{call.path}</code>
            </>
          ) : (
            <span className="muted">{requestLineWords(call)}</span>
          )}{' '}
          <VerdictBadge verdict={call.verdict} />
          {call.test && <TestTag />}
        </h2>
        <CopyButton text={String(call.id)} what="call id" label="Copy id" />
      </div>
      <HandlerDisagreement call={call} />
      {answerFirst && <AnswerProblem call={call} />}
      <VerdictLine call={call} />
      {/* A request refused for its problem (a not-Flowent one among them) has it in the verdict line already; a failed mock template, the answer's box; headers not sent on, the forwarding's. */}
      {requestProblem && call.verdict !== 'not-flowent' && !refusedForRequest(call) && (
        <div className="problem-box" role="alert" aria-label="Problem">
          <strong>{REQUEST_PROBLEM_HEADING}:</strong> <Prose text={requestProblem} />
        </div>
      )}
      {!answerFirst && <AnswerProblem call={call} />}
      {call.test && call.verdict !== 'unsigned-test' && (
        <div className="explain-box" role="note" aria-label="Registration check">
          This is Flowent&apos;s registration check: Flowent sends it when an action is registered; any 2xx answer passes.
        </div>
      )}
      {call.test && <RegistrationResult call={call} />}
      <ParameterCheckPanel call={call} openSimulator={() => openReplayDialog('simulator')} />
      <dl className="facts">
        <dt>Received</dt>
        <dd>{formatDateTime(call.receivedAt)}</dd>
        <dt>Took</dt>
        <dd>{formatDuration(call.durationMs)}</dd>
        <dt>Answered by</dt>
        <dd data-testid="answered-by">{answererWords(call)}</dd>
        <dt>Size</dt>
        <dd>{formatBytes(call.size)}</dd>
        {call.remoteAddress && (
          <>
            <dt>From</dt>
            <dd>{call.remoteAddress}</dd>
          </>
        )}
        {call.originalCallId !== null && (
          <>
            <dt>Replay of</dt>
            <dd>#{call.originalCallId}</dd>
          </>
        )}
      </dl>

      <section aria-label="Request">
        <h3>Request</h3>
        {call.requestBodyBase64 === '' && call.size > 0 ? (
          // A body over the limit is refused before it is read: only its size is known.
          <p className="muted">The body ({formatBytes(call.size)}) was refused before it was read, so it was not kept.</p>
        ) : (
          <BodyView text={call.requestBody} base64={call.requestBodyBase64} />
        )}
        <HeadersFold headers={call.requestHeaders} label="Request headers" />
      </section>

      <section aria-label="Answer">
        <h3>
          Answer <span className={statusClass(call.response.status)}>{statusNumberWords(call.response.status)}</span>
          <span className="spacer" />
          {call.response.status !== 0 && <CopyButton text={call.response.body} what="answer body" />}
        </h3>
        {call.response.status === 0 ? (
          // Not an empty body: nothing came back at all (the box above says why).
          <p className="muted" data-testid="no-answer-body">
            {NOTHING_CAME_BACK}
          </p>
        ) : (
          <>
            <JsonView text={call.response.body} label="Answer body" />
            <HeadersFold headers={call.response.headers} label="Answer headers" />
          </>
        )}
        <AnswerChecks call={call} />
      </section>

      <HandlerSection call={call} />

      {call.verdict !== 'not-flowent' && <SignaturePanel report={call.signature} requestRefused={refusedForRequest(call)} />}

      <ReplayPanel callId={call.id} />
    </>
  );
}

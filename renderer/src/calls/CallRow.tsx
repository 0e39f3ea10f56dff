import { requestLineWords, sentActionCell, spoiledOnPurposeWords, statusNumberWords } from '../../../main/contract/words';
import { Fragment, memo } from 'react';
import type { CallSummary, TextMatch } from '../../../main/contract/api';
import { formatBytes, formatDuration, statusClass } from '../shared/format';
import { ListTime } from './ListTime';
import { RefusalMark, showsRefusal } from './RefusalMark';
import { ContractMark, HandlerMark, SentAction, SourceTag, TestTag, TimestampMark, VerdictBadge } from './VerdictBadge';

interface Props {
  call: CallSummary;
  selected: boolean;
  /** Arrived moments ago: highlighted briefly so a new row is seen. */
  fresh: boolean;
  index: number;
  setSize: number;
  top: number;
  height: number;
  /** Start of today, local time: older calls show their date. */
  today: number;
  onSelect: (id: number) => void;
}

export const CallRow = memo(function CallRow({ call, selected, fresh, index, setSize, top, height, today, onSelect }: Props) {
  const sent = sentActionCell(call, listedAs(call));
  return (
    <div
      role="option"
      id={`call-${call.id}`}
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      data-call-id={call.id}
      data-fresh={fresh || undefined}
      className={`call-row${selected ? ' selected' : ''}${fresh ? ' fresh' : ''}${call.match ? ' with-match' : ''}`}
      style={{ transform: `translateY(${top}px)`, height }}
      onClick={() => onSelect(call.id)}
    >
      <ListTime ms={call.receivedAt} today={today} />
      <span className="col-action">
        {call.source !== 'flowent' && <SourceTag call={call} />}
        {/* A body naming another action than the URL's, or no valid one, is listed under the URL's (see call-body.ts), beside what it named. */}
        {sent !== null ? (
          <SentAction cell={sent} />
        ) : (
          // Its whole text on hover: a long name or path is cut short with an ellipsis in a narrow list.
          <span className={call.action === null ? 'muted' : undefined} title={listedAs(call)}>
            <BreakableAfterSlashes text={listedAs(call)} />
          </span>
        )}
      </span>
      <span className="col-verdict">
        {/* Refused for its request, the call failed for that alone: the rest is in the mark's title. */}
        {showsRefusal(call) ? (
          <RefusalMark call={call} />
        ) : (
          <>
            <VerdictBadge
              verdict={call.verdict}
              problem={call.problem}
              cause={call.signatureDiagnosis}
              spoiledBy={call.spoiledSignature ? spoiledOnPurposeWords(call.source) : null}
            />
            {call.test && <TestTag />}
            <HandlerMark call={call} />
            <TimestampMark timestamp={call.timestamp} />
          </>
        )}
      </span>
      <span className={`col-status ${statusClass(call.status)}`}>
        <ContractMark violations={call.violations} problem={call.problem} />
        <span className="status-code">{statusNumberWords(call.status)}</span>
      </span>
      <span className="col-duration">{formatDuration(call.durationMs)}</span>
      <span className="col-size">{formatBytes(call.size)}</span>
      {call.match && <MatchSnippet match={call.match} />}
    </div>
  );
});

/** Where a search found the call: the first hit in its readable text, and how many there are. */
function MatchSnippet({ match }: { match: TextMatch }) {
  return (
    <span className="col-match" data-testid="match-snippet">
      {match.before}
      <mark>{match.text}</mark>
      {match.after}
      {match.count > 1 && <span className="match-count"> ({match.count} matches)</span>}
    </span>
  );
}

/** What the action column lists a call under: its action, else its path, else what stands for a request line it has none of. */
function listedAs(call: CallSummary): string {
  return call.action ?? (call.path || requestLineWords(call));
}

/**
 * A path with a place to break after each "/": "/actions/upload_file" (a body too large to read
 * is listed under its path) has no other, and was cut to "/actions/uplo…" in a 1024 px window's
 * list, where "/actions/" over "upload_file" is whole. The text is the same; only where a line
 * may end changes.
 */
function BreakableAfterSlashes({ text }: { text: string }) {
  return text.split(/(?<=\/)/).map((part, index) => (
    <Fragment key={index}>
      {index > 0 && <wbr />}
      {part}
    </Fragment>
  ));
}

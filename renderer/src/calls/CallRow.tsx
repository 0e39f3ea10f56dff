import { memo } from 'react';
import type { CallSummary } from '../../../main/contract/api';
import { formatBytes, formatDuration, formatTime } from '../shared/format';
import { SourceTag, TestTag, VerdictBadge } from './VerdictBadge';

interface Props {
  call: CallSummary;
  selected: boolean;
  index: number;
  setSize: number;
  top: number;
  height: number;
  onSelect: (id: number) => void;
}

export const CallRow = memo(function CallRow({ call, selected, index, setSize, top, height, onSelect }: Props) {
  const statusClass = `status-${Math.floor(call.status / 100)}xx`;
  return (
    <div
      role="option"
      id={`call-${call.id}`}
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      data-call-id={call.id}
      className={`call-row${selected ? ' selected' : ''}`}
      style={{ transform: `translateY(${top}px)`, height }}
      onClick={() => onSelect(call.id)}
    >
      <span className="col-time">{formatTime(call.receivedAt)}</span>
      <span className="col-action">
        {call.source !== 'flowent' && <SourceTag source={call.source} />}
        {call.action ?? <span className="muted">{call.path}</span>}
      </span>
      <span className="col-verdict">
        <VerdictBadge verdict={call.verdict} />
        {call.test && <TestTag />}
        {call.violations.length > 0 && (
          <span
            className="violation-mark"
            data-testid="violation-mark"
            role="img"
            aria-label={`Contract check: ${call.violations.map((v) => v.message).join('; ')}`}
            title={call.violations.map((v) => `Contract check: ${v.message}`).join('\n')}
          >
            ⚠
          </span>
        )}
      </span>
      <span className={`col-status ${statusClass}`}>{call.status}</span>
      <span className="col-duration">{formatDuration(call.durationMs)}</span>
      <span className="col-size">{formatBytes(call.size)}</span>
    </div>
  );
});

import type { ReactNode } from 'react';
import { formatDuration, formatStatus, statusClass } from '../shared/format';

interface Props {
  /** The stored call the sending made. */
  id: number;
  idLabel: string;
  openLabel: string;
  onOpen: () => void;
  url: string;
  /** 0 when the handler gave no answer. */
  status: number;
  durationMs: number;
  /** More facts (dt/dd pairs) between the status and the time taken. */
  children?: ReactNode;
}

/** The facts of a call the companion sent to the handler (a replay, a simulated call). */
export function SentFacts(props: Props) {
  return (
    <dl className="facts">
      <dt>{props.idLabel}</dt>
      <dd>
        #{props.id}{' '}
        <button type="button" className="link-button" onClick={props.onOpen}>
          {props.openLabel}
        </button>
      </dd>
      <dt>Sent to</dt>
      <dd>
        <code>{props.url}</code>
      </dd>
      <dt>Status</dt>
      <dd className={statusClass(props.status)}>{formatStatus(props.status)}</dd>
      {props.children}
      <dt>Took</dt>
      <dd>{formatDuration(props.durationMs)}</dd>
    </dl>
  );
}

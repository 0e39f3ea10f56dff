import type { ReactNode } from 'react';
import type { Violation } from '../../../main/contract/api';
import { cap } from '../../../main/contract/words/said';
import { formatDuration, formatStatus, statusClass } from '../shared/format';
import { Prose } from '../shared/Prose';

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

/**
 * What an answer breaks of Flowent's contract, in the contract's words. The codes (`not-2xx`,
 * `result-missing`) are for scripts and tests (kept in data-code); a reader gets the sentence.
 */
export function ViolationList({ list }: { list: Violation[] }) {
  return (
    <ul>
      {list.map((v) => (
        <li key={v.code} data-code={v.code}>
          <Prose text={cap(v.message)} />
        </li>
      ))}
    </ul>
  );
}

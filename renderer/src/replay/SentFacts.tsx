import type { ReactNode } from 'react';
import { redactUrlCredentials, type AnsweredBy, type Violation } from '../../../main/contract/api';
import { forwardingFailedWords, handlerBehindWebhookWords, statusWords } from '../../../main/contract/words';
import { cap } from '../../../main/contract/words/said';
import { formatDuration, statusClass } from '../shared/format';
import { Prose } from '../shared/Prose';

interface Props {
  /** The stored call the sending made. */
  id: number;
  idLabel: string;
  openLabel: string;
  onOpen: () => void;
  url: string;
  /**
   * Sent to a companion's webhook (`url`): the handler it said it forwarded the call to, named
   * under it, as the command line names it. Absent or null when it went straight to a handler.
   */
  forwardTarget?: string | null;
  /** 0 when the handler gave no answer. */
  status: number;
  /** Who answered: said after the status when the status alone would mislead (a mock's 200 in place of the handler). */
  answeredBy: AnsweredBy;
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
        {/* A saved target may hold a handler's basic-auth password: shown as `***`, as every line the command prints. */}
        <code>{redactUrlCredentials(props.url)}</code>
      </dd>
      {props.forwardTarget && (
        <>
          <dt>Forwarded to</dt>
          <dd data-testid="forwarded-to">{handlerBehindWebhookWords(props.forwardTarget)}</dd>
        </>
      )}
      <dt>Status</dt>
      <dd className={statusClass(props.status)} data-testid="sent-status">
        {statusWords(props.status, props.answeredBy)}
      </dd>
      {props.children}
      <dt>Took</dt>
      <dd>{formatDuration(props.durationMs)}</dd>
    </dl>
  );
}

/**
 * Why the handler gave no answer, when it gave none. When the mock answered in its place, this
 * is why forwarding failed, in the words the command line uses: "Handler: refused the
 * connection" beside a 200 would read as the handler's own answer.
 */
export function SentError({ answeredBy, error }: { answeredBy: AnsweredBy; error: string | null }) {
  const forwarding = forwardingFailedWords(answeredBy, error);
  if (forwarding !== null) {
    return (
      <p className="problem-box" role="note" aria-label="Forwarding">
        <Prose text={cap(forwarding)} />
      </p>
    );
  }
  return error ? <p className="form-error">Handler: {error}</p> : null;
}

/**
 * The handler's error when nothing else says it: for a handler that gave no answer, the contract
 * check's no-answer line already says why, in the same words.
 */
export function errorNotSaid({ error, violations }: { error: string | null; violations: Violation[] }): string | null {
  return violations.some((v) => v.message === error) ? null : error;
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

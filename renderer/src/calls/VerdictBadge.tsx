import type { CallSummary, SignatureCause, Verdict, Violation } from '../../../main/contract/api';
import {
  answerMarkWord,
  callSourceMark,
  callSourceSentence,
  contractMarkWords,
  handlerMarkWords,
  mockTemplateFailed,
  noAnswerCause,
  problemWords,
  REGISTRATION_CHECK,
  signatureCauseMark,
  timestampMarkWords,
  VERDICT_LABEL,
  verdictTitle,
  type SentActionCell,
} from '../../../main/contract/words';
import { SOURCE_LETTER } from '../shared/format';

/**
 * The signature verdict; a request that is not a Flowent call says why in a word (not JSON, no
 * route...): the word alone, its grey and its title say it is not a Flowent call ("not Flowent:
 * body too large" was cut in the list's 180 px column). An invalid signature says its cause the
 * same way (`hex case`, `wrong key?`: signatureCauseMark), in the verdict's red, so that a
 * wrong key and an uppercase digest, which need different fixes, do not read alike; malformed and
 * missing keep their word, which says it. The title and label give the whole diagnosis (`cause`).
 */
export function VerdictBadge({
  verdict,
  problem = null,
  cause = null,
  spoiledBy = null,
}: {
  verdict: Verdict;
  problem?: string | null;
  cause?: SignatureCause | null;
  /** Who spoiled the signature on purpose (spoiledOnPurposeWords), when this companion did: said in place of the cause, in a calm colour. */
  spoiledBy?: string | null;
}) {
  const why =
    verdict === 'not-flowent' ? problemWords(problem) : verdict === 'invalid' && cause !== null ? signatureCauseMark(cause.code) : null;
  const label = verdictTitle(verdict, spoiledBy || (verdict === 'not-flowent' ? why : null) || cause?.message || null);
  return (
    <span
      className={`badge verdict-${spoiledBy ? 'spoiled' : verdict}`}
      data-verdict={verdict}
      data-cause={spoiledBy ? undefined : cause?.code}
      data-spoiled={spoiledBy ? true : undefined}
      title={label}
      {...(why || cause || spoiledBy ? { role: 'img', 'aria-label': label } : {})}
    >
      {spoiledBy ? 'spoiled' : (why ?? VERDICT_LABEL[verdict])}
    </span>
  );
}

export function TestTag() {
  return (
    <span className="badge test-tag" title={REGISTRATION_CHECK}>
      TEST
    </span>
  );
}

/**
 * Marks a call that is not Flowent's traffic: a replay, a simulated or an imported call, in the
 * words `calls` marks its line with. An imported replay or simulated call looks imported.
 */
export function SourceTag({ call }: { call: Pick<CallSummary, 'source' | 'imported'> }) {
  const look = call.imported ? 'import' : call.source;
  return (
    <span
      className={`badge source-tag source-${look}`}
      data-testid="source-tag"
      data-source={call.source}
      data-letter={look === 'flowent' ? undefined : SOURCE_LETTER[look]}
      title={callSourceSentence(call) ?? undefined}
    >
      {callSourceMark(call)}
    </span>
  );
}

/** A body timestamp Flowent's docs would refuse (past the 5-minute window) or one from the future. */
export function TimestampMark({ timestamp }: { timestamp: CallSummary['timestamp'] }) {
  if (timestamp.flag !== 'old' && timestamp.flag !== 'future') return null;
  const text = timestampMarkWords(timestamp);
  return (
    <span className={`badge timestamp-mark ts-${timestamp.flag}`} data-testid="timestamp-mark" role="img" aria-label={text} title={text}>
      {timestamp.flag === 'old' ? 'old' : 'future'}
    </span>
  );
}

/**
 * A call whose body's action_name is not the name it is listed under: both, in the words of
 * sentActionCell (`send_email ← "5"`, "not a name" beside a body's that is not a valid action
 * name). In a narrow cell the body's goes under the listed one, and its badge stays whole while a
 * long sent value is cut short (the title has it whole).
 */
export function SentAction({ cell }: { cell: SentActionCell }) {
  return (
    <span className="sent-action" data-testid="sent-action" title={cell.sentence}>
      <span className="listed-as">{cell.listedAs}</span>{' '}
      <span className="sent-as">
        <span role="img" aria-label={cell.arrowLabel}>
          {cell.arrow}
        </span>
        <code>{cell.sent}</code>
        {cell.notAName !== null && (
          <span className="badge invalid-name" role="img" aria-label={cell.sentence}>
            {cell.notAName}
          </span>
        )}
      </span>
    </span>
  );
}

/**
 * The answer broke Flowent's contract, or none came: its own marker, apart from the
 * signature's verdict, saying why in a word ("no listener", "timed out", "not JSON"); its title
 * and label have every violation whole. A mock whose template failed answered 500: "mock
 * failed" says why, where "not 2xx" would only repeat the status beside it.
 */
export function ContractMark({ violations, problem }: { violations: Violation[]; problem: string | null }) {
  const word = mockTemplateFailed({ problem }) && violations.length > 0 ? problemWords(problem) : answerMarkWord(violations);
  if (word === null) return null;
  const text = contractMarkWords(
    noAnswerCause(violations) !== null,
    violations.map((v) => v.message),
  );
  return (
    <span className="badge contract-mark" data-testid="violation-mark" role="img" aria-label={text} title={text}>
      {word}
    </span>
  );
}

/**
 * The developer's handler disagrees with the companion about the signature: it rejected a call,
 * or accepted one whose signature is wrong or missing. Null when they agree or no handler answered.
 */
export function HandlerMark({ call }: { call: Pick<CallSummary, 'handlerSignature' | 'verdict'> }) {
  const text = handlerMarkWords(call);
  if (text === null) return null;
  return (
    <span
      className="badge handler-mark"
      data-testid="handler-mark"
      data-handler={call.handlerSignature}
      role="img"
      aria-label={text}
      title={text}
    >
      handler
    </span>
  );
}

import type { BulkReplayItem, ReplayFailure } from '../../../main/contract/api';
import { forwardedToWords, replayItemWords, wordFailure } from '../../../main/contract/words';
import { cap } from '../../../main/contract/words/said';
import { selectCall } from '../history/calls-actions';
import { PAGE_VOCABULARY } from '../page/page-words';
import { statusClass } from '../shared/format';
import { Prose } from '../shared/Prose';
import { closeReplayDialog } from './replay-ui-actions';

/** Where a run's list sends the reader for a target: the form's field is a new run's, not "here" beside the list. */
const RUN_LIST_VOCABULARY = { ...PAGE_VOCABULARY, giveTarget: 'give a target URL (or choose This companion) in a new bulk replay' };

/** Where the page sets an action's target: the Answers dialog, opened with a. */
const setTargetInAnswers = (action: string | null) => `set a forwarding target for ${action ?? 'its action'} in Answers (press a)`;

/**
 * Why a call of the run was not sent: a call with no target in a few words, the rest as the
 * page says any refusal. The run sends every call that has a target, so the one refusal a
 * single replay gives for want of a handler is said per call here.
 */
function notReplayedWords(refusal: ReplayFailure): string {
  if (refusal.code === 'no-target' && refusal.action !== null)
    return `no target for ${refusal.action}: ${setTargetInAnswers(refusal.action)}, or ${RUN_LIST_VOCABULARY.giveTarget}`;
  return wordFailure(refusal, RUN_LIST_VOCABULARY);
}

/**
 * A companion's webhook that had no target to forward the call to, in the page's words: its own
 * message names the command line's steps (`targets set`, `--forward`), which the page does not take.
 */
function webhookNoTargetWords(action: string | null): string {
  return `this companion's webhook has no forwarding target for ${action ?? 'its action'}: ${setTargetInAnswers(action)}`;
}

function open(id: number) {
  closeReplayDialog();
  void selectCall(id);
}

/**
 * A run's calls of one verdict, each with its answer and why in one line: a Failed list that
 * only named the calls sent the reader into each one to learn why, and a Passed one hid that a
 * mock answered in place of a handler that gave none.
 */
export function BulkReplayItems({ items, label }: { items: BulkReplayItem[]; label: string }) {
  return (
    <ul className="bulk-items" aria-label={label}>
      {items.map((item) => (
        <ItemLine key={item.originalId} item={item} />
      ))}
    </ul>
  );
}

function ItemLine({ item }: { item: BulkReplayItem }) {
  const { answer, why } = replayItemWords(item, notReplayedWords, webhookNoTargetWords);
  return (
    <li>
      <button type="button" className="link-button" onClick={() => open(item.originalId)}>
        Call #{item.originalId}
      </button>
      {item.replayId !== null && (
        <>
          {' → '}
          <button type="button" className="link-button" onClick={() => open(item.replayId!)}>
            replay #{item.replayId}
          </button>
        </>
      )}
      {': '}
      <span className={statusClass(item.answer?.status ?? 0)} data-testid="bulk-item-answer">
        {answer}
      </span>
      {/* Through a companion's webhook: the handler behind it, who gave (or did not give) the answer, as the Replay result names it. */}
      {item.forwardTarget !== null && (
        <span className="muted" data-testid="bulk-item-forwarded-to">
          {' — '}
          {forwardedToWords(item.forwardTarget)}
        </span>
      )}
      {why && (
        <span className="muted" data-testid="bulk-item-why">
          {' — '}
          <Prose text={cap(why)} />
        </span>
      )}
    </li>
  );
}

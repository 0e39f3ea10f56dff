import type { BulkReplayItem } from '../../../main/contract/api';
import { replayItemWords } from '../../../main/contract/words';
import { cap } from '../../../main/contract/words/said';
import { selectCall } from '../history/calls-actions';
import { inPageWords } from '../page/page-words';
import { statusClass } from '../shared/format';
import { Prose } from '../shared/Prose';
import { closeReplayDialog } from './replay-ui-actions';

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
  const { answer, why } = replayItemWords(item, inPageWords);
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
      {why && (
        <span className="muted" data-testid="bulk-item-why">
          {' — '}
          <Prose text={cap(why)} />
        </span>
      )}
    </li>
  );
}

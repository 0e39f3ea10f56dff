import { useCallback, useEffect, useRef, type RefCallback } from 'react';
import { observeElementRect, useVirtualizer, type Rect, type Virtualizer } from '@tanstack/react-virtual';
import { isFiltered, type FilterState } from '../history/filter-state';
import { loadFirstPage, loadMore, searchFurther, selectCall } from '../history/calls-actions';
import { CALL_LIST_ID, clearFiltersFromButton } from './search-input';
import { countInWords } from '../history/match-counts';
import { listView, useCallsStore } from '../history/calls-store';
import { CallRow } from './CallRow';
import { EmptyState } from './EmptyState';
import { WaitingRows } from './WaitingRows';
import { useArrivals } from './use-arrivals';
import { useToday } from './use-today';
import { useMetaStore } from '../page/stores';
import { useFocusWhenGone } from '../shared/use-focus-when-gone';
import { focusFell } from '../shared/focusable';
import { CALL_LIST_WORDS, searchedDownToWords } from '../../../main/contract/words';

export const ROW_HEIGHT = 32;
/** A search's rows have a second line: where the text matched. */
export const MATCH_ROW_HEIGHT = 50;
const LOAD_AHEAD = 40;

// A scroll element that reports no size (hidden, or a DOM without layout) would render no
// rows at all; assume a screenful instead.
function observeRect(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: Rect) => void) {
  return observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width, height: 800 }));
}

export function CallList() {
  const calls = useCallsStore((s) => s.calls);
  const selectedId = useCallsStore((s) => s.selectedId);
  const loading = useCallsStore((s) => s.loading);
  const loaded = useCallsStore((s) => s.loaded);
  const hasMore = useCallsStore((s) => s.nextBeforeId !== null);
  const searchedDownTo = useCallsStore((s) => s.searchedDownTo);
  const filter = useCallsStore((s) => s.filter);
  const pendingNew = useCallsStore((s) => s.pendingNew);
  const waitingCount = useCallsStore((s) => s.waiting.length);
  const rowHeight = filter.text ? MATCH_ROW_HEIGHT : ROW_HEIGHT;
  const scrollRef = useRef<HTMLDivElement>(null);
  const { fresh, unseen, toTop, listRef } = useArrivals(calls, rowHeight);
  // The list's own buttons (Load older calls, Search further, the new-calls pill) go once pressed,
  // the footer saying it is loading instead: the keyboard goes to the list, to the calls they brought.
  const listBox = useRef<HTMLDivElement>(null);
  const toList = useFocusWhenGone(() => listBox.current);
  // The virtualizer and the arrivals both follow the scroll element mounted now: it is
  // replaced whenever the list gives way to an empty state and comes back.
  const attachScroller = useCallback(
    (el: HTMLDivElement) => {
      scrollRef.current = el;
      const detach = listRef(el);
      return () => {
        detach();
        if (scrollRef.current === el) scrollRef.current = null;
      };
    },
    [listRef],
  );

  // The virtualizer is stateful by design; this app does not use the React Compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: calls.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    initialRect: { width: 800, height: 800 },
    observeElementRect: observeRect,
    getItemKey: (index) => calls[index]?.id ?? index,
  });
  useEffect(() => {
    virtualizer.measure();
  }, [rowHeight, virtualizer]);
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? -1;
  listView.lastVisibleIndex = Math.max(0, lastIndex);

  useEffect(() => {
    // A page that stopped for time waits for "Search further": scrolling does not walk the
    // whole history by itself.
    if (hasMore && searchedDownTo === null && loading === 'idle' && lastIndex >= calls.length - LOAD_AHEAD) void loadMore();
  }, [hasMore, searchedDownTo, loading, lastIndex, calls.length]);

  // Keep the selected row visible when the selection moves, and only then: rows arriving
  // above it change its index, not what the user chose to look at.
  const selectedIndex = selectedId === null ? -1 : calls.findIndex((c) => c.id === selectedId);
  const scrolledTo = useRef<number | null>(null);
  useEffect(() => {
    if (selectedIndex < 0 || scrolledTo.current === selectedId) return;
    scrolledTo.current = selectedId;
    virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedId, selectedIndex, virtualizer]);

  const today = useToday();

  const onSelect = useCallback((id: number) => void selectCall(id), []);

  if (calls.length === 0 && loaded && loading === 'idle') {
    const empty = emptyList(searchedDownTo, filter, toList);
    // Not stored yet, the calls waiting for the handler are shown whatever the list is empty of.
    return waitingCount > 0 ? (
      <div className="call-list-empty">
        <WaitingRows />
        {empty}
      </div>
    ) : (
      empty
    );
  }

  return (
    <div className="call-list">
      {(unseen > 0 || pendingNew > 0) && (
        <div className="new-calls">
          {pendingNew > 0 ? (
            <button type="button" className="pill" ref={toList} onClick={() => void loadFirstPage()}>
              {pendingNew} new call{pendingNew === 1 ? '' : 's'}: show
            </button>
          ) : (
            <button type="button" className="pill" ref={toList} onClick={toTop} title={CALL_LIST_WORDS.backToNewest}>
              ↑ {unseen} new
            </button>
          )}
        </div>
      )}
      <MatchCount />
      <div className="call-list-header" aria-hidden="true">
        <span className="col-time">Time</span>
        <span className="col-action">Action</span>
        <span className="col-verdict">Signature</span>
        <span className="col-status">Answer</span>
        <span className="col-duration">Duration</span>
        <span className="col-size">Size</span>
      </div>
      <WaitingRows />
      <div className="call-list-scroll" ref={attachScroller} data-testid="call-list-scroll">
        <div
          id={CALL_LIST_ID}
          role="listbox"
          aria-label="Calls"
          ref={listBox}
          tabIndex={0}
          aria-activedescendant={selectedId !== null ? `call-${selectedId}` : undefined}
          className="call-list-body"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {items.map((item) => {
            const call = calls[item.index];
            if (!call) return null;
            return (
              <CallRow
                key={call.id}
                call={call}
                index={item.index}
                setSize={hasMore ? -1 : calls.length}
                top={item.start}
                height={item.size}
                selected={call.id === selectedId}
                fresh={fresh.has(call.id)}
                today={today}
                onSelect={onSelect}
              />
            );
          })}
        </div>
        {(hasMore || loading !== 'idle') && (
          <div className="list-footer">
            {loading !== 'idle' ? (
              <span className="muted" role="status">
                {searchedDownTo !== null ? `Searching… down to #${searchedDownTo} so far` : 'Loading…'}
              </span>
            ) : searchedDownTo !== null ? (
              <>
                <span className="muted">{searchedDownToWords(searchedDownTo)}</span>{' '}
                <button type="button" ref={toList} onClick={() => void searchFurther()}>
                  Search further
                </button>
              </>
            ) : (
              <button type="button" ref={toList} onClick={() => void loadMore()}>
                Load older calls
              </button>
            )}
          </div>
        )}
      </div>
    </div>
  );
}

/** What the list shows with no rows: why there are none (a search not done, filters, an empty history). */
function emptyList(searchedDownTo: number | null, filter: FilterState, toList: RefCallback<HTMLElement>) {
  if (searchedDownTo !== null) return <NoneFoundYet downTo={searchedDownTo} toList={toList} />;
  if (isFiltered(filter)) {
    return (
      <div className="empty-state" role="region" aria-label={CALL_LIST_WORDS.noMatch}>
        <h2>{CALL_LIST_WORDS.noMatchHeading}</h2>
        <p>{CALL_LIST_WORDS.noMatchNote}</p>
        <button type="button" onClick={clearFiltersFromButton}>
          Clear filters
        </button>
      </div>
    );
  }
  return <EmptyState />;
}

/**
 * A search that ran out of time with nothing found. Search further pressed here searches in the
 * list's place, and when it finds nothing again this comes back as new: the keyboard, fallen to
 * the page's body with the list, goes to its Search further, to search on.
 */
function NoneFoundYet({ downTo, toList }: { downTo: number; toList: RefCallback<HTMLElement> }) {
  const further = useRef<HTMLButtonElement | null>(null);
  const attach = useCallback(
    (button: HTMLButtonElement | null) => {
      further.current = button;
      return toList(button);
    },
    [toList],
  );
  useEffect(() => {
    if (focusFell()) further.current?.focus();
  }, []);
  return (
    <div className="empty-state" role="region" aria-label={CALL_LIST_WORDS.noneYet}>
      <h2>{CALL_LIST_WORDS.noneYetHeading}</h2>
      <p>
        {searchedDownToWords(downTo)} {CALL_LIST_WORDS.noneYetNote}
      </p>
      <MatchCount />
      <button type="button" ref={attach} onClick={() => void searchFurther()}>
        Search further
      </button>{' '}
      <button type="button" onClick={clearFiltersFromButton}>
        Clear filters
      </button>
    </div>
  );
}

/**
 * What the counted calls have in common, as the count's verb: the search's text when there is
 * one, and the other filters too when they are set (the count is of calls that meet both, not of
 * every call with the text).
 */
function whatMatches(filter: FilterState, one: boolean): string {
  const text = filter.text.trim();
  if (!text) return one ? 'matches' : 'match';
  const contains = `${one ? 'contains' : 'contain'} “${text}”`;
  const othersSet = isFiltered({ ...filter, text: '' });
  return othersSet ? `${contains} and ${one ? 'matches' : 'match'} the filters` : contains;
}

/**
 * How many calls match the filters, of how many stored, as countInWords says a count (the core
 * counts a big history in steps, newest first).
 */
export function MatchCount() {
  const filter = useCallsStore((s) => s.filter);
  const count = useCallsStore((s) => s.matchCount);
  const total = useMetaStore((s) => s.stats?.total);
  let words = '';
  if (count && isFiltered(filter)) {
    const found = countInWords(count.total, count.complete, count.about);
    const one = count.complete && count.total === 1;
    const of = total === undefined ? '' : ` of ${total.toLocaleString()}`;
    const noun = one && !of ? 'call' : 'calls';
    words = `${found}${of} ${noun} ${whatMatches(filter, one)}${count.complete ? '' : ' (counting…)'}`;
  }
  return (
    <p className="search-count" role="status" data-testid="search-count">
      {words}
    </p>
  );
}

import { useId, useState, type ChangeEvent } from 'react';
import { CALL_SOURCES, MAX_SEARCH_LENGTH, VERDICTS, type CallSource, type StatusClass, type Verdict } from '../../../main/contract/api';
import {
  CALL_SOURCE_LABEL,
  VERDICT_LABEL,
  FAILURES_ONLY_TITLE,
  SOURCE_FILTER_TITLE,
  TEST_FILTER_CHOICES,
  CALL_LIST_WORDS,
} from '../../../main/contract/words';
import { isFiltered, withoutAction, type RangeChoice, type TestChoice } from '../history/filter-state';
import { setFilter, setSearchInput } from '../history/calls-actions';
import { useMetaStore } from '../page/stores';
import { useCallsStore, type ActionCounts } from '../history/calls-store';
import { countInWords } from '../history/match-counts';
import { BulkReplayButton } from '../replay/BulkReplayButton';
import { ExportImportButtons } from '../replay/ExportImportButtons';
import { clearFiltersFromButton, SEARCH_INPUT_ID } from './search-input';
import { fromLocalInput, rangeInWords, rangeProblem, toLocalInput } from './time-range';

const value = (e: ChangeEvent<HTMLSelectElement>) => e.target.value;

/**
 * An action's count in the action list: its calls in the whole history when nothing else is
 * filtered; otherwise how many of them match the rest of the filter, as the header says a count
 * ("counting…" until there is anything to say).
 */
function actionCountInWords(action: string, inHistory: number, counts: ActionCounts | null, othersFiltered: boolean): string {
  if (!othersFiltered) return inHistory.toLocaleString();
  const counted = counts?.counted[action] ?? 0;
  const about = counts?.about[action];
  if (!counts || (!counts.complete && counted === 0 && about == null)) return 'counting…';
  return countInWords(counted, counts.complete, about);
}

/**
 * The list's filters. Nothing in it appears or disappears as filters change ("Clear
 * filters" is always there, the custom range opens over the list), so it never reflows
 * under the pointer.
 */
export function FilterBar() {
  const filter = useCallsStore((s) => s.filter);
  const searchInput = useCallsStore((s) => s.searchInput);
  const perAction = useMetaStore((s) => s.stats?.perAction);
  const actionCounts = useCallsStore((s) => s.actionCounts);
  const othersFiltered = useCallsStore((s) => Object.keys(withoutAction(s.activeQuery)).length > 0);
  const [rangeOpen, setRangeOpen] = useState(false);
  const chosenRange = filter.range === 'custom' ? rangeInWords(filter.since, filter.until) : null;
  const actions = [...(perAction ?? [])];
  // The box holds no more than the core searches: a longer text was refused as a banner in the API's words.
  const searchFull = searchInput.length >= MAX_SEARCH_LENGTH;
  const searchNote = useId();
  if (filter.action && !actions.some((a) => a.action === filter.action)) actions.push({ action: filter.action, count: 0 });
  const filtered = isFiltered(filter);

  return (
    <div className="filter-bar" role="search">
      <div className="search-field">
        <input
          id={SEARCH_INPUT_ID}
          type="search"
          aria-label={CALL_LIST_WORDS.search}
          placeholder="Search bodies  ( / )"
          maxLength={MAX_SEARCH_LENGTH}
          aria-describedby={searchFull ? searchNote : undefined}
          value={searchInput}
          onChange={(e) => setSearchInput(e.target.value)}
        />
        {/* Over the list, as the custom range is: the bar keeps its shape. */}
        {searchFull && (
          <p className="search-note" role="status" id={searchNote} aria-label="Search length">
            A search takes at most {MAX_SEARCH_LENGTH.toLocaleString('en')} characters: the rest was left out. To find a longer text, search
            for a part of it.
          </p>
        )}
      </div>
      <select aria-label="Action" value={filter.action ?? ''} onChange={(e) => void setFilter({ action: value(e) || null })}>
        <option value="">All actions</option>
        {actions.map((a) => (
          <option key={a.action} value={a.action}>
            {a.action} ({actionCountInWords(a.action, a.count, actionCounts, othersFiltered)})
          </option>
        ))}
      </select>
      <select
        aria-label="Verdict"
        value={filter.verdict ?? ''}
        onChange={(e) => void setFilter({ verdict: (value(e) || null) as Verdict | null })}
      >
        <option value="">All verdicts</option>
        {VERDICTS.map((v) => (
          <option key={v} value={v}>
            {VERDICT_LABEL[v]}
          </option>
        ))}
      </select>
      <select
        aria-label="Status"
        value={filter.statusClass ?? ''}
        onChange={(e) => void setFilter({ statusClass: (value(e) || null) as StatusClass | null })}
      >
        <option value="">Any status</option>
        {(['2xx', '3xx', '4xx', '5xx'] as const).map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      <select
        aria-label="Source"
        title={SOURCE_FILTER_TITLE}
        value={filter.source ?? ''}
        onChange={(e) => void setFilter({ source: (value(e) || null) as CallSource | null })}
      >
        <option value="">Any source</option>
        {CALL_SOURCES.map((source) => (
          <option key={source} value={source}>
            {CALL_SOURCE_LABEL[source]}
          </option>
        ))}
      </select>
      <select aria-label="Registration checks" value={filter.test} onChange={(e) => void setFilter({ test: value(e) as TestChoice })}>
        <option value="all">{TEST_FILTER_CHOICES.all}</option>
        <option value="only">{TEST_FILTER_CHOICES.only}</option>
        <option value="none">{TEST_FILTER_CHOICES.none}</option>
      </select>
      <div className="range-field">
        <select
          aria-label="Time range"
          title={chosenRange ? `Calls received ${chosenRange}` : undefined}
          value={filter.range}
          onChange={(e) => {
            const range = value(e) as RangeChoice;
            setRangeOpen(range === 'custom');
            void setFilter({ range });
          }}
        >
          <option value="all">All time</option>
          <option value="5m">Last 5 minutes</option>
          <option value="1h">Last hour</option>
          <option value="1d">Last day</option>
          {/* The chosen range itself, once there is one: the bar shows what the list is filtered by. */}
          <option value="custom">{chosenRange ?? 'Between…'}</option>
        </select>
        {/* Always laid out, shown only for a custom range: the bar keeps its shape. */}
        <button
          type="button"
          className={filter.range === 'custom' ? 'range-edit' : 'range-edit invisible'}
          aria-expanded={rangeOpen}
          aria-label={CALL_LIST_WORDS.changeRange}
          onClick={() => setRangeOpen(!rangeOpen)}
        >
          …
        </button>
        {filter.range === 'custom' && rangeOpen && (
          <RangePopover since={filter.since} until={filter.until} close={() => setRangeOpen(false)} />
        )}
      </div>
      <label className="inline-field" title={FAILURES_ONLY_TITLE}>
        <input type="checkbox" checked={filter.failures} onChange={(e) => void setFilter({ failures: e.target.checked })} />
        Failures only
      </label>
      <button type="button" disabled={!filtered} onClick={clearFiltersFromButton}>
        Clear filters
      </button>
      {/* What is done with the listed calls: kept together on the bar's right, on whichever line it has room. */}
      <div className="list-tools">
        <BulkReplayButton />
        <ExportImportButtons />
      </div>
    </div>
  );
}

/**
 * The "Between…" range's two bounds. Each change that leaves a range applies it at once; one
 * whose end is before its start is not applied (it would match nothing, silently): the inputs
 * keep what was typed and say why, and the list keeps the range it had.
 */
function RangePopover({ since, until, close }: { since: number | null; until: number | null; close: () => void }) {
  const [draft, setDraft] = useState({ since: toLocalInput(since), until: toLocalInput(until) });
  const bounds = { since: fromLocalInput(draft.since), until: fromLocalInput(draft.until) };
  const problem = rangeProblem(bounds.since, bounds.until);
  const change = (bound: 'since' | 'until', text: string) => {
    const next = { ...draft, [bound]: text };
    setDraft(next);
    const chosen = { since: fromLocalInput(next.since), until: fromLocalInput(next.until) };
    if (!rangeProblem(chosen.since, chosen.until)) void setFilter(chosen);
  };
  return (
    <div className="range-popover" role="group" aria-label={CALL_LIST_WORDS.customRange}>
      <label className="inline-field">
        Since
        <input
          type="datetime-local"
          value={draft.since}
          aria-invalid={problem !== null}
          onChange={(e) => change('since', e.target.value)}
        />
      </label>
      <label className="inline-field">
        Until
        <input
          type="datetime-local"
          value={draft.until}
          aria-invalid={problem !== null}
          onChange={(e) => change('until', e.target.value)}
        />
      </label>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <button type="button" onClick={close}>
        Done
      </button>
    </div>
  );
}

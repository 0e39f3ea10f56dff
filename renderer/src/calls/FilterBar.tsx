import { useState, type ChangeEvent } from 'react';
import { CALL_SOURCES, VERDICTS, type CallSource, type StatusClass, type Verdict } from '../../../main/contract/api';
import { SOURCE_LABEL, VERDICT_LABEL } from '../shared/format';
import { isFiltered, withoutAction, type RangeChoice, type TestChoice } from '../history/filter-state';
import { clearFilters, setFilter, setSearchInput } from '../history/calls-actions';
import { useMetaStore } from '../page/stores';
import { useCallsStore, type ActionCounts } from '../history/calls-store';
import { countInWords } from '../history/match-counts';
import { BulkReplayButton } from '../replay/BulkReplayButton';
import { ExportImportButtons } from '../replay/ExportImportButtons';
import { SEARCH_INPUT_ID } from './search-input';

function toLocalInput(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

function fromLocalInput(value: string): number | null {
  if (!value) return null;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : null;
}

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
  const actions = [...(perAction ?? [])];
  if (filter.action && !actions.some((a) => a.action === filter.action)) actions.push({ action: filter.action, count: 0 });

  return (
    <div className="filter-bar" role="search">
      <input
        id={SEARCH_INPUT_ID}
        type="search"
        aria-label="Search request bodies"
        placeholder="Search bodies  ( / )"
        value={searchInput}
        onChange={(e) => setSearchInput(e.target.value)}
      />
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
        title="Where calls came from: Flowent, or this companion's replays, simulator and imports"
        value={filter.source ?? ''}
        onChange={(e) => void setFilter({ source: (value(e) || null) as CallSource | null })}
      >
        <option value="">Any source</option>
        {CALL_SOURCES.map((source) => (
          <option key={source} value={source}>
            {SOURCE_LABEL[source]}
          </option>
        ))}
      </select>
      <select aria-label="Registration checks" value={filter.test} onChange={(e) => void setFilter({ test: value(e) as TestChoice })}>
        <option value="all">Registration checks too</option>
        <option value="only">Only registration checks</option>
        <option value="none">No registration checks</option>
      </select>
      <div className="range-field">
        <select
          aria-label="Time range"
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
          <option value="custom">Between…</option>
        </select>
        {/* Always laid out, shown only for a custom range: the bar keeps its shape. */}
        <button
          type="button"
          className={filter.range === 'custom' ? 'range-edit' : 'range-edit invisible'}
          aria-expanded={rangeOpen}
          aria-label="Change the time range"
          onClick={() => setRangeOpen(!rangeOpen)}
        >
          …
        </button>
        {filter.range === 'custom' && rangeOpen && (
          <div className="range-popover" role="group" aria-label="Custom time range">
            <label className="inline-field">
              Since
              <input
                type="datetime-local"
                value={toLocalInput(filter.since)}
                onChange={(e) => void setFilter({ since: fromLocalInput(e.target.value) })}
              />
            </label>
            <label className="inline-field">
              Until
              <input
                type="datetime-local"
                value={toLocalInput(filter.until)}
                onChange={(e) => void setFilter({ until: fromLocalInput(e.target.value) })}
              />
            </label>
            <button type="button" onClick={() => setRangeOpen(false)}>
              Done
            </button>
          </div>
        )}
      </div>
      <button type="button" disabled={!isFiltered(filter)} onClick={() => void clearFilters()}>
        Clear filters
      </button>
      <span className="spacer" />
      <BulkReplayButton />
      <ExportImportButtons />
    </div>
  );
}

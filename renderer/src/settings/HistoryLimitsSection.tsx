import { useEffect, useState } from 'react';
import type { HistoryLimits, LimitName, LimitsInfo } from '../../../main/contract/api';
import { loadLimits, saveLimits } from './settings-actions';
import { ErrorLine } from '../shared/ErrorLine';

const MB = 1024 * 1024;

/** Each limit as the form shows it: its label, its unit, the flag that fixes it for a run, and MB for bytes. */
const FIELDS: { name: LimitName; label: string; unit: string; flag: string; scale: number }[] = [
  { name: 'keepCalls', label: 'Keep at most', unit: 'calls', flag: '--keep-calls', scale: 1 },
  { name: 'keepDays', label: 'Keep calls for', unit: 'days', flag: '--keep-days', scale: 1 },
  { name: 'keepBytes', label: 'Keep the history under', unit: 'MB', flag: '--keep-size', scale: MB },
  { name: 'rateLimitPerSecond', label: 'Limit each caller to', unit: 'requests a second', flag: '--rate-limit', scale: 1 },
];

type Draft = Record<LimitName, string>;

const toDraft = (limits: HistoryLimits): Draft =>
  Object.fromEntries(
    FIELDS.map(({ name, scale }) => [name, limits[name] === null ? '' : String(Math.round(limits[name]! / scale))]),
  ) as Draft;

/**
 * How much history is kept (the oldest calls past a limit are deleted in idle time) and how
 * many requests a second one caller may send before it is answered 429. An empty field is no
 * limit.
 */
export function HistoryLimitsSection() {
  const [info, setInfo] = useState<LimitsInfo | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void loadLimits().then((loaded) => {
      if (!live || !loaded) return;
      setInfo(loaded);
      setDraft(toDraft(loaded.current));
    });
    return () => {
      live = false;
    };
  }, []);
  if (!info || !draft) return null;

  const save = async () => {
    const limits = {} as HistoryLimits;
    for (const { name, label, unit, scale } of FIELDS) {
      const text = draft[name].trim();
      if (text === '') limits[name] = null;
      else if (/^\d+$/.test(text) && Number(text) > 0) limits[name] = Number(text) * scale;
      else return setMessage(`“${label} … ${unit}” must be a whole number above 0, or empty for no limit.`);
    }
    setBusy(true);
    const refused = await saveLimits(limits, (saved) => {
      setInfo(saved);
      setDraft(toDraft(saved.current));
    });
    setBusy(false);
    setMessage(refused);
  };

  return (
    <section aria-label="History limits">
      <h3>History limits</h3>
      <p className="muted">
        Past a limit, the oldest calls are deleted when the companion is idle. Now: {info.usage.calls.toLocaleString()} calls,{' '}
        {(info.usage.bytes / MB).toFixed(1)} MB. Leave a field empty for no limit.
      </p>
      <div className="limits-form">
        {FIELDS.map(({ name, label, unit, flag, scale }) => {
          const fixed = info.fixedForThisRun.includes(name);
          const fallback = info.defaults[name];
          return (
            <label key={name}>
              <span>{label}</span>
              <input
                type="text"
                inputMode="numeric"
                value={draft[name]}
                disabled={fixed || busy}
                aria-label={`${label} (${unit})`}
                onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
              />
              <span>{unit}</span>
              <small className="muted">
                {fixed
                  ? `set by serve ${flag} for this run`
                  : `default: ${fallback === null ? 'no limit' : (fallback / scale).toLocaleString()}`}
              </small>
            </label>
          );
        })}
      </div>
      <button type="button" disabled={busy} onClick={() => void save()}>
        Save limits
      </button>
      <ErrorLine message={message} />
    </section>
  );
}

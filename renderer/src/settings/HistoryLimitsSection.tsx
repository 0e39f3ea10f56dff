import { counted } from '../../../main/contract/words';
import { Fragment, useEffect, useId, useState } from 'react';
import { LIMIT_RANGES, type HistoryLimits, type LimitName, type LimitsInfo } from '../../../main/contract/api';
import { loadLimits, saveLimits } from './settings-actions';
import { useUnsavedWork } from '../page/use-unsaved-work';
import { ErrorLine } from '../shared/ErrorLine';
import { BusyButton } from '../shared/BusyButton';

const MB = 1024 * 1024;

/** Each limit as the form shows it: its label, its unit, the flag that fixes it for a run, and MB for bytes. */
const FIELDS: { name: LimitName; label: string; unit: string; flag: string; scale: number }[] = [
  { name: 'keepCalls', label: 'Keep at most', unit: 'calls', flag: '--keep-calls', scale: 1 },
  { name: 'keepDays', label: 'Keep calls for', unit: 'days', flag: '--keep-days', scale: 1 },
  { name: 'keepBytes', label: 'Keep the history under', unit: 'MB', flag: '--keep-size', scale: MB },
  { name: 'rateLimitPerSecond', label: 'Limit each caller to', unit: 'requests a second', flag: '--rate-limit', scale: 1 },
];

type Draft = Record<LimitName, string>;

/** A field's text refused before anything is sent: which field, and what to do. */
type FieldProblem = { name: LimitName; message: string };

/**
 * The limit a field's text gives (null: no limit), or what is wrong with it, in the range the
 * core takes (LIMIT_RANGES): a number past it was sent, refused, and said in a banner far from
 * the field in the API's words.
 */
function readField({ name, label, unit, scale }: (typeof FIELDS)[number], text: string): number | null | FieldProblem {
  if (text === '') return null;
  const named = `“${label} … ${unit}”`;
  if (!/^\d+$/.test(text) || Number(text) <= 0)
    return { name, message: `${named} must be a whole number above 0: type one, or leave it empty for no limit.` };
  const { min, max } = LIMIT_RANGES[name];
  const value = Number(text) * scale;
  if (value > max)
    return {
      name,
      message: `${named} can be at most ${(max / scale).toLocaleString('en')}: type a smaller number, or leave it empty for no limit.`,
    };
  if (value < min)
    return {
      name,
      message: `${named} must be at least ${Math.ceil(min / scale).toLocaleString('en')}: type a larger number, or leave it empty for no limit.`,
    };
  return value;
}

const sameDraft = (a: Draft, b: Draft) => FIELDS.every(({ name }) => a[name].trim() === b[name].trim());

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
  const [problem, setProblem] = useState<FieldProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const problemId = useId();
  // Typed and not saved: Esc and a reload ask before it goes, as for the page's other forms.
  const edited = info !== null && draft !== null && !sameDraft(draft, toDraft(info.current));
  useUnsavedWork(edited ? 'the history limits' : null);

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
    for (const field of FIELDS) {
      const read = readField(field, draft[field.name].trim());
      if (read !== null && typeof read === 'object') return setProblem(read);
      limits[field.name] = read;
    }
    setProblem(null);
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
        Past a limit, the oldest calls are deleted when the companion is idle. Now: {counted(info.usage.calls, 'call')},{' '}
        {(info.usage.bytes / MB).toFixed(1)} MB. Leave a field empty for no limit.
      </p>
      <div className="limits-form">
        {FIELDS.map(({ name, label, unit, flag, scale }) => {
          const fixed = info.fixedForThisRun.includes(name);
          const fallback = info.defaults[name];
          const wrong = problem?.name === name;
          return (
            <Fragment key={name}>
              <label>
                <span>{label}</span>
                <input
                  type="text"
                  inputMode="numeric"
                  value={draft[name]}
                  disabled={fixed || busy}
                  aria-label={`${label} (${unit})`}
                  aria-invalid={wrong || undefined}
                  aria-describedby={wrong ? problemId : undefined}
                  onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
                />
                <span>{unit}</span>
                <small className="muted">
                  {fixed
                    ? `set by serve ${flag} for this run`
                    : `default: ${fallback === null ? 'no limit' : (fallback / scale).toLocaleString()}`}
                </small>
              </label>
              {wrong && (
                <p className="form-error limits-field-problem" role="alert" id={problemId} aria-label={`${label} (${unit}): problem`}>
                  {problem.message}
                </p>
              )}
            </Fragment>
          );
        })}
      </div>
      <BusyButton busy={busy} onClick={() => void save()}>
        Save limits
      </BusyButton>
      <ErrorLine message={message} />
    </section>
  );
}

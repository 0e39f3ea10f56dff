import { useState } from 'react';
import type { StyleResult } from '../../../main/contract/api';
import { firstDifference } from '../shared/bytes';
import { CopyButton } from '../shared/CopyButton';

interface Props {
  styles: StyleResult[];
  matchedStyle: string | null;
}

/** Text with everything from `from` on marked; the whole text when `from` is -1 is unmarked. */
function Marked({ text, from, label }: { text: string; from: number; label: string }) {
  return (
    <pre className="body-view canonical" aria-label={label}>
      {from < 0 ? text : text.slice(0, from)}
      {from >= 0 && (
        <mark className="diff-mark" data-testid="diff-mark">
          {text.slice(from) || '⟂ (ends here)'}
        </mark>
      )}
    </pre>
  );
}

/**
 * The exact bytes each style signed. Two styles' texts are shown with the first differing
 * character marked: that is usually the whole story of an "invalid" verdict.
 */
export function CanonicalView({ styles, matchedStyle }: Props) {
  const withText = styles.filter((s): s is StyleResult & { canonical: string } => typeof s.canonical === 'string');
  const defaultStyle = (withText.find((s) => s.style === matchedStyle) ?? withText[0])?.style ?? null;
  const [shown, setShown] = useState<string | null>(null);
  const [compare, setCompare] = useState<string | null | undefined>(undefined);
  const current = withText.find((s) => s.style === (shown ?? defaultStyle));
  if (!current) return <p className="muted">The signed bytes are not available for this call.</p>;

  const others = withText.filter((s) => s.style !== current.style);
  const autoCompare = others.find((s) => s.canonical !== current.canonical) ?? others[0];
  const against = compare === undefined ? autoCompare : others.find((s) => s.style === compare);
  const diffAt = against ? firstDifference(current.canonical, against.canonical) : -1;

  return (
    <div className="canonical-view">
      <div className="canonical-controls">
        <label>
          Signed bytes of
          <select
            aria-label="Style shown"
            value={current.style}
            onChange={(e) => {
              setShown(e.target.value);
              setCompare(undefined);
            }}
          >
            {withText.map((s) => (
              <option key={s.style} value={s.style}>
                {s.label}
                {s.matched ? ' ✓' : ''}
              </option>
            ))}
          </select>
        </label>
        {others.length > 0 && (
          <label>
            compared with
            <select aria-label="Compare with style" value={against?.style ?? ''} onChange={(e) => setCompare(e.target.value || null)}>
              <option value="">(no comparison)</option>
              {others.map((s) => (
                <option key={s.style} value={s.style}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
        )}
        <CopyButton text={current.canonical} what="signed bytes" />
      </div>
      <Marked text={current.canonical} from={diffAt} label={`Signed bytes: ${current.label}`} />
      {against && (
        <>
          <p className="diff-note" role="note">
            {diffAt < 0 ? `Identical to ${against.label}.` : `Differs from ${against.label} from character ${diffAt + 1} on (marked).`}
          </p>
          {diffAt >= 0 && <Marked text={against.canonical} from={diffAt} label={`Signed bytes: ${against.label}`} />}
        </>
      )}
    </div>
  );
}

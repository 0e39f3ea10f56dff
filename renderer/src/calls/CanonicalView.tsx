import { useState } from 'react';
import type { StyleResult } from '../../../main/contract/api';
import { differingSpan } from '../shared/bytes';
import { CopyButton } from '../shared/CopyButton';
import { ScrollText } from '../shared/ScrollText';
import {
  bytesComparedWords,
  COMPARE_WITH_STYLE,
  COMPARED_WITH,
  MISSING_HERE,
  NO_COMPARISON,
  SIGNED_BYTES_OF,
  SIGNED_BYTES_UNAVAILABLE,
  signedBytesOfWords,
  STYLE_SHOWN,
} from '../../../main/contract/words';

interface Props {
  styles: StyleResult[];
  matchedStyle: string | null;
  /** Open on a comparison with the first style that signed other bytes (for a call nothing matched). */
  compareFirst: boolean;
}

/** Text with the part between `from` and `to` marked (nothing marked when `from` is -1). */
function Marked({ text, from, to, label }: { text: string; from: number; to: number; label: string }) {
  return (
    <ScrollText label={label} className="canonical">
      {from < 0 ? text : text.slice(0, from)}
      {from >= 0 && (
        <mark className="diff-mark" data-testid="diff-mark">
          {text.slice(from, to) || MISSING_HERE}
        </mark>
      )}
      {from >= 0 && text.slice(to)}
    </ScrollText>
  );
}

/**
 * The exact bytes each style signed. Two styles' texts can be compared: only the part where
 * they differ is marked, the shared head and tail are not. A valid call opens without a
 * comparison: its matched style is the whole story.
 */
export function CanonicalView({ styles, matchedStyle, compareFirst }: Props) {
  const withText = styles.filter((s): s is StyleResult & { canonical: string } => typeof s.canonical === 'string');
  const defaultStyle = (withText.find((s) => s.style === matchedStyle) ?? withText[0])?.style ?? null;
  const [shown, setShown] = useState<string | null>(null);
  const [compare, setCompare] = useState<string | null | undefined>(compareFirst ? undefined : null);
  const current = withText.find((s) => s.style === (shown ?? defaultStyle));
  if (!current) return <p className="muted">{SIGNED_BYTES_UNAVAILABLE}</p>;

  const others = withText.filter((s) => s.style !== current.style);
  const autoCompare = others.find((s) => s.canonical !== current.canonical) ?? others[0];
  const against = compare === undefined ? autoCompare : others.find((s) => s.style === compare);
  const span = against ? differingSpan(current.canonical, against.canonical) : null;

  return (
    <div className="canonical-view">
      <div className="canonical-controls">
        <label>
          {SIGNED_BYTES_OF}
          <select
            aria-label={STYLE_SHOWN}
            value={current.style}
            onChange={(e) => {
              setShown(e.target.value);
              setCompare(compareFirst ? undefined : null);
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
            {COMPARED_WITH}
            <select aria-label={COMPARE_WITH_STYLE} value={against?.style ?? ''} onChange={(e) => setCompare(e.target.value || null)}>
              <option value="">{NO_COMPARISON}</option>
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
      <Marked text={current.canonical} from={span?.start ?? -1} to={span?.endA ?? -1} label={signedBytesOfWords(current.label)} />
      {against && (
        <>
          <p className="diff-note" role="note">
            {bytesComparedWords(against.label, span && { from: span.start + 1, to: Math.max(span.endA, span.start + 1) })}
          </p>
          {span && <Marked text={against.canonical} from={span.start} to={span.endB} label={signedBytesOfWords(against.label)} />}
        </>
      )}
    </div>
  );
}

import { useId } from 'react';
import { STYLE_NAMES, type StyleName } from '../../../main/contract/names-and-limits';
import { styleLabel } from '../../../main/contract/style-labels';
import { useReplayStore } from './replay-store';
import { ReplayLearnedStyle } from './ReplayLearnedStyle';

/**
 * The style a call this companion signs goes in (PROTOCOL.md §2: a signer lets the user pick):
 * the learned one unless another is picked, with what was learned said beside it. Null: the
 * learned style, which the core reads as it signs, so a style learned meanwhile is the one used.
 * The simulator and the replay panel share it, so both offer the same styles in the same words.
 */
export function SigningStyleField({ value, onChange }: { value: StyleName | null; onChange: (style: StyleName | null) => void }) {
  const learned = useReplayStore((s) => s.learned);
  const id = useId();
  const noteId = useId();
  return (
    <div className="signing-style">
      <div className="inline-field">
        <label htmlFor={id}>Signing style</label>
        <select
          id={id}
          value={value ?? ''}
          aria-describedby={learned ? noteId : undefined}
          onChange={(e) => onChange(e.target.value === '' ? null : (e.target.value as StyleName))}
        >
          <option value="">{learned?.keySet ? `As learned: ${styleLabel(learned.style)}` : 'As learned'}</option>
          {STYLE_NAMES.map((style) => (
            <option key={style} value={style}>
              {styleLabel(style)}
            </option>
          ))}
        </select>
      </div>
      <ReplayLearnedStyle id={noteId} />
    </div>
  );
}

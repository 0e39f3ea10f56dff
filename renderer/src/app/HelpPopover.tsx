import { closePanel } from '../page/ui-actions';
import { Dialog } from '../shared/Dialog';
import { useState } from 'react';
import { SHORTCUTS, setSingleKeys, singleKeysEnabled } from './shortcuts';
import { SINGLE_KEYS_NOTE, DIALOG_WORDS } from '../../../main/contract/words';

export function HelpPopover() {
  const [on, setOn] = useState(singleKeysEnabled);
  return (
    <Dialog {...DIALOG_WORDS.shortcuts} onClose={closePanel} className="narrow">
      <p className="muted">{SINGLE_KEYS_NOTE}</p>
      <label className="inline-field">
        <input
          type="checkbox"
          checked={on}
          onChange={(e) => {
            setSingleKeys(e.target.checked);
            setOn(e.target.checked);
          }}
        />
        Single-key shortcuts (arrows and Esc always work)
      </label>
      <table className="shortcuts" aria-label="Shortcuts">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <th scope="row">
                <kbd>{s.keys}</kbd>
              </th>
              <td>{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}

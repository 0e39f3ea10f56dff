import { closePanel } from './ui-actions';
import { Dialog } from './Dialog';
import { SHORTCUTS } from './shortcuts';

export function HelpPopover() {
  return (
    <Dialog title="Keyboard shortcuts" closeLabel="Close keyboard shortcuts" onClose={closePanel} className="narrow">
      <p className="muted">Single keys work when no text field has the focus.</p>
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

import { closePanel } from './ui-actions';
import { Dialog } from './Dialog';

const SHORTCUTS: [keys: string, what: string][] = [
  ['↑ / ↓', 'Select the previous / next call'],
  ['/', 'Search request bodies'],
  ['Esc', 'Clear the search, or close a dialog'],
  ['Ctrl/Cmd+Shift+C', 'Copy the webhook base URL'],
  ['Ctrl/Cmd+M', 'Open or close Answers (mocks and forwarding)'],
  ['Ctrl/Cmd+Shift+F', 'Open or close the Flowent account (actions, API token)'],
  ['Ctrl/Cmd+Shift+B', 'Replay the calls of the current filter'],
  ['Ctrl/Cmd+Shift+S', 'Simulate a Flowent call'],
  ['Ctrl/Cmd+Shift+E', 'Export the calls of the current filter as HAR'],
  ['Ctrl/Cmd+Enter', 'In a parameters editor: send'],
  ['?', 'Show these shortcuts'],
];

export function HelpPopover() {
  return (
    <Dialog title="Keyboard shortcuts" closeLabel="Close keyboard shortcuts" onClose={closePanel} className="narrow">
      <table className="shortcuts" aria-label="Shortcuts">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}

import { useRef, useState } from 'react';
import type { HarImportSummary } from '../../../main/contract/api';
import { exportHar, importHar, importsThroughDialog } from './replay-har-actions';
import { currentSelectionFilter } from './replay-ui-actions';

type Status = { kind: 'busy' | 'done' | 'error'; message: string } | null;

export function describeImport(summary: HarImportSummary): string {
  if (!summary.opened) return 'Import cancelled: no file was read.';
  const parts = [`Imported ${summary.imported} call${summary.imported === 1 ? '' : 's'}`];
  if (summary.skipped > 0) parts.push(`skipped ${summary.skipped} that ${summary.skipped === 1 ? 'is' : 'are'} not a POST with a body`);
  if (summary.problems.length > 0) {
    const first = summary.problems[0]!;
    parts.push(
      `${summary.problems.length} broken entr${summary.problems.length === 1 ? 'y' : 'ies'} left out (${first.path} ${first.message})`,
    );
  }
  return `${parts.join('; ')}.`;
}

/** Export the list's calls as HAR (a download, or a save dialog in the app) and import a HAR into history. */
export function ExportImportButtons() {
  const [status, setStatus] = useState<Status>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const runExport = async () => {
    setStatus({ kind: 'busy', message: 'Exporting…' });
    const outcome = await exportHar({ filter: currentSelectionFilter() });
    setStatus(outcome && { kind: outcome.ok ? 'done' : 'error', message: outcome.message });
  };

  const runImport = async (text: string | null) => {
    setStatus({ kind: 'busy', message: 'Importing…' });
    const result = await importHar(text, (done, total) => setStatus({ kind: 'busy', message: `Importing… ${done} of ${total} parts` }));
    if (!result) return setStatus(null);
    if (!result.ok) return setStatus({ kind: 'error', message: result.message });
    // The core announces each imported call, so the list and the counts update by themselves.
    setStatus({ kind: 'done', message: describeImport(result.value) });
  };

  const chooseFile = () => {
    if (importsThroughDialog()) void runImport(null);
    else fileInput.current?.click();
  };

  return (
    <div className="har-buttons">
      <button
        type="button"
        onClick={() => void runExport()}
        disabled={status?.kind === 'busy'}
        title="Export the calls of this filter as HAR (Ctrl/Cmd+Shift+E)"
      >
        Export HAR
      </button>
      <button type="button" onClick={chooseFile} disabled={status?.kind === 'busy'}>
        Import HAR
      </button>
      <input
        ref={fileInput}
        type="file"
        accept=".har,.json,application/json"
        aria-label="HAR file to import"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file)
            void file
              .text()
              .then(runImport, (error: unknown) => setStatus({ kind: 'error', message: `Could not read ${file.name}: ${String(error)}` }));
        }}
      />
      {status && (
        <span role="status" aria-label="HAR status" className={status.kind === 'error' ? 'form-error' : 'muted'}>
          {status.message}
        </span>
      )}
      {status && status.kind !== 'busy' && (
        <button type="button" className="link-button" aria-label="Dismiss the HAR message" onClick={() => setStatus(null)}>
          ×
        </button>
      )}
    </div>
  );
}

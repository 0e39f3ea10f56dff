import { useRef } from 'react';
import type { HarExportStage, HarImportStage } from '../../../main/contract/api';
import { callsDoneWords, failedWith, HAR_BUTTONS, importToastWords, PAGE_FAILURE_WORDS } from '../../../main/contract/words';
import { harImportStageWords, importHar, importHarFile, importsThroughDialog, type HarImported } from './replay-har-actions';
import { exportFilteredCalls, oneHarWorkAtATime } from './har-work';
import { withReplayKey } from './replay-keys';
import { dismissToast, showToast } from '../page/ui-actions';
import { useReplayStore } from './replay-store';
import { BusyButton } from '../shared/BusyButton';

/**
 * Export the list's calls as HAR (a download, or a save dialog in the app) and import a HAR
 * into history. What came of it is a toast (an error stays until dismissed): a message in
 * the toolbar would reflow it.
 */
export function ExportImportButtons() {
  const work = useReplayStore((s) => s.harWork);
  const progress = useReplayStore((s) => s.harImport);
  const exported = useReplayStore((s) => s.harExport);
  const fileInput = useRef<HTMLInputElement>(null);

  // The last import's error stays until dismissed, or until the next import: it is about a file the user has moved on from.
  const importError = useRef<number | null>(null);

  const runImport = async (read: () => Promise<HarImported | null>) => {
    const result = await oneHarWorkAtATime('import', () => {
      if (importError.current !== null) dismissToast(importError.current);
      importError.current = null;
      return read();
    });
    if (!result) return;
    // The core announces each imported call, so the list and the counts update by themselves.
    if (!result.ok) importError.current = showToast(failedWith(PAGE_FAILURE_WORDS.importHar, result.message), null, 'error');
    else showToast(importToastWords(result.value), 6000, result.value.problems.length > 0 ? 'error' : 'info');
  };

  const chooseFile = () => {
    if (importsThroughDialog()) void runImport(() => importHar(null));
    else fileInput.current?.click();
  };

  // The button that started the work says so in its words, not in a tooltip alone.
  return (
    <div className="har-buttons" aria-busy={work !== null}>
      <BusyButton busy={work !== null} onClick={() => void exportFilteredCalls()} title={withReplayKey(HAR_BUTTONS.exportTitle, 'export')}>
        {work === 'export' ? HAR_BUTTONS.exporting : HAR_BUTTONS.export}
      </BusyButton>
      <BusyButton busy={work !== null} onClick={chooseFile} title={HAR_BUTTONS.importTitle}>
        {work === 'import' ? HAR_BUTTONS.importing : HAR_BUTTONS.import}
      </BusyButton>
      {/* An empty selection is refused at once: no bar for "0 of 0 calls". */}
      {work === 'export' && exported && exported.total > 0 && <HarExportBar stage={exported} />}
      {progress && progress.stage !== 'choosing' && <HarImportBar stage={progress} />}
      <input
        ref={fileInput}
        type="file"
        accept=".har,.json,application/json"
        aria-label={HAR_BUTTONS.importFile}
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void runImport(() => importHarFile(file));
        }}
      />
    </div>
  );
}

/** The import's bar and, beside it, its stage in words; no value while the file is read (nothing to count then). */
function HarImportBar({ stage }: { stage: HarImportStage }) {
  const counted =
    stage.stage === 'uploading'
      ? { value: stage.sent, max: stage.total }
      : stage.stage === 'entries'
        ? { value: stage.done, max: stage.total }
        : null;
  const words = harImportStageWords(stage);
  return (
    <>
      <progress
        className="har-progress"
        aria-label={HAR_BUTTONS.importBar}
        aria-describedby="har-import-stage"
        max={counted?.max || undefined}
        value={counted?.max ? counted.value : undefined}
        title={words}
      />
      <span id="har-import-stage" className="har-progress-stage">
        {words}
      </span>
    </>
  );
}

/** The export's bar and, beside it, how many calls the core has written of all it exports. */
function HarExportBar({ stage }: { stage: HarExportStage }) {
  const words = callsDoneWords(stage.done, stage.total);
  return (
    <>
      <progress
        className="har-progress"
        aria-label={HAR_BUTTONS.exportBar}
        aria-describedby="har-export-stage"
        max={stage.total}
        value={stage.done}
        title={words}
      />
      <span id="har-export-stage" className="har-progress-stage">
        {words}
      </span>
    </>
  );
}

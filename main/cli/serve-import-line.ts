import type { CompanionApi, HarImportSummary } from '../contract/api';
import { counted, importEndWords } from '../contract/words';

/**
 * The line `serve` prints when a HAR import from the page ends, in place of a line per imported
 * call: `import`'s line, from the same summary, so it says too when the history's limits delete
 * what was just imported. Where to list the calls is said only when some are left to list.
 */
export function pageImportLine(summary: HarImportSummary): string {
  const { imported, skipped, notFlowent, duplicates, problems, overLimits } = summary;
  const broken = problems.length;
  // Every entry of the file is counted once: stored, held already, or skipped for one reason.
  const entries = imported + duplicates + skipped + notFlowent + broken;
  const line = importEndWords({ ...summary, broken }, `a HAR file (${counted(entries, 'entry', 'entries')} read)`);
  const left = imported - overLimits + duplicates;
  return left > 0 ? `${line} List them with: calls --source import` : line;
}

/**
 * The API the page is given: its HAR imports say their line once they end. The core tells an
 * import's stages as events, but not what the limits delete of it; the summary the page gets does.
 */
export function sayingPageImports(api: CompanionApi, write: (line: string) => void): CompanionApi {
  return {
    ...api,
    async importHar(text) {
      const imported = await api.importHar(text);
      if (imported.ok && imported.value.opened) write(pageImportLine(imported.value));
      return imported;
    },
  };
}

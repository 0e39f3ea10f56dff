/**
 * The call list's HAR buttons on the page: their labels, what they say while at work, their
 * tooltips and the names of their progress bars (what an export or import did: export-words.ts,
 * import-words.ts). The command line exports and imports with `export` and `import`.
 */
export const HAR_BUTTONS = {
  export: 'Export HAR',
  exporting: 'Exporting…',
  /** The export's tooltip; the page adds its shortcut. */
  exportTitle: 'Export the calls of this filter as HAR',
  exportBar: 'HAR export',
  import: 'Import HAR',
  importing: 'Importing…',
  importTitle: 'Import calls from a HAR file',
  /** The browser's file input the import opens, named for a screen reader. */
  importFile: 'HAR file to import',
  importBar: 'HAR import',
} as const;

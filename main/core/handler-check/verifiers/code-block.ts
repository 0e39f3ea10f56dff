/** A piece of a verifier: its code and the imports that code needs. */
export interface CodeBlock {
  imports: readonly string[];
  code: string;
}

export interface SnippetParts {
  /** Comment lines that open the file (and, for Go, its package clause). */
  header: string;
  /** The import section written out from the imports every block needs, each once. */
  imports: (names: readonly string[]) => string;
  /** The blocks in order; a block listed twice is written once, where it first appears. */
  blocks: readonly CodeBlock[];
  /** Between the import section and each block: the language's usual blank lines (one blank line follows the header). */
  separator: string;
}

/** One source file from its parts, ending with a newline. */
export function joinBlocks(parts: SnippetParts): string {
  const blocks = [...new Set(parts.blocks)];
  const imports = [...new Set(blocks.flatMap((block) => block.imports))];
  const body = [parts.imports(imports), ...blocks.map((block) => block.code)].filter((section) => section !== '');
  return `${parts.header}\n\n${body.join(parts.separator)}\n`;
}

/**
 * The number a count says as the product writes it for people: `27,456`, with en-US thousands
 * separators (counted() and countWords() in main/contract/words, the page's header). Anything
 * else, the header's `–` before it has loaded say, is thrown as not a count: a poll tries again,
 * and a count read wrong never passes as NaN.
 */
export function printedCount(text: string | null | undefined): number {
  const said = (text ?? '').trim();
  if (!/^\d{1,3}(,\d{3})*$/.test(said)) throw new Error(`Not a count as the product prints one: ${JSON.stringify(text)}`);
  return Number(said.replaceAll(',', ''));
}

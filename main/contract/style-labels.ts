import { isStyleName, type StyleName } from './names-and-limits';

/**
 * What each signing style is called wherever a person reads it: the signature details, the
 * handler's section and diagnosis, the probe's finding, the style re-signed calls use. The four
 * documented styles go by the example they come from, the others by their key order and
 * escaping (a name `order+escaping`). In the contract so the page can name any style, not only
 * those a call's report lists.
 */
const DOCUMENTED: Partial<Record<StyleName, string>> = {
  python: 'Python example (as sent, ASCII escapes)',
  go: 'Go example (sorted keys, Go escaping)',
  'go-struct': 'Go struct (struct field order, nested keys sorted, Go escaping)',
  raw: 'Raw body bytes (signature member cut out)',
};

const ORDER_LABEL: Record<string, string> = {
  'as-sent': 'keys as sent',
  sorted: 'keys sorted',
  'nested-sorted': 'top level as sent, nested keys sorted',
  struct: 'Go struct field order, nested keys sorted',
};

const ESCAPING_LABEL: Record<string, string> = {
  ascii: 'ASCII escapes (Python)',
  go: 'Go escaping',
  utf8: 'raw UTF-8 (JavaScript)',
};

/**
 * The label of a style: "Python example (as sent, ASCII escapes)", "Keys sorted, ASCII escapes
 * (Python)". A name no style goes by (from a newer companion's history) is said as it is.
 */
export function styleLabel(style: StyleName | string): string {
  if (!isStyleName(style)) return style;
  const documented = DOCUMENTED[style];
  if (documented !== undefined) return documented;
  const [order = '', escaping = ''] = style.split('+');
  const label = `${ORDER_LABEL[order] ?? order}, ${ESCAPING_LABEL[escaping] ?? escaping}`;
  return label[0]!.toUpperCase() + label.slice(1);
}

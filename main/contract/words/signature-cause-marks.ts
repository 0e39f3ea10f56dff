/**
 * The few words the list's row gives beside `invalid` for why a signature failed, so that a wrong
 * key and an uppercase digest, which need different fixes, do not read alike; the sentence and
 * what to do are the call's details' (the diagnosis). Null for a cause the verdict already says
 * (`malformed`, `missing`) and for a code this version does not know.
 */
// A word or two: beside the handler's mark they share the list's 180 px Signature column, and
// at 1024 px wide it holds about eleven letters more.
const CAUSE_MARK: Readonly<Record<string, string>> = {
  'no-match': 'wrong key?',
  'hex-case': 'hex case',
  'key-whitespace': 'key spaces',
  'signature-field-included': 'field signed',
  'body-reformatted': 'reformatted',
};

export function signatureCauseMark(code: string): string | null {
  return CAUSE_MARK[code] ?? null;
}

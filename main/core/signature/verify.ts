import type { Diagnosis, SignatureReport, StyleResult, Verdict } from '../../contract/api';
import { NOT_CHECKED_WITHOUT_KEY } from '../../contract/words/not-checked-words';
import type { JsonObject, JsonParseResult } from '../json/json-node';
import { lastMember } from '../json/json-values';
import { parseJson } from '../json/parse-json';
import { CanonicalSet, SIGNATURE_KEY } from './canonical';
import { explainMismatch } from './diagnose';
import { memoizedHmac, signaturesEqual } from './hmac';
import { STYLES, type StyleInfo } from './styles';
import { readTimestamp, timestampDiagnosis } from './timestamp';

export interface VerifyOptions {
  /** When the call arrived, milliseconds since the epoch. */
  receivedAt: number;
  /** Put each style's signed text in the report (call details; costly on big bodies). */
  includeCanonical?: boolean;
  /**
   * On a valid call, stop at the first style that matches, which is the style the full check
   * reports too: `styles` then lists only the styles computed, in STYLES order, the match last.
   * For the answer path, where building and hashing the other styles was most of the cost.
   * Other verdicts still list every style (the mismatch explanation needs them all). A stored
   * report of this shape is filled in when read (see complete-report.ts).
   */
  stopAtFirstMatch?: boolean;
}

const SIGNATURE_HEX = /^[0-9a-fA-F]{64}$/;

/** Why a signature value is malformed, or null when it is 64 hex characters. */
function malformation(value: unknown, kind: string): string | null {
  if (typeof value !== 'string') {
    const what = kind === 'null' ? 'null' : kind === 'object' || kind === 'array' ? `an ${kind}` : `a ${kind}`;
    return `The signature is not a string (it is ${what}).`;
  }
  if (value.length !== 64) return `The signature has the wrong length: ${value.length} characters, expected 64 hex characters.`;
  if (!SIGNATURE_HEX.test(value)) {
    const at = value.search(/[^0-9a-fA-F]/);
    return `The signature is not hex: character ${at + 1} is ${JSON.stringify(value[at])}.`;
  }
  return null;
}

/**
 * Checks a Flowent webhook body against every signing style. Never throws; the report says
 * which style matched, or why none did, and how fresh the call is. `parsed`, when given, must
 * be `parseJson(raw)`; callers that parsed the body already pass it to skip a second parse.
 */
export function verify(
  raw: Uint8Array,
  key: string | null,
  opts: VerifyOptions,
  parsed: JsonParseResult = parseJson(raw),
): SignatureReport {
  if (!parsed.ok || parsed.root.kind !== 'object') {
    const message = parsed.ok ? `The body is a JSON ${parsed.root.kind}, not an object.` : parsed.message;
    return {
      verdict: 'not-flowent',
      style: null,
      received: null,
      styles: [],
      diagnosis: [
        {
          code: 'not-flowent',
          message,
          hint: 'Flowent sends a JSON object with action_name, parameters and timestamp; check what is calling this URL.',
        },
      ],
      timestamp: readTimestamp(null, opts.receivedAt),
    };
  }
  const root = parsed.root;
  const hasKey = key !== null && key !== '';
  const check = new StyleCheck(root, raw, hasKey ? key : null, opts);

  const sigNode = lastMember(root, SIGNATURE_KEY);
  if (sigNode === undefined) {
    const test = lastMember(root, 'test');
    if (test?.kind === 'boolean' && test.value) {
      return check.report('unsigned-test', null, [
        {
          code: 'unsigned-test',
          message: "Flowent's registration check arrived without a signature, as its docs show it.",
          hint: 'Its signature needs no fix: answer it with any 2xx status and never require a signature on it.',
        },
      ]);
    }
    return check.report('missing', null, [
      {
        code: 'missing-signature',
        message: 'The body has no "signature" member; Flowent carries the signature in the body, not in a header.',
        // Said the same whether this companion enforces signatures or not (the report is made
        // and stored before that is decided): advice to turn enforcement off misled where it was off.
        hint: hasKey
          ? 'Flowent signs every call but its registration check. If this call is from your own tool, sign it: the simulator, or the send command, signs with your key.'
          : 'Flowent signs every call but its registration check. To send signed calls yourself, set FLOWENT_HMAC_KEY or enter the key in Settings (copy it from Gateway Management > HMAC Keys): the simulator and the send command then sign with it.',
      },
    ]);
  }

  const value = sigNode.kind === 'string' ? sigNode.value : null;
  const bad = malformation(value, sigNode.kind);
  if (bad !== null || value === null) {
    return check.report('malformed', value, [
      {
        code: 'malformed-signature',
        message: bad ?? 'The signature is not a string.',
        hint: 'Flowent sends the HMAC-SHA256 as 64 lowercase hex characters in "signature"; fix the signer to send that.',
      },
    ]);
  }

  if (!hasKey) {
    return check.report('no-key', value, [{ code: 'no-key', ...NOT_CHECKED_WITHOUT_KEY }]);
  }

  if (opts.stopAtFirstMatch) {
    const computed: StyleResult[] = [];
    for (const style of STYLES) {
      const result = check.styleResult(style);
      result.matched = signaturesEqual(value, result.expected!);
      computed.push(result);
      if (result.matched) return check.report('valid', value, [], style.name, computed);
    }
    // Nothing matched, so every style was computed: the same list the full check builds.
    check.every = computed;
  }
  const styles = check.everyStyle();
  for (const result of styles) result.matched = signaturesEqual(value, result.expected!);
  const first = styles.find((s) => s.matched);
  if (first) return check.report('valid', value, [], first.style);
  return check.report(
    'invalid',
    value,
    explainMismatch({
      root,
      raw,
      key,
      received: value,
      canonical: check.canonical,
      expected: styles.map((s) => s.expected!),
    }),
  );
}

/**
 * One body's styles, each built only when a report needs it, so a check that stops at the
 * first match skips the rest. (A class rather than closures: verify runs once per call.)
 */
class StyleCheck {
  readonly canonical: CanonicalSet;
  private readonly mac: ((bytes: Uint8Array) => string) | null;
  private readonly timestamp: SignatureReport['timestamp'];
  every: StyleResult[] | null = null;

  constructor(
    root: JsonObject,
    raw: Uint8Array,
    key: string | null,
    private readonly opts: VerifyOptions,
  ) {
    this.canonical = new CanonicalSet(root, raw, 'drop');
    this.mac = key === null ? null : memoizedHmac(key);
    this.timestamp = readTimestamp(root, opts.receivedAt);
  }

  styleResult(style: StyleInfo): StyleResult {
    const result: StyleResult = {
      style: style.name,
      label: style.label,
      expected: this.mac ? this.mac(this.canonical.bytes(style)) : null,
      matched: false,
    };
    if (this.opts.includeCanonical) result.canonical = this.canonical.text(style);
    return result;
  }

  everyStyle(): StyleResult[] {
    return (this.every ??= STYLES.map((style) => this.styleResult(style)));
  }

  report(
    verdict: Verdict,
    received: string | null,
    diagnosis: Diagnosis[],
    style: string | null = null,
    styles = this.everyStyle(),
  ): SignatureReport {
    return {
      verdict,
      style,
      received,
      styles,
      diagnosis: [...diagnosis, ...timestampDiagnosis(this.timestamp)],
      timestamp: this.timestamp,
    };
  }
}

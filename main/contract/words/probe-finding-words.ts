/**
 * What a probe of the handler's verifier found, in words, for every front end: the command
 * line prints it under the probe's table naming styles by id, the page shows it above its
 * table naming them by label. The core returns the finding's code and parameters only.
 */
import type { AcceptedOnlyThere, HandlerProbe, ProbeFinding } from '../handlers';
import { HMAC_KEY_ENV } from '../secret-variables';
import { KEY_OR_UNKNOWN_TEXT } from './handler-diagnosis-words';
import type { ProbeVocabulary } from './vocabulary';

/**
 * The style a verifier should accept when the finding tells the user to get one (null: none in
 * particular), or null when it does not: the words name where, and the page shows it there.
 */
export function probeVerifierWanted(finding: ProbeFinding): { style: string | null } | null {
  switch (finding.code) {
    case 'accepts-wrong-signature':
      return { style: finding.flowentStyle };
    case 'checks-signatures':
      return !finding.stylesAlike && finding.flowent !== null && !finding.flowent.accepted ? { style: finding.flowent.style } : null;
    case 'refuses-every-style':
    case 'unreachable':
    case 'unclear':
    case 'stopped':
      return null;
    default: {
      const never: never = finding;
      return never;
    }
  }
}

/** The text as a sentence of its own: a capital first letter and a final stop, not a second one. */
function asSentence(text: string): string {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/** Why `style`, named on an accepted request, still counts as rejected: the requests that show it, in the table's terms. */
function acceptedOnly(style: string, shownBy: AcceptedOnlyThere | null, say: ProbeVocabulary): string {
  if (shownBy === null) return '';
  const { acceptedIn, bytesOf, refusedIn } = shownBy;
  const name = say.style(style);
  const bytes = bytesOf === null ? '' : `, where its bytes were ${say.bytesOf(bytesOf)}`;
  return ` (it accepted ${name} only in #${acceptedIn}${bytes}, and rejected #${refusedIn}, whose signature ${name} matches too)`;
}

/**
 * Earlier calls to the same URL, valid in the style the probe saw accepted, that the handler
 * rejected: a probe that passes cannot explain them (a key that changed, a handler that fails
 * some calls), and they are not to be forgotten because it passed.
 */
function rejectedBeforeWords(ids: readonly number[], style: string): string {
  if (ids.length === 0) return '';
  const list = ids.map((id) => `#${id}`).join(', ');
  return ` Yet earlier calls to this URL with valid ${style} signatures were rejected (${list}): a single probe cannot explain that. Check that its key has not changed since, and its log for why it rejected them.`;
}

/** The style the docs' Python example signs in, and what is signed with until a Flowent call is seen. */
const DOCS_STYLE = 'python';

/**
 * With no Flowent call seen to tell which style this Flowent signs in, the styles the probe saw
 * rejected (not said already as not verified): any of them may be Flowent's, so they are named,
 * the docs' Python example above all, as the style calls are signed in until then.
 */
function rejectedUntoldWords(
  probe: Pick<HandlerProbe, 'rows' | 'stylesAccepted'>,
  saidAlready: readonly string[],
  say: ProbeVocabulary,
): string {
  const rejected = [...new Set(probe.rows.filter((row) => row.handler === 'refused').flatMap((row) => row.styles))].filter(
    (style) => !probe.stylesAccepted.includes(style) && !saidAlready.includes(style),
  );
  if (rejected.length === 0) return '';
  const docs = rejected.includes(DOCS_STYLE)
    ? ` Calls sent from here are signed in ${say.style(DOCS_STYLE)}, as the docs' Python example signs, until a Flowent call is seen.`
    : '';
  return `It rejects ${say.styles(rejected)}, and no Flowent call has told yet which style your Flowent signs with: if it signs in one of these, your handler will reject every call.${docs}`;
}

/** The probe's finding as a paragraph: the security problem first, if any. */
export function probeFindingWords(probe: Pick<HandlerProbe, 'finding' | 'stylesAccepted' | 'rows'>, say: ProbeVocabulary): string {
  const { finding } = probe;
  switch (finding.code) {
    case 'stopped':
      return `Stopped after ${finding.sent} of ${finding.total} requests, before the wrong signature was sent: whether your handler checks signatures is not known yet. What was sent is stored; probe again to finish.`;
    case 'unreachable':
      // The evidence is the forwarding's own sentence, which already says what to do.
      return `${asSentence(finding.evidence)} Nothing more was sent: probe again once it answers.`;
    case 'accepts-wrong-signature':
      return `Security problem: your handler does not check signatures. It accepted a call with a wrong signature (it answered ${finding.evidence}), so anyone who can reach it can run the action. Reject calls whose signature does not match with 401: ${say.getVerifier(finding.flowentStyle)} a check that does.`;
    case 'unclear':
      return `Could not tell whether your handler checks signatures: it answered the wrong signature with ${finding.evidence}, which says nothing about the signature. Make it answer a wrong signature with 401, then probe again.`;
    case 'refuses-every-style':
      return `Your handler rejected the wrong signature, but also the call signed in every style: ${KEY_OR_UNKNOWN_TEXT}. Check its ${HMAC_KEY_ENV}, and compare the bytes it signs with the signed bytes here: ${say.showSignedBytes}.`;
    case 'checks-signatures': {
      if (finding.stylesAlike) {
        return `Your handler checks signatures: it rejected the wrong signature and accepted this call. But every signing style gives this call the same bytes, so it cannot tell which style your handler verifies with. To tell the styles apart, probe a call with non-ASCII text, <, > or &, or keys out of order.`;
      }
      const { flowent } = finding;
      const ours = flowent === null ? null : say.style(flowent.style);
      return [
        `Your handler checks signatures: it rejected the wrong signature and accepted ${say.styles(probe.stylesAccepted)}.`,
        ...finding.notVerified.map(({ style, shownBy }) => `It does not verify ${say.style(style)}${acceptedOnly(style, shownBy, say)}.`),
        flowent === null
          ? rejectedUntoldWords(
              probe,
              finding.notVerified.map(({ style }) => style),
              say,
            )
          : flowent.accepted
            ? `It accepts ${ours}, the style this Flowent signs with.${rejectedBeforeWords(flowent.refusedBefore, ours!)}`
            : `It rejects ${ours}, the style this Flowent signs with${acceptedOnly(flowent.style, flowent.shownBy, say)}: ${say.getVerifier(flowent.style)} a verifier that accepts it.`,
      ]
        .filter(Boolean)
        .join(' ');
    }
    default: {
      const never: never = finding;
      return never;
    }
  }
}

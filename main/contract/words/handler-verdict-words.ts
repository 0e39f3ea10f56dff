/**
 * What the developer's handler did with a call's signature, for every front end: the command
 * line says it after the status on a call's line (`401  handler REJECTED the signature`), the
 * page as the first sentence of a call's "Your handler" section ("It rejected the signature").
 * "Rejected", not "refused": a refused call is one the companion refused for its request, and
 * a refused connection is a handler not listening.
 * The verdict `unknown` speaks of the handler's answer, not of the handler, so a front end
 * names the handler both ways and no sentence is pieced together around a missing owner.
 */
import type { HandlerProbe, HandlerTally, ProbeRow } from '../handlers';
import { STYLE_NAMES, type HandlerSignature, type Verdict } from '../names-and-limits';

/** The handler's verdict in one word, as a probe's table says it beside each request. */
export const HANDLER_SIGNATURE_WORD: Record<HandlerSignature, string> = { accepted: 'accepted', refused: 'rejected', unknown: 'unclear' };

/** How a front end names the handler in these words. */
export interface HandlerVoice {
  /** The handler doing something: "It" (the page, under the heading "Your handler"), "handler". */
  subject: string;
  /** The handler owning its answer: "Its", "handler's". */
  owner: string;
  /** How the word that means trouble is stressed: the command line in capitals, as its INVALID. */
  alarm(word: string): string;
}

/**
 * What the handler took or rejected, by the companion's verdict on the call: its signature, or,
 * when it carried none, the registration check (unsigned, as Flowent sends it) or the call.
 */
function judged(call: Verdict): string {
  if (call === 'unsigned-test') return 'the registration check';
  return call === 'missing' ? 'the call, which carried no signature' : 'the signature';
}

/**
 * The handler's verdict on a call (`call`: the companion's verdict on its signature), as a clause
 * with its subject (no full stop). `answer` names the answer that says nothing about the
 * signature: "answer", or its status ("Its 500 says nothing...") when its text is quoted elsewhere.
 */
export function handlerVerdictWords(verdict: HandlerSignature, call: Verdict, voice: HandlerVoice, answer = 'answer'): string {
  switch (verdict) {
    case 'accepted':
      return `${voice.subject} accepted ${judged(call)}`;
    case 'refused':
      return `${voice.subject} ${voice.alarm('rejected')} ${judged(call)}`;
    case 'unknown':
      return `${voice.owner} ${answer} says nothing about the signature`;
    default: {
      const never: never = verdict;
      return never;
    }
  }
}

/**
 * The styles of one probe row, as every front end lists them. A style on an accepted row that
 * the finding still counts as refused is marked "(here only)": raw matches every request's own
 * bytes, so it shares the row of a request whose bytes are another style's while refused
 * requests match it too, and unmarked the row would contradict the finding.
 */
export function probeRowStyles(
  probe: Pick<HandlerProbe, 'stylesAccepted'>,
  row: Pick<ProbeRow, 'handler' | 'styles'>,
  /** How a front end names a style: its id (the terminal) or its label (the page). */
  name: (style: string) => string = (style) => style,
): string[] {
  return row.styles.map((style) =>
    row.handler === 'accepted' && !probe.stylesAccepted.includes(style) ? `${name(style)} (here only)` : name(style),
  );
}

/**
 * What to say of the styles a handler rejected, beside or instead of listing them: valid calls
 * every style signs alike (`refusedAlike`) tell nothing about its style (its key differs, or it
 * signs text no known style produces), so they are said in one line, not as every style rejected one by one; `list` is
 * false when the styles are not worth listing (none told apart, or every style: what an older
 * history holds for such calls). `note` is null when there is nothing to add to the list.
 */
export function rejectedStylesWords({ stylesRefused, refusedAlike }: Pick<HandlerTally, 'stylesRefused' | 'refusedAlike'>): {
  list: boolean;
  note: string | null;
} {
  const all = STYLE_NAMES.length;
  const nothingAboutStyle = 'this tells nothing about which style it verifies (its key differs, or it signs text no known style produces)';
  if (stylesRefused.length >= all) return { list: false, note: `Every style: ${nothingAboutStyle}.` };
  if (refusedAlike === 0) return { list: true, note: null };
  if (stylesRefused.length === 0) {
    const which = refusedAlike === 1 ? 'the call it rejected' : `each of the ${refusedAlike} calls it rejected`;
    return { list: false, note: `All ${all} styles sign ${which} alike: ${nothingAboutStyle}.` };
  }
  const more = refusedAlike === 1 ? 'One more call it rejected is' : `${refusedAlike} more calls it rejected are`;
  return { list: true, note: `${more} signed alike by all ${all} styles: ${nothingAboutStyle}.` };
}

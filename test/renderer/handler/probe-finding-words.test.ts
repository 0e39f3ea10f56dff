// A probe's finding is worded once, for every front end: each names styles its own way (ids,
// labels) and says where a verifier is had; the sentences around them are the same.
import { expect, it } from 'vitest';
import type { HandlerProbe, ProbeFinding } from '../../../main/contract/api';
import { probeFindingWords, probeVerifierWanted, type ProbeVocabulary } from '../../../main/contract/words';

const BY_ID: ProbeVocabulary = {
  style: (style) => style,
  styles: (styles) => styles.join(', '),
  bytesOf: (style) => `${style}'s`,
  getVerifier: (style) => `"verifier ${style ?? 'any'}" prints`,
  showSignedBytes: '"calls <id> --json" prints them',
  replayResigned: '"replay <id> --resign"',
};
const LABELS: Record<string, string> = { python: 'Python example (as sent, ASCII escapes)', raw: 'Raw body bytes', go: 'Go example' };
const BY_LABEL: ProbeVocabulary = {
  style: (style) => LABELS[style] ?? style,
  styles: (styles) => styles.map((style) => LABELS[style] ?? style).join('; '),
  bytesOf: (style) => `those of ${LABELS[style] ?? style}`,
  getVerifier: () => '"Show a verifier" below gives',
  showSignedBytes: 'the "Signed bytes of" view shows them',
  replayResigned: '"Replay re-signed" below',
};

/** A Flowent that signs raw, a handler that verifies python and go: raw shared python's request, and matched refused #6 too. */
const refusesOurs: Pick<HandlerProbe, 'finding' | 'stylesAccepted' | 'rows'> = {
  stylesAccepted: ['python', 'go'],
  rows: [],
  finding: {
    code: 'checks-signatures',
    stylesAlike: false,
    notVerified: [],
    flowent: { style: 'raw', accepted: false, shownBy: { acceptedIn: 5, bytesOf: 'python', refusedIn: 6 } },
  },
};

it('names styles by id, and the verifier by where the front end has it', () => {
  expect(probeFindingWords(refusesOurs, BY_ID)).toBe(
    'Your handler checks signatures: it rejected the wrong signature and accepted python, go. It rejects raw, the style this ' +
      "Flowent signs with (it accepted raw only in #5, where its bytes were python's, and rejected #6, whose signature raw " +
      'matches too): "verifier raw" prints a verifier that accepts it.',
  );
  expect(probeVerifierWanted(refusesOurs.finding)).toEqual({ style: 'raw' });
});

it('names styles by label in the same sentences', () => {
  expect(probeFindingWords(refusesOurs, BY_LABEL)).toBe(
    'Your handler checks signatures: it rejected the wrong signature and accepted Python example (as sent, ASCII escapes); ' +
      'Go example. It rejects Raw body bytes, the style this Flowent signs with (it accepted Raw body bytes only in #5, ' +
      'where its bytes were those of Python example (as sent, ASCII escapes), and rejected #6, whose signature Raw body bytes ' +
      'matches too): "Show a verifier" below gives a verifier that accepts it.',
  );
});

it('wants a verifier only where the finding tells the user to get one', () => {
  const accepts: ProbeFinding = {
    code: 'checks-signatures',
    stylesAlike: false,
    notVerified: [],
    flowent: { style: 'python', accepted: true, refusedBefore: [] },
  };
  expect(probeVerifierWanted(accepts)).toBeNull();
  expect(probeVerifierWanted({ code: 'accepts-wrong-signature', evidence: '200', flowentStyle: null })).toEqual({ style: null });
  expect(
    probeFindingWords(
      { stylesAccepted: [], rows: [], finding: { code: 'accepts-wrong-signature', evidence: '200', flowentStyle: null } },
      BY_ID,
    ),
  ).toMatch(/Reject calls whose signature does not match with 401: "verifier any" prints a check that does\.$/);
  expect(probeVerifierWanted({ code: 'stopped', sent: 1, total: 5 })).toBeNull();
});

it("says the forwarding's sentence as one, with no second full stop", () => {
  const unreachable = (evidence: string) =>
    probeFindingWords({ stylesAccepted: [], rows: [], finding: { code: 'unreachable', evidence } }, BY_ID);
  expect(unreachable('your handler timed out.')).toBe('Your handler timed out. Nothing more was sent: probe again once it answers.');
  expect(unreachable('no answer')).toBe('No answer. Nothing more was sent: probe again once it answers.');
});

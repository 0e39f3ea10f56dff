// What the page could not do, as its banners and error lines head it: each failure's words as the
// page wrote them itself, now said from one place.
import { describe, expect, it } from 'vitest';
import {
  callNotLoadedWords,
  copyFailedWords,
  failedWith,
  NO_ACCESS_TOKEN_HERE,
  NO_CLIPBOARD_HERE,
  NO_WEBHOOK_URL_TO_COPY,
  NOT_CONNECTED,
  nothingToCopyWords,
  PAGE_FAILURE_WORDS,
  registerHereFailedWords,
  VERIFIER_NOT_PRINTED,
} from '../../../main/contract/words';
import { pageSources } from './page-sources';

describe("the page's failures in words", () => {
  it('heads each failure with what the page could not do, as a heading that a reason follows', () => {
    // Every heading is "Could not <do something>", with no full stop: failedWith adds ": <why>".
    for (const [name, heading] of Object.entries(PAGE_FAILURE_WORDS)) expect(heading, name).toMatch(/^Could not [a-z][^.:]*[a-z]$/);
    expect(PAGE_FAILURE_WORDS.changeAnswerMode).toBe('Could not change the answer mode');
    expect(PAGE_FAILURE_WORDS.connectFlowent).toBe('Could not connect to Flowent');
    expect(PAGE_FAILURE_WORDS.probeHandler).toBe("Could not check the handler's verifier");
  });

  it('says each one failure once: no two names share a heading', () => {
    const headings = Object.values(PAGE_FAILURE_WORDS);
    expect(new Set(headings).size).toBe(headings.length);
  });

  it('says why after the failure, and the failures that name what they were about', () => {
    expect(failedWith(PAGE_FAILURE_WORDS.cancelBulkReplay, 'the run has ended.')).toBe(
      'Could not cancel the bulk replay: the run has ended.',
    );
    expect(callNotLoadedWords(42)).toBe('Could not load call #42');
    expect(copyFailedWords('cURL command')).toBe('Could not copy the cURL command');
    // Where no retry can copy, the reason says what to do instead.
    expect(failedWith(copyFailedWords('public URL'), NO_CLIPBOARD_HERE)).toMatch(
      /^Could not copy the public URL: this browser gives the page no clipboard\. Select the text and copy it by hand\.$/,
    );
    expect(NO_WEBHOOK_URL_TO_COPY).toBe('There is no webhook URL to copy yet: the server is not listening');
    expect(nothingToCopyWords('answer body')).toBe('Nothing to copy: the answer body is empty.');
    expect(registerHereFailedWords('send_email')).toBe('Could not register send_email here: see the message above.');
    expect(NOT_CONNECTED).toBe('Not connected to the companion.');
    expect(VERIFIER_NOT_PRINTED).toBe('The verifier could not be printed.');
    expect(NO_ACCESS_TOKEN_HERE).toBe('Only the browser inspector has an access token.');
  });
});

/** The lines of `text` that write a failure's heading, or the lost connection's sentence, themselves (comments, which no one reads on the page, aside). */
function ownFailureLines(text: string): string[] {
  return text.split('\n').filter((line) => /Could not|Not connected to/.test(line) && !/^\s*(\/\/|\*|\/\*)/.test(line));
}

describe('the page writes no failure heading of its own', () => {
  it('finds one where a file writes it (the check looks at something)', () => {
    expect(
      ownFailureLines(
        "    reportError('Could not load calls', error);\n  // Could not: said in the banner\n  if (!b) return 'Not connected to the companion.';",
      ),
    ).toEqual(["    reportError('Could not load calls', error);", "  if (!b) return 'Not connected to the companion.';"]);
  });

  it('takes every "Could not …" and "Not connected …" of renderer/src from the shared words', () => {
    const written = [...pageSources()].flatMap(([file, text]) => ownFailureLines(text).map((line) => `${file}: ${line.trim()}`));
    expect(written).toEqual([]);
  });
});

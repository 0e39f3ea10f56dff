// What the page could not do, as its banners and error lines head it: each failure's words as the
// page wrote them itself, now said from one place.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  callNotLoadedWords,
  copyFailedWords,
  failedWith,
  NO_ACCESS_TOKEN_HERE,
  NO_WEBHOOK_URL_TO_COPY,
  NOT_CONNECTED,
  nothingToCopyWords,
  PAGE_FAILURE_WORDS,
  registerHereFailedWords,
  VERIFIER_NOT_PRINTED,
} from '../../../main/contract/words';

describe("the page's failures in words", () => {
  it('heads each failure with what the page could not do', () => {
    expect(PAGE_FAILURE_WORDS).toEqual({
      loadAccount: 'Could not load the Flowent account',
      saveProfile: 'Could not save the profile',
      deleteProfile: 'Could not delete the profile',
      switchProfile: 'Could not switch the profile',
      setApiToken: 'Could not set the API token',
      clearApiToken: 'Could not clear the API token',
      connectFlowent: 'Could not connect to Flowent',
      changeFollowMode: 'Could not change the follow mode',
      applyFollow: 'Could not update the actions',
      listActions: 'Could not list the actions',
      registerAction: 'Could not register the action',
      updateAction: 'Could not update the action',
      deleteAction: 'Could not delete the action',
      linkAction: 'Could not link the action',
      unlinkAction: 'Could not unlink the action',
      registerHere: 'Could not register the action here',
      checkAction: 'Could not check the action',
      checkParameters: 'Could not check the parameters',
      readKnownActions: 'Could not read the actions the companion knows',
      changeAnswerMode: 'Could not change the answer mode',
      saveForwardTarget: 'Could not save the forward target',
      clearMock: 'Could not clear the mock',
      printVerifier: 'Could not print the verifier',
      probeHandler: "Could not check the handler's verifier",
      stopProbe: "Could not stop checking the handler's verifier",
      readProbes: "Could not read the checks of your handler's verifier going on",
      replayCall: 'Could not replay the call',
      buildCurl: 'Could not build the cURL command',
      countBulkReplay: 'Could not count the calls to replay',
      startBulkReplay: 'Could not start the bulk replay',
      cancelBulkReplay: 'Could not cancel the bulk replay',
      readBulkReplays: 'Could not read the running bulk replays',
      loadLearnedStyle: 'Could not load the learned signing style',
      loadSimulatorActions: 'Could not load the actions to simulate',
      exportCalls: 'Could not export the calls',
      importHar: 'Could not import the HAR file',
      loadCalls: 'Could not load calls',
      loadOlderCalls: 'Could not load older calls',
      loadStats: 'Could not load call statistics',
      loadStatus: 'Could not load the companion status',
      readWaitingCalls: 'Could not read the calls waiting for your handler',
      checkSearchArrivals: 'Could not check the new calls against the search',
      countMatches: 'Could not count the matching calls',
      estimateMatches: 'Could not estimate how many calls match',
      prepareSample: 'Could not prepare a sample request',
      setHmacKey: 'Could not set the HMAC key',
      clearHmacKey: 'Could not clear the HMAC key',
      clearHistory: 'Could not clear the history',
      changeAccessToken: 'Could not change the access token',
      loadLimits: 'Could not load the history limits',
      saveLimits: 'Could not save the limits',
      openTunnel: 'Could not open the tunnel',
      closeTunnel: 'Could not close the tunnel',
      setNgrokAuthtoken: 'Could not set the ngrok authtoken',
      clearNgrokAuthtoken: 'Could not clear the ngrok authtoken',
      changeListening: 'Could not change the listening interfaces',
      readProject: 'Could not read the project folder',
      plan: 'Could not plan',
      apply: 'Could not apply',
      pull: 'Could not pull',
    });
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
    expect(NO_WEBHOOK_URL_TO_COPY).toBe('There is no webhook URL to copy yet: the server is not listening');
    expect(nothingToCopyWords('answer body')).toBe('Nothing to copy: the answer body is empty.');
    expect(registerHereFailedWords('send_email')).toBe('Could not register send_email here: see the message above.');
    expect(NOT_CONNECTED).toBe('Not connected to the companion.');
    expect(VERIFIER_NOT_PRINTED).toBe('The verifier could not be printed.');
    expect(NO_ACCESS_TOKEN_HERE).toBe('Only the browser inspector has an access token.');
  });
});

/** The page's source files, by path under renderer/src. */
function pageSources(folder = resolve(__dirname, '../../../renderer/src')): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) for (const [file, text] of pageSources(path)) files.set(file, text);
    else if (/\.tsx?$/.test(entry.name)) files.set(path, readFileSync(path, 'utf8'));
  }
  return files;
}

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

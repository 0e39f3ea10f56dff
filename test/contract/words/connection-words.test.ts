// The lost connection's banner and the error of a request that never reached the companion, in
// the words the page said itself; the command that brings serve back set apart as code.
import { describe, expect, it } from 'vitest';
import {
  connectionLostHeading,
  failedWithHttpWords,
  INSPECTOR_REQUEST_NAMES,
  lastFailedWords,
  START_APP_AGAIN,
  startServeAgainParts,
  unreachableWords,
  type CodePart,
} from '../../../main/contract/words';

const markup = (parts: readonly CodePart[]) => parts.map((part) => ('text' in part ? part.text : `<code>${part.code}</code>`)).join('');

describe('the connection to the companion lost', () => {
  it('heads the banner while the page reconnects, and once it has given up for now', () => {
    expect(connectionLostHeading(true)).toBe('Connection to the companion lost: reconnecting…');
    expect(connectionLostHeading(false)).toBe('Cannot reach the companion.');
  });

  it('says how to bring the companion back: serve by its command, with its folder and port when the page knows them; the app by starting it', () => {
    expect(markup(startServeAgainParts('flowent-companion serve --port 8787', true))).toBe(
      'If it was stopped, start <code>flowent-companion serve --port 8787</code> again: this page reconnects by itself and reads again what it shows.',
    );
    expect(markup(startServeAgainParts('flowent-companion serve', false))).toBe(
      'If it was stopped, start <code>flowent-companion serve</code> again (on the same data folder and webhook port): this page reconnects by itself and reads again what it shows.',
    );
    expect(START_APP_AGAIN).toBe('If it was closed, start Flowent Companion again.');
  });

  it('names the last request it failed, and what the transport said of one that never arrived', () => {
    expect(unreachableWords('Failed to fetch')).toBe('Cannot reach the companion (Failed to fetch)');
    expect(lastFailedWords('Could not load calls: Cannot reach the companion (Failed to fetch)')).toBe(
      'Last failed: Could not load calls: Cannot reach the companion (Failed to fetch)',
    );
  });
});

describe('a request the companion answered with no message of its own', () => {
  it('names the request and its HTTP status', () => {
    expect(failedWithHttpWords('getStatus', 502)).toBe('getStatus failed with HTTP 502');
    expect(failedWithHttpWords(INSPECTOR_REQUEST_NAMES.eventTicket, 500)).toBe('The live connection failed with HTTP 500');
    expect(failedWithHttpWords(INSPECTOR_REQUEST_NAMES.rotateToken, 503)).toBe('Changing the access token failed with HTTP 503');
  });
});

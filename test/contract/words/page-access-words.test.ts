// The page's screens in place of everything when it cannot use the companion, as the page said them itself.
import { describe, expect, it } from 'vitest';
import {
  accessDeniedHeading,
  accessDeniedParts,
  findInspectorAddressParts,
  NO_BRIDGE,
  OPEN_INSPECTOR_URL,
  SAME_DATA_DIR_NOTE,
  startAgainForAddressParts,
  WHAT_TO_DO,
  type MarkedPart,
} from '../../../main/contract/words';

const markup = (parts: readonly MarkedPart[]) =>
  parts
    .map((part) => ('text' in part ? part.text : 'code' in part ? `<code>${part.code}</code>` : `<strong>${part.strong}</strong>`))
    .join('');

const ROTATE = "flowent-companion inspector rotate-token --data-dir '/tmp/other data'";

describe("the page's access token refused", () => {
  it('says the token was changed, and where the new address is', () => {
    expect(accessDeniedHeading(true)).toBe('The access token was changed');
    expect(markup(accessDeniedParts(true, ROTATE))).toBe(
      `Someone changed the inspector's access token (the button in Settings, or <code>${ROTATE}</code>). This page's address holds the old one, which the companion no longer accepts.`,
    );
    expect(markup(findInspectorAddressParts(true, ROTATE))).toBe(
      'Open the new Inspector address. <code>flowent-companion serve</code> printed it when the token changed, on a new <strong>Inspector</strong> ' +
        'line that ends in <code>(the access token was changed)</code>; the page where the token was changed has it too, and so does the ' +
        `output of <code>${ROTATE}</code>.`,
    );
  });

  it('says a token refused for another reason, and which Inspector line to open', () => {
    expect(accessDeniedHeading(false)).toBe('This page’s access token is not accepted');
    expect(markup(accessDeniedParts(false, ROTATE))).toBe(
      "The companion refused the token in this page's address: it is wrong, or it belongs to another companion (each data folder has its own). Nothing is shown until the page has the right one.",
    );
    expect(markup(findInspectorAddressParts(false, ROTATE))).toBe(
      'Find the last <strong>Inspector</strong> line that <code>flowent-companion serve</code> printed (it holds <code>#token=…</code>; serve prints a new one whenever the token is changed) and open that address.',
    );
  });

  it('says how to start a companion that stopped, and that its data folder goes with the commands', () => {
    expect(WHAT_TO_DO).toBe('What to do');
    expect(markup(startAgainForAddressParts('flowent-companion serve'))).toBe(
      'If the companion is no longer running, start it again with <code>flowent-companion serve</code> and open the address it prints.',
    );
    expect(markup(SAME_DATA_DIR_NOTE)).toBe(
      'If the companion was started with <code>--data-dir</code>, give these commands the same one: each data folder has its own companion and token.',
    );
  });
});

describe('the page opened without its access token', () => {
  it('says so, and what to open instead', () => {
    expect(NO_BRIDGE).toBe('This page cannot reach the companion: it was opened without its access token.');
    expect(markup(OPEN_INSPECTOR_URL)).toBe(
      'Open the Inspector URL printed by <code>flowent-companion serve</code> (it ends in <code>#token=…</code>), or start the desktop app.',
    );
  });
});

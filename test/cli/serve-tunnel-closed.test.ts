import { describe, expect, it } from 'vitest';
import type { LinkedAction } from '../../main/contract/api';
import { tunnelClosedLine } from '../../main/cli/serve-tunnel-closed';

const CLOSED = 'https://closed.example.app';
const link = (action: string, more: Partial<LinkedAction> = {}): LinkedAction => ({
  profile: 'default',
  action,
  webhookUrl: `${CLOSED}/actions/${action}`,
  linkedAt: 1,
  ...more,
});

describe("serve's line when the tunnel closes", () => {
  it('names the links at the closed URL, not an action Flowent no longer has', () => {
    const line = tunnelClosedLine([link('send_email'), link('get_weather', { gone: { at: 2, followSaid: false } })], CLOSED);
    expect(line).toMatch(/^Flowent: send_email \(default\) still points at the tunnel's URL \S+, which is closed/);
    expect(line).not.toContain('get_weather');
  });

  it('says nothing when the only link left there is gone from Flowent', () => {
    expect(tunnelClosedLine([link('get_weather', { gone: { at: 2, followSaid: true } })], CLOSED)).toBeNull();
  });
});

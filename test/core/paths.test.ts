import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { userStateFolder } from '../../main/core/paths';

describe("the user's state folder", () => {
  const home = join('/', 'home', 'ada');

  it('is $XDG_STATE_HOME on Linux, else ~/.local/state; a relative one is ignored, as the XDG spec says', () => {
    expect(userStateFolder({ env: { XDG_STATE_HOME: '/var/state/ada' }, platform: 'linux', home })).toBe('/var/state/ada');
    expect(userStateFolder({ env: {}, platform: 'linux', home })).toBe(join(home, '.local', 'state'));
    expect(userStateFolder({ env: { XDG_STATE_HOME: '' }, platform: 'freebsd', home })).toBe(join(home, '.local', 'state'));
    expect(userStateFolder({ env: { XDG_STATE_HOME: 'state' }, platform: 'linux', home })).toBe(join(home, '.local', 'state'));
  });

  it('is ~/Library/Application Support on macOS, whatever XDG_STATE_HOME says', () => {
    expect(userStateFolder({ env: { XDG_STATE_HOME: '/var/state/ada' }, platform: 'darwin', home })).toBe(
      join(home, 'Library', 'Application Support'),
    );
  });

  it('is %LOCALAPPDATA% on Windows, else AppData\\Local in the home folder', () => {
    expect(userStateFolder({ env: { LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, platform: 'win32', home })).toBe(
      'C:\\Users\\ada\\AppData\\Local',
    );
    expect(userStateFolder({ env: {}, platform: 'win32', home })).toBe(join(home, 'AppData', 'Local'));
  });
});

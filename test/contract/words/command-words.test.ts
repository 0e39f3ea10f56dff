import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { shellWord } from '../../../main/contract/shell-words';
import { companionCommand, dataDirForCommands, serveAgainCommand } from '../../../main/contract/words';
import { coresClosedAfterEach } from '../../helpers/running-core';
import { makeTempDir } from '../../helpers/temp-dir';

const run = promisify(execFile);
const startCore = coresClosedAfterEach();

describe('a command printed for the person to run', () => {
  it('names the data folder when it is not the default one, quoted for the shell when it must be', () => {
    expect(companionCommand('export --har calls.har --all', null)).toBe('flowent-companion export --har calls.har --all');
    expect(companionCommand('export --har calls.har --all', '/tmp/ef/main')).toBe(
      'flowent-companion export --har calls.har --all --data-dir /tmp/ef/main',
    );
    expect(companionCommand(`import ${shellWord('huge calls.har')}`, "/home/ada/Flowent's data")).toBe(
      `flowent-companion import 'huge calls.har' --data-dir '/home/ada/Flowent'\\''s data'`,
    );
  });

  // A page whose serve stopped reconnects only to a serve on its own inspector port.
  it('serve again names the ports that are not the defaults, and none that are', () => {
    expect(serveAgainCommand({ webhookPort: 8787, inspectorPort: 8788 }, null)).toBe('flowent-companion serve');
    expect(serveAgainCommand({ webhookPort: null, inspectorPort: 8788 }, '/tmp/ef/main')).toBe(
      'flowent-companion serve --data-dir /tmp/ef/main',
    );
    expect(serveAgainCommand({ webhookPort: 9000, inspectorPort: 41849 }, null)).toBe(
      'flowent-companion serve --port 9000 --inspector-port 41849',
    );
  });

  it('a word quoted for the shell reads back as the same word', async () => {
    for (const word of ['/tmp/ef/main', 'C:/Users/ada/data', '/home/ada/my data', "it's", '$HOME `id` "x" \\ !', 'a*b?[c]', '']) {
      const { stdout } = await run('/bin/sh', ['-c', `printf %s ${shellWord(word)}`]);
      expect(stdout).toBe(word);
    }
  });

  it('the core tells whether its data folder is the one a command opens when given none', async () => {
    const config = makeTempDir();
    try {
      // The default folder, as the commands find it: $XDG_CONFIG_HOME/flowent-companion (on Windows, %APPDATA%\flowent-companion).
      const env = { XDG_CONFIG_HOME: config.path, APPDATA: config.path };
      const defaultDir = join(config.path, 'flowent-companion');
      mkdirSync(defaultDir);
      const inDefault = await startCore({ dataDir: defaultDir, env });
      const other = await startCore({ env });
      expect(dataDirForCommands(await inDefault.core.api.getStatus())).toBeNull();
      expect(dataDirForCommands(await other.core.api.getStatus())).toBe(other.dataDir);
    } finally {
      config.remove();
    }
  });
});

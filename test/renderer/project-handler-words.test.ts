import { afterEach, describe, expect, it } from 'vitest';
import { inCliWords } from '../../main/cli/cli-words';
import type { CoreStatus, ProjectProblem, ServeSeen } from '../../main/contract/api';
import { inDesktopWords } from '../../main/desktop/desktop-words';
import { importHarFile } from '../../renderer/src/replay/replay-har-actions';
import { inPageWords } from '../../renderer/src/page/page-words';
import { resetStores, useMetaStore } from '../../renderer/src/page/stores';

describe('the project folder in each front end’s words', () => {
  it('no project: the command line names --project, the page the desktop app’s menu', () => {
    expect(inCliWords({ code: 'no-project' })).toBe(
      'No project folder is open. Run the command in the folder that holds flowent/, or give --project <dir>; run "flowent-companion init" in your project to create one.',
    );
    const page = inPageWords({ code: 'no-project' });
    expect(page).toContain('File › Open Project Folder…');
    expect(page).not.toContain('run the command in the folder');
  });

  it('a missing folder is said alike by the app’s start, the command line and the page', () => {
    const failure = { code: 'project-missing', dir: '/home/dev/shop/flowent' } as const;
    const said = 'There is no project folder at /home/dev/shop/flowent. Run "flowent-companion init" in your project to create one.';
    expect(inDesktopWords(failure)).toBe(said);
    expect(inCliWords(failure)).toBe(said);
    expect(inPageWords(failure)).toBe(said);
  });

  it('files with mistakes are listed one a line with their places', () => {
    const problems: ProjectProblem[] = [
      { file: 'actions/a.yaml', line: 2, column: 9, message: 'description is required' },
      { file: 'actions/b.yaml', line: null, column: null, message: 'cannot be read (EACCES)' },
    ];
    expect(inCliWords({ code: 'project-invalid', problems })).toBe(
      'Project files have 2 mistakes; fix them first:\n  actions/a.yaml:2:9: description is required\n  actions/b.yaml: cannot be read (EACCES)',
    );
  });

  it('an apply refused for lack of a running companion: start serve on the command line, restart on the page', () => {
    const failure = { code: 'no-companion-here' as const, file: 'actions/a.yaml', others: [] };
    expect(inCliWords(failure)).toContain('Start it with "flowent-companion serve"');
    expect(inPageWords(failure)).toContain('Restart Flowent Companion');
  });

  it('here with serves answering from other projects names where each answers from; with several of this project, names them', () => {
    const others: ServeSeen[] = [
      { mode: 'headless', baseUrl: 'http://127.0.0.1:8787', projectDir: '/work/other/flowent' },
      { mode: 'headless', baseUrl: 'http://127.0.0.1:8790', projectDir: null },
    ];
    expect(inCliWords({ code: 'no-companion-here', file: 'actions/a.yaml', others })).toBe(
      "actions/a.yaml says webhook_url: here, but no companion answers from this project's files (the serve at http://127.0.0.1:8787 " +
        "answers from /work/other/flowent/answers; the serve at http://127.0.0.1:8790 answers from the history folder's answers). " +
        'Start it with "flowent-companion serve", answering from this project\'s files (run the command in the folder that holds ' +
        'flowent/, or give --project <dir>; with a tunnel for Flowent in the cloud), then run this again.',
    );
    expect(inPageWords({ code: 'several-companions-here', file: 'actions/a.yaml', serves: others })).toBe(
      "actions/a.yaml says webhook_url: here, but 2 serves answer from this project's files: http://127.0.0.1:8787 and " +
        'http://127.0.0.1:8790. Stop all of them but the one Flowent should call, then run this again.',
    );
  });

  it('the desktop app among them is named as the app, not as a serve', () => {
    const app = { mode: 'desktop', baseUrl: 'http://127.0.0.1:8787', projectDir: '/work/other/flowent' } as const;
    const serve = { mode: 'headless', baseUrl: 'http://127.0.0.1:8790', projectDir: '/work/other/flowent' } as const;
    expect(inCliWords({ code: 'no-companion-here', file: 'actions/a.yaml', others: [app] })).toContain(
      "no companion answers from this project's files (the desktop app at http://127.0.0.1:8787 answers from /work/other/flowent/answers)",
    );
    expect(inPageWords({ code: 'several-companions-here', file: 'actions/a.yaml', serves: [app, serve] })).toBe(
      "actions/a.yaml says webhook_url: here, but 2 companions answer from this project's files: the desktop app at http://127.0.0.1:8787 " +
        'and the serve at http://127.0.0.1:8790. Stop all of them but the one Flowent should call, then run this again.',
    );
  });

  it('an answer file with a mistake names the file and line', () => {
    expect(inCliWords({ code: 'answer-file-invalid', file: 'answers/send_email.yaml', problem: 'status must be a number', line: 3 })).toBe(
      'answers/send_email.yaml has a mistake at line 3: status must be a number. Fix the file first, so the change does not overwrite your edit.',
    );
  });
});

describe('the handler probe in each front end’s words', () => {
  it('no key: the command line names the variable, the page the Settings field', () => {
    const failure = { code: 'no-key', needs: 'probe' } as const;
    expect(inCliWords(failure)).toBe('A probe signs the call in each style with the HMAC key. Set FLOWENT_HMAC_KEY.');
    expect(inPageWords(failure)).toBe('A probe signs the call in each style with the HMAC key. Set the key in Settings > HMAC key.');
  });

  it('a registration check cannot be probed: another call of the action can', () => {
    expect(inPageWords({ code: 'probe-registration-check', id: 4, action: 'send_email' })).toBe(
      "Call #4 is Flowent's registration check, which handlers answer without checking a signature. Probe with another call of send_email.",
    );
    expect(inCliWords({ code: 'call-without-action', id: 5, wanted: 'probe' })).toBe(
      'Call #5 names no action, so there is no handler to send it to.',
    );
  });
});

describe('a HAR file over the import limit, in the page', () => {
  it('is refused before it is read or sent, with its name and size', async () => {
    let read = false;
    // A file that says it is 70 MB, and tells any reading of its bytes.
    const file = new File(['{}'], 'calls.har');
    Object.defineProperty(file, 'size', { value: 70 * 1024 * 1024 });
    for (const reading of ['arrayBuffer', 'bytes', 'slice', 'stream', 'text'] as const) {
      Object.defineProperty(file, reading, {
        value: () => {
          read = true;
          throw new Error('read');
        },
      });
    }
    expect(await importHarFile(file)).toEqual({
      ok: false,
      message:
        'calls.har is 70 MB; HAR imports here are at most 64 MB. Import it with the command, which takes any size: flowent-companion import calls.har',
    });
    expect(read).toBe(false);
  });

  it('names the folder the command must import into, and quotes what the shell would split', () => {
    const failure = {
      code: 'har-too-large',
      file: 'C:/Users/ada/My calls.har',
      megabytes: 70,
      maxMegabytes: 64,
      dataDir: '/srv/flowent data',
    } as const;
    expect(inPageWords(failure)).toBe(
      "C:/Users/ada/My calls.har is 70 MB; HAR imports here are at most 64 MB. Import it with the command, which takes any size: flowent-companion import 'C:/Users/ada/My calls.har' --data-dir '/srv/flowent data'",
    );
  });
});

describe('a project folder that already exists, in the page', () => {
  afterEach(() => resetStores());

  it('names the data folder in the pull command when the companion is not on the default one', () => {
    const failure = { code: 'project-exists', dir: '/home/ada/shop/flowent' } as const;
    useMetaStore.setState({ status: { dataDir: '/srv/flowent data', dataDirIsDefault: false } as CoreStatus });
    expect(inPageWords(failure)).toBe(
      `/home/ada/shop/flowent already exists: nothing was changed. Run "flowent-companion actions pull --data-dir '/srv/flowent data'" to refresh its actions from Flowent.`,
    );
    useMetaStore.setState({ status: { dataDir: '/home/ada/.config/flowent-companion', dataDirIsDefault: true } as CoreStatus });
    expect(inPageWords(failure)).toContain('Run "flowent-companion actions pull" to refresh');
  });
});

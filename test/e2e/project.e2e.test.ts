import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlowentGateway } from '../fixtures/flowent-gateway/gateway';
import type { ServeProcess } from '../helpers/spawn-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { screenshot } from './browser';
import { seriousAxeViolations } from './axe';
import { serveInspectorForFile } from './served-inspector';

const API_TOKEN = 'api_e2e_project';
let gateway: FlowentGateway;
let server: ServeProcess;
let page: Page;
let pageErrors: string[];
const root = makeTempDir('fc-e2e-project-');
const answerFile = join(root.path, 'flowent', 'answers', 'send_email.yaml');

const ACTION = `# yaml-language-server: $schema=../schemas/action.schema.json
version: 1
name: send_email
description: Send an email
json_schema:
  type: object
  required: [recipient]
  properties:
    recipient: {type: string}
webhook_url:
  default: here
`;

const ANSWER = `# Our happy path: what the flow sees when the mail goes out.
version: 1
body: {result: "sent", error: ""} # Flowent shows result
`;

beforeAll(async () => {
  gateway = new FlowentGateway({ apiTokens: { [API_TOKEN]: 'tenant-1' } });
  await gateway.start();
  mkdirSync(join(root.path, 'flowent', 'actions'), { recursive: true });
  mkdirSync(join(root.path, 'flowent', 'answers'));
  writeFileSync(join(root.path, 'flowent', 'actions', 'send_email.yaml'), ACTION);
  writeFileSync(answerFile, ANSWER);
});
afterAll(async () => {
  await gateway?.stop();
  root.remove();
});

serveInspectorForFile(
  () => ({
    args: ['--project', root.path],
    env: { FLOWENT_BASE_URL: gateway.baseUrl, FLOWENT_API_TOKEN: API_TOKEN },
  }),
  (served) => ({ server, page, pageErrors } = served),
);

const call = async (action: string) =>
  (
    await fetch(`${server.baseUrl}/actions/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action_name: action, parameters: { recipient: 'a@example.com' }, timestamp: Math.floor(Date.now() / 1000) }),
    })
  ).json();

async function projectDialog(): Promise<Locator> {
  const dialog = page.getByRole('dialog', { name: 'Project' });
  if ((await dialog.count()) === 0) await page.getByRole('button', { name: 'Project', exact: true }).click();
  return dialog;
}

describe.sequential('a project folder, from the inspector', () => {
  // A comment changed or added in the editor was dropped on save: only the values reached the file.
  it('shows the open project and edits its answer file from the Answers dialog, writing its comments as typed', async () => {
    const project = await projectDialog();
    await expect.poll(() => project.getByTestId('project-dir').textContent()).toBe(join(root.path, 'flowent'));
    await page.getByRole('button', { name: 'Close project' }).click();

    await page.getByRole('button', { name: 'Answers', exact: true }).click();
    const answers = page.getByRole('dialog', { name: 'Answers' });
    await answers.getByRole('table', { name: 'What answers each action' }).getByRole('button', { name: 'send_email' }).click();
    const editor = answers.getByRole('textbox', { name: 'Mock definition (YAML)' });
    // The file as it is written, comments kept, not the definition with every default filled in (nor as JSON):
    // all of it but version:, whose comment stays above what follows.
    await expect
      .poll(() => editor.locator('.cm-line').evaluateAll((lines) => lines.map((line) => line.textContent).join('\n')))
      .toBe(ANSWER.replace('version: 1\n', ''));
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.insertText(
      '# Our happy path: what the flow sees once the mail is sent.\n# result is what the flow shows\n' +
        'body: {result: "sent from the app",  error: ""} # Flowent shows result, error stays empty\n',
    );
    await answers.getByRole('region', { name: 'Mock' }).getByRole('button', { name: 'Save mock' }).click();
    // The file had a mock already, so "stored" says nothing new: the file itself shows the save. The header
    // comment, shown above the mock, is still the file's header, above version:.
    await expect
      .poll(() => readFileSync(answerFile, 'utf8'))
      .toBe(
        '# Our happy path: what the flow sees once the mail is sent.\nversion: 1\n# result is what the flow shows\n' +
          'body: {result: "sent from the app",  error: ""} # Flowent shows result, error stays empty\n',
      );
    expect(await call('send_email')).toEqual({ result: 'sent from the app', error: '' });
    await page.getByRole('button', { name: 'Close answers' }).click();
  });

  it('plans and applies against Flowent with the same diff as the command line', async () => {
    const project = await projectDialog();
    await project.getByRole('button', { name: 'Plan', exact: true }).click();
    const row = project.getByTestId('plan-send_email');
    await expect.poll(() => row.textContent()).toBe('send_emailonly in the filescreate');
    expect(await project.getByLabel('send_email webhook_url diff').textContent()).toBe(`+ ${server.baseUrl}/actions/send_email`);
    await screenshot(page, 'project-plan');

    await project.getByRole('button', { name: 'Apply', exact: true }).click();
    // Registered at 127.0.0.1: the dialog says who can reach it, as the command line does.
    await expect
      .poll(() => project.getByRole('region', { name: 'Applied' }).textContent())
      .toBe(
        `Registered send_email.serve has no public URL (no tunnel open): using ${server.baseUrl}, which Flowent in the cloud cannot reach. ` +
          'Run serve with --tunnel for a public URL.',
      );
    await expect.poll(() => project.getByTestId('plan-summary').textContent()).toBe('Nothing to do: Flowent matches the files.');
    expect(gateway.stored()).toMatchObject([{ name: 'send_email', webhook_url: `${server.baseUrl}/actions/send_email` }]);
    // Apply is unavailable now that nothing is left: the keyboard is on what it did, not the page's body.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName))
      .toBe('Applied');

    // A broken file is shown with its line while the last good version keeps answering.
    writeFileSync(answerFile, 'version: 1\nbody: {result: "half", error: ""\n');
    await expect
      .poll(() => project.getByRole('region', { name: 'Mistakes in the files' }).textContent())
      .toMatch(/answers\/send_email\.yaml:2.*\(its last good version keeps answering\)/);
    expect(await call('send_email')).toEqual({ result: 'sent from the app', error: '' });
    expect(pageErrors).toEqual([]);
  });

  it('pulls an action only on Flowent into its file from the dialog, the focus staying on Pull', async () => {
    gateway.storeAction({
      name: 'make_note',
      description: 'Make a note',
      json_schema: { type: 'object' },
      webhook_url: 'https://example.com/hooks/make_note',
    });
    const project = await projectDialog();
    await project.getByRole('button', { name: 'Plan', exact: true }).click();
    await expect.poll(() => project.getByTestId('plan-make_note').textContent()).toBe('make_noteonly on Flowentleft alone');
    // The row says what apply does; the summary, what does something about it.
    expect(await project.getByTestId('plan-summary').textContent()).toContain(
      'Only on Flowent, left alone: make_note (Pull writes its file; Apply with prune deletes it from Flowent).',
    );
    const pull = project.getByRole('button', { name: 'Pull', exact: true });
    await pull.click();
    await expect.poll(() => project.getByRole('region', { name: 'Pulled' }).textContent()).toContain('Wrote actions/make_note.yaml.');
    expect(await pull.evaluate((button) => button === document.activeElement)).toBe(true);
    expect(readFileSync(join(root.path, 'flowent', 'actions', 'make_note.yaml'), 'utf8')).toContain('description: Make a note');
    expect(pageErrors).toEqual([]);
  });

  // The dialog listed a broken file's action as answered by the built-in answer, and said nothing of the file.
  it('says each answer file with a mistake in the Answers dialog, where it is and what answers meanwhile, as serve does', async () => {
    const broken = join(root.path, 'flowent', 'answers', 'bad_one.yaml');
    writeFileSync(broken, 'version: 1\nstatus: [oops\n');
    await server.waitFor(
      /Project: answers\/bad_one\.yaml has a mistake; it is not used until fixed:\n {2}(answers\/bad_one\.yaml:2:\d+: .+)\n/,
    );
    const [, sendEmailMistake] =
      /Project: answers\/send_email\.yaml has a mistake; its last good version keeps answering:\n {2}(.+)\n/.exec(server.output())!;
    const [, badOneMistake] = /answers\/bad_one\.yaml has a mistake; it is not used until fixed:\n {2}(.+)\n/.exec(server.output())!;

    await page.getByRole('button', { name: 'Close project' }).click();
    await page.getByRole('button', { name: 'Answers', exact: true }).click();
    const answers = page.getByRole('dialog', { name: 'Answers' });
    const mistakes = answers.getByRole('region', { name: 'Answer files with mistakes' });
    await expect
      .poll(async () => (await mistakes.locator('p, li').allInnerTexts()).join('\n'))
      .toBe(
        [
          'answers/bad_one.yaml has a mistake; it is not used until fixed:',
          badOneMistake,
          'answers/send_email.yaml has a mistake; its last good version keeps answering:',
          sendEmailMistake,
        ].join('\n'),
      );
    // Its action is listed, and its editor says the file is to be fixed, not that saving writes it.
    await answers.getByRole('table', { name: 'What answers each action' }).getByRole('button', { name: 'bad_one' }).click();
    await expect
      .poll(() => answers.getByTestId('mock-file').textContent())
      .toBe(
        "The project's flowent/answers/bad_one.yaml has a mistake (said above): fix it in the file first, as saving here would overwrite it.",
      );
    await screenshot(page, 'answers-file-mistakes');

    // Fixed, it is said no more.
    writeFileSync(broken, 'version: 1\nstatus: 200\n');
    await expect.poll(async () => (await mistakes.locator('p').allInnerTexts()).join('\n')).not.toContain('bad_one');
    await page.getByRole('button', { name: 'Close answers' }).click();
    expect(pageErrors).toEqual([]);
  });

  // Only the Project dialog said it: calls went on being answered by the last good version, and the main screen said nothing.
  it('says on the main screen, while it lasts, that a file has a mistake, and marks Project', async () => {
    const banner = page.getByRole('status', { name: 'Project problem' });
    const project = page.getByRole('navigation', { name: 'Commands' }).getByRole('button', { name: 'Project', exact: true });
    // From a project with no mistake.
    writeFileSync(answerFile, ANSWER);
    rmSync(join(root.path, 'flowent', 'answers', 'bad_one.yaml'), { force: true });
    await expect.poll(() => banner.count()).toBe(0);
    expect(await project.locator('.command-mark').count()).toBe(0);

    writeFileSync(answerFile, 'version: 1\nstatus: "two hundred"\n');
    await expect
      .poll(() => banner.textContent())
      .toMatch(/^Project: answers\/send_email\.yaml:2:\d+ has a mistake; its last good version keeps answering\./);
    await expect.poll(() => project.locator('.command-mark').isVisible()).toBe(true);
    expect(await project.evaluate((button) => document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent)).toBe(
      'A project file has a mistake.',
    );
    expect(await seriousAxeViolations(page, '.app-header')).toEqual([]);
    expect(await seriousAxeViolations(page, '[aria-label="Project problem"]')).toEqual([]);
    await screenshot(page, 'project-trouble-banner');
    await banner.getByRole('button', { name: 'Open Project' }).click();
    await expect
      .poll(() => page.getByRole('dialog', { name: 'Project' }).getByRole('region', { name: 'Mistakes in the files' }).isVisible())
      .toBe(true);
    await page.getByRole('button', { name: 'Close project' }).click();

    // Fixed, it is said no more.
    writeFileSync(answerFile, ANSWER);
    await expect.poll(() => banner.count()).toBe(0);
    expect(await project.locator('.command-mark').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});

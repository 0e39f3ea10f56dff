// @vitest-environment happy-dom
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { useCompanion, valueOf, type Companion } from '../harness/companion';
import { API_TOKEN, gatewayOptions, useGateway } from '../harness/gateway';
import { renderApp } from '../harness/render';
import { makeTempDir } from '../../helpers/temp-dir';

// The Project dialog over a real core and the Gateway stand-in: what stops Plan, and Pull.
const gateway = useGateway();
const companion = useCompanion();

const MAKE_NOTE = `version: 1
description: Make a note
json_schema: {type: object}
webhook_url: https://example.com/hooks/make_note
`;

/** A companion with a project folder holding `files` (paths under flowent/), its account on the Gateway. */
async function withProject(files: Record<string, string>): Promise<{ c: Companion; dir: string }> {
  const root = makeTempDir('fc-project-dialog-');
  onTestFinished(() => root.remove());
  const dir = join(root.path, 'flowent');
  mkdirSync(join(dir, 'actions'), { recursive: true });
  mkdirSync(join(dir, 'answers'));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  const reach = gatewayOptions(gateway());
  const c = await companion.restart({ ...reach, core: { ...reach.core, projectDir: dir } });
  valueOf(await c.api.setFlowentApiToken('default', API_TOKEN));
  return { c, dir };
}

async function openProject(c: Companion) {
  const view = renderApp(c.bridge);
  await view.user.click(await screen.findByRole('button', { name: 'Project' }));
  const dialog = await screen.findByRole('dialog', { name: 'Project' });
  await within(dialog).findByTestId('project-dir');
  return { ...view, dialog };
}

describe('the Project dialog', () => {
  it('says once which mistakes stop Plan, by the list of the files, not as a second run-on paragraph', async () => {
    const { c } = await withProject({
      'actions/broken.yaml': 'version: 1\ndescription: ""\njson_schema: {type: object}\nwebhook_url: notaurl\n',
      'answers/make_note.yaml': 'version: 1\nstatus: "abc"\n',
    });
    const { dialog, user } = await openProject(c);
    const list = await within(dialog).findByRole('region', { name: 'Mistakes in the files' });
    const items = () => [...list.querySelectorAll('li')].map((li) => li.textContent ?? '');
    await waitFor(() => expect(items().length).toBe(3));
    // Which of them stop Plan is said before Plan is pressed.
    expect(
      items()
        .filter((item) => item.startsWith('actions/'))
        .every((item) =>
          item.endsWith(
            "(calls' parameters are not checked against it, and the actions are not planned, applied or pulled until it is fixed)",
          ),
        ),
    ).toBe(true);
    expect(items().find((item) => item.startsWith('answers/'))).toMatch(/\(it is not used until fixed\)$/);

    await user.click(within(dialog).getByRole('button', { name: 'Plan' }));
    const blocked = await within(dialog).findByTestId('plan-blocked');
    expect(blocked.textContent).toBe(
      'Plan needs the files under actions/ fixed first (2 mistakes, marked above). Mistakes under answers/ do not stop it.',
    );
    // Each mistake's words are on the screen once: in the list.
    for (const item of items()) expect(dialog.textContent?.split(item.split(' (')[0]!).length).toBe(2);
  });

  it('says a file set to forward with no target is in use, not "it is not used until fixed"', async () => {
    const { c } = await withProject({ 'answers/make_note.yaml': 'version: 1\nmode: forward\n' });
    const { dialog } = await openProject(c);
    const list = await within(dialog).findByRole('region', { name: 'Mistakes in the files' });
    await waitFor(() => expect(list.querySelector('li')?.textContent).toMatch(/^answers\/make_note\.yaml:2:1 /));
    expect(list.querySelector('li')?.textContent).toMatch(
      /no forward: target is set .*: set a forwarding target for make_note in Answers, or add "forward: <url>" to answers\/make_note\.yaml \(in use: it forwards as soon as it has a target\)$/,
    );
  });

  // A teammate's clone: the answer file from git forwards with its password as ***, this machine
  // keeps none, and serve, send and replay refuse it; the Project dialog said nothing of it.
  it('says an answer file forwards to a *** password this machine does not keep, with what to do, in the refusals’ words', async () => {
    const target = 'http://user:***@127.0.0.1:9/actions/{action_name}';
    const { c, dir } = await withProject({
      'answers/make_note.yaml': `version: 1\nmode: forward\nforward: ${target}\n`,
      // Answered by its mock: its target is not where calls go, so nothing is refused.
      'answers/lookup.yaml': `version: 1\nmode: mock\nforward: ${target}\n`,
    });
    const { dialog } = await openProject(c);
    const section = await within(dialog).findByRole('region', { name: 'Targets without their password' });
    expect([...section.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      `answers/make_note.yaml forwards to ${target}, which has *** for its password: it is left out of files meant for git ` +
        '(answer files, exports), and this history folder keeps no password for that URL: serve forwards nothing to it (calls get ' +
        'a 502), and send and replay send nothing. To forward, run "flowent-companion targets set make_note <the URL with its ' +
        'password>" with this history folder (in a project the file keeps ***), or have the handler take its credentials another way.',
    ]);

    // Given here with its password (the file keeps ***), it forwards: the dialog says so once the files are read again.
    valueOf(await c.api.setForwardTarget('make_note', 'http://user:secret@127.0.0.1:9/actions/{action_name}'));
    expect(readFileSync(join(dir, 'answers', 'make_note.yaml'), 'utf8')).toContain(target);
    await waitFor(() => expect(within(dialog).queryByRole('region', { name: 'Targets without their password' })).toBeNull());
  });

  it('says a removed project folder keeps answering from its last version, naming the folder, not a file', async () => {
    const { c, dir } = await withProject({ 'answers/make_note.yaml': 'version: 1\nbody: {result: "ok", error: ""}\n' });
    expect((await c.api.getProject()).answers).toEqual(['answers/make_note.yaml']);
    rmSync(dir, { recursive: true });
    const { dialog } = await openProject(c);
    const list = await within(dialog).findByRole('region', { name: 'Mistakes in the files' });
    await waitFor(() =>
      expect(list.querySelector('li')?.textContent).toMatch(new RegExp(`^${dir.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: `)),
    );
    expect(list.querySelector('li')?.textContent).toContain('its last version keeps answering, and it is read again when it is back');
    expect(list.querySelector('li')?.textContent).not.toContain('(it is not used until fixed)');
  });

  // The dialog said its last version keeps answering, and named no file: not what answers, nor what checks parameters.
  it('names the answer files still answering and the action files still checking parameters while the folder is removed', async () => {
    const { c, dir } = await withProject({
      'answers/make_note.yaml': 'version: 1\nbody: {result: "ok", error: ""}\n',
      'actions/make_note.yaml': MAKE_NOTE,
    });
    expect(await c.api.getProject()).toMatchObject({ answers: ['answers/make_note.yaml'], actions: ['actions/make_note.yaml'] });
    rmSync(dir, { recursive: true });
    const { dialog } = await openProject(c);
    const list = await within(dialog).findByRole('region', { name: 'Mistakes in the files' });
    await waitFor(() => expect(list.querySelector('li')?.textContent).toContain('its last version keeps answering'));
    const paragraphs = [...list.querySelectorAll('li p')].map((p) => p.textContent);
    expect(paragraphs).toEqual([
      'Answer files still answering: answers/make_note.yaml.',
      'Action files still checking parameters: actions/make_note.yaml.',
    ]);
  });

  it('pulls an action only on Flowent into its file, saying what it wrote, busy and focused while it runs', async () => {
    const { c, dir } = await withProject({ 'actions/make_note.yaml': MAKE_NOTE });
    gateway().storeAction({
      name: 'make_note',
      description: 'Make a note',
      json_schema: { type: 'object' },
      webhook_url: 'https://example.com/hooks/make_note',
    });
    gateway().storeAction({
      name: 'only_remote',
      description: 'Only on Flowent',
      json_schema: { type: 'object' },
      webhook_url: 'https://example.com/hooks/only_remote',
    });
    const { dialog, user } = await openProject(c);
    const pull = within(dialog).getByRole('button', { name: 'Pull' });
    await user.click(within(dialog).getByRole('button', { name: 'Plan' }));
    await waitFor(() =>
      expect(within(dialog).getByTestId('plan-summary').textContent).toBe(
        'Nothing to apply: the files ask Flowent for no change.' +
          'Only on Flowent, left alone: only_remote (Pull writes its file; Apply with prune deletes it from Flowent).',
      ),
    );

    const release = c.bridge.holdNext('pullActions', 'answer');
    await user.click(pull);
    // Busy, not disabled: the focus stays on the button pressed, and a second press does nothing.
    await waitFor(() => expect(pull.getAttribute('aria-disabled')).toBe('true'));
    expect(pull.textContent).toBe('Pulling…');
    expect(document.activeElement).toBe(pull);
    await user.click(pull);
    release();
    const pulled = await within(dialog).findByRole('region', { name: 'Pulled' });
    expect(pulled.textContent).toBe('Wrote actions/only_remote.yaml.Plan again to compare the files with Flowent now.');
    expect(c.bridge.callsTo('pullActions')).toEqual([[false, false]]);
    expect(readFileSync(join(dir, 'actions', 'only_remote.yaml'), 'utf8')).toContain('description: Only on Flowent');
    expect(existsSync(join(dir, 'actions', 'make_note.yaml'))).toBe(true);
    expect(pull.getAttribute('aria-disabled')).toBeNull();
    expect(document.activeElement).toBe(pull);
  });

  // The plan said "changed on Flowent" and offered Apply: pressed, it undid Flowent's edit unsaid.
  // Pull kept a file edited here, and named only undoing the edit by hand to take Flowent's.
  it('says Apply would undo an edit made on Flowent and Pull keeps it; Pull names the command that writes over an edited file', async () => {
    const { c, dir } = await withProject({ 'actions/make_note.yaml': MAKE_NOTE });
    const flowent = { name: 'make_note', json_schema: { type: 'object' }, webhook_url: 'https://example.com/hooks/make_note' };
    gateway().storeAction({ ...flowent, description: 'Make a note' });
    // Pulled once, so the companion knows what Flowent had: what changed since, and on which side, is told from that.
    expect(valueOf(await c.api.pullActions(false, false)).written).toEqual([]);
    gateway().storeAction({ ...flowent, description: 'Make a short note' });
    const { dialog, user } = await openProject(c);
    await user.click(within(dialog).getByRole('button', { name: 'Plan' }));
    expect((await within(dialog).findByTestId('plan-make_note-flowent-edit')).textContent).toBe(
      'make_note was changed on Flowent since the last apply or pull: Apply would undo that edit, setting it back to what ' +
        "actions/make_note.yaml says; Pull writes Flowent's version into the file instead.",
    );

    writeFileSync(join(dir, 'actions', 'make_note.yaml'), MAKE_NOTE.replace('Make a note', 'Make a long note'));
    await user.click(within(dialog).getByRole('button', { name: 'Pull' }));
    const pulled = await within(dialog).findByRole('region', { name: 'Pulled' });
    expect(pulled.textContent).toMatch(
      /^Kept actions\/make_note\.yaml: .* \(Apply sends it to Flowent; "flowent-companion actions pull --force( --data-dir \S+)?" run in the project writes Flowent's over it instead, and the change is lost\)\./,
    );
    expect(readFileSync(join(dir, 'actions', 'make_note.yaml'), 'utf8')).toContain('Make a long note');
  });

  it('says in the plan, before anything is sent, that Flowent in the cloud cannot reach the companion "here" names', async () => {
    const { c } = await withProject({ 'actions/make_note.yaml': MAKE_NOTE.replace('https://example.com/hooks/make_note', 'here') });
    const { dialog, user } = await openProject(c);
    await user.click(within(dialog).getByRole('button', { name: 'Plan' }));
    const note = await within(dialog).findByTestId('plan-here-note');
    expect(note.textContent).toMatch(
      /^Note: .* has no public URL \(no tunnel open\): using http:\/\/127\.0\.0\.1:\d+, which Flowent in the cloud cannot reach\./,
    );
    expect(gateway().stored()).toEqual([]);
  });

  it('keeps Plan focusable while it runs', async () => {
    const { c } = await withProject({ 'actions/make_note.yaml': MAKE_NOTE });
    const { dialog, user } = await openProject(c);
    const plan = within(dialog).getByRole('button', { name: 'Plan' });
    const release = c.bridge.holdNext('planActions', 'answer');
    await user.click(plan);
    await waitFor(() => expect(plan.getAttribute('aria-disabled')).toBe('true'));
    expect(plan.hasAttribute('disabled')).toBe(false);
    expect(document.activeElement).toBe(plan);
    release();
    await within(dialog).findByTestId('plan-summary');
    expect(c.bridge.callsTo('planActions').length).toBe(1);
  });
});

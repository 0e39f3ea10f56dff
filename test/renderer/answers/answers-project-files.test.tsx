// @vitest-environment happy-dom
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { waitFor, within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { editorIn, typeInto } from '../harness/editor-kit';
import { makeTempDir } from '../../helpers/temp-dir';
import { openAnswers } from './answers-kit';

// With a project open, the Answers dialog edits its answer files: it says which, as serve's banner does.
const companion = useCompanion();

/** A project folder (its flowent/, with answers/ and actions/) holding `files` (paths under flowent/), removed after the test. */
function projectWith(files: Record<string, string>): string {
  const root = makeTempDir('fc-answers-files-');
  onTestFinished(() => root.remove());
  const dir = join(root.path, 'flowent');
  for (const folder of ['answers', 'actions']) mkdirSync(join(dir, folder), { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

describe('answers in a project', () => {
  it('names the answer file each action answers from, and the file a save writes', async () => {
    const dir = projectWith({
      'answers/send_email.yaml': '# Ours\nversion: 1\nbody: {result: "sent", error: ""}\n',
      'answers/h_ok.yaml': 'version: 1\nmode: forward\nforward: http://127.0.0.1:9/{action_name}\n',
    });
    const c = await companion.restart({ core: { projectDir: dir } });
    await c.send('h_ok');
    const { dialog, mock, user } = await openAnswers(c, 1);

    const rows = within(dialog).getByRole('table', { name: 'What answers each action' });
    const answeredBy = (name: string) => within(rows).getByRole('button', { name }).closest('tr')?.querySelector('td')?.textContent;
    await waitFor(() => expect(answeredBy('send_email')).toBe('mock its own mock (from flowent/answers/send_email.yaml)'));
    expect(answeredBy('h_ok')).toBe('handler your handler (http://127.0.0.1:9/{action_name}) (from flowent/answers/h_ok.yaml)');
    // No _default.yaml: the built-in answer comes from no file.
    expect(answeredBy('Default for all actions')).not.toContain('from');

    // No file of its own for the default yet: a save makes it.
    expect(within(mock).getByTestId('mock-file').textContent).toBe('The project has no flowent/answers/_default.yaml: saving writes it.');

    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Answers for' }), 'send_email');
    const own = within(dialog).getByRole('region', { name: 'Mock' });
    expect(within(own).getByTestId('mock-file').textContent).toBe(
      "From the project's flowent/answers/send_email.yaml: saving writes the mock into that file as typed here, comments included " +
        "(JSON is written as YAML, the file's comments kept), its version:, mode: and forward: lines left as they are; " +
        'clearing removes the mock from it.',
    );
    await waitFor(() => editorIn(own));
    typeInto(editorIn(own), '{"body": {"result": "edited", "error": ""}}');
    await user.click(within(own).getByRole('button', { name: 'Save mock' }));
    // JSON pasted while the editor reads YAML: its values go in as the file's YAML, the file's comment kept.
    await waitFor(() =>
      expect(readFileSync(join(dir, 'answers', 'send_email.yaml'), 'utf8')).toBe(
        '# Ours\nversion: 1\nbody: {result: "edited", error: ""}\n',
      ),
    );
  });

  // The dialog listed a broken file's action as answered by the built-in answer, and showed a YAML file's mock as JSON.
  it('says an answer file with a mistake and where, and opens a YAML file as its own text, saving its comments as typed', async () => {
    const other = 'version: 1\n# keep: owned by team X\nstatus: 200 # the usual\nbody: {result: "old", error: ""}\n';
    const dir = projectWith({ 'answers/bad_one.yaml': 'version: 1\nstatus: [oops\n', 'answers/other.yaml': other });
    const c = await companion.restart({ core: { projectDir: dir } });
    const { dialog, user } = await openAnswers(c);

    const mistakes = await within(dialog).findByRole('region', { name: 'Answer files with mistakes' });
    const [place] = (await c.api.getProject()).problems.filter((problem) => problem.file === 'answers/bad_one.yaml');
    expect(mistakes.textContent).toBe(
      `answers/bad_one.yaml has a mistake; it is not used until fixed:answers/bad_one.yaml:${place?.line}:${place?.column}: ${place?.message}`,
    );
    expect(place?.column).not.toBeNull();
    const picker = within(dialog).getByRole('combobox', { name: 'Answers for' });
    await user.selectOptions(picker, 'bad_one');
    expect(within(dialog).getByRole('region', { name: 'Mock' }).querySelector('[data-testid="mock-file"]')?.textContent).toBe(
      "The project's flowent/answers/bad_one.yaml has a mistake (said above): fix it in the file first, as saving here would overwrite it.",
    );

    await user.selectOptions(picker, 'other');
    const own = within(dialog).getByRole('region', { name: 'Mock' });
    await waitFor(() => expect(editorIn(own).state.doc.toString()).toBe(other.replace('version: 1\n', '')));
    expect(within(own).getByRole('combobox', { name: 'Format' })).toHaveProperty('value', 'yaml');
    // A comment changed and one added in the editor are what the file gets, as the new value is.
    const typed = (text: string) =>
      text.replace('# the usual', '# the usual answer').replace('body: {result: "old"', '# what the flow shows\nbody: {result: "new"');
    typeInto(editorIn(own), typed(editorIn(own).state.doc.toString()));
    await user.click(within(own).getByRole('button', { name: 'Save mock' }));
    await waitFor(() => expect(readFileSync(join(dir, 'answers', 'other.yaml'), 'utf8')).toBe(typed(other)));
  });
});

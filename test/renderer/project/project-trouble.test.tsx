// @vitest-environment happy-dom
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { useCompanion, type Companion } from '../harness/companion';
import { renderApp } from '../harness/render';
import { makeTempDir } from '../../helpers/temp-dir';

// Outside the Project dialog, the main screen says when the project folder is gone (a branch
// switch) or one of its files has a mistake: calls go on being answered by the last good
// version, and without this the developer editing the file sees no effect and no reason.
const companion = useCompanion();

const GOOD = 'version: 1\nbody: {result: "ok", error: ""}\n';
const BROKEN = 'version: 1\nstatus: "two hundred"\n';

async function withProject(): Promise<{ c: Companion; dir: string }> {
  const root = makeTempDir('fc-project-trouble-');
  onTestFinished(() => root.remove());
  const dir = join(root.path, 'flowent');
  mkdirSync(join(dir, 'actions'), { recursive: true });
  mkdirSync(join(dir, 'answers'));
  writeFileSync(join(dir, 'answers', 'make_note.yaml'), GOOD);
  const c = await companion.restart({ core: { projectDir: dir } });
  return { c, dir };
}

const banner = () => screen.queryByRole('status', { name: 'Project problem' });
const projectButton = () => within(screen.getByRole('navigation', { name: 'Commands' })).getByRole('button', { name: 'Project' });
/** What the header's Project entry says of the project beside its name (its description), and whether it is marked. */
const projectMark = () => {
  const button = projectButton();
  const ids = button.getAttribute('aria-describedby');
  return {
    marked: button.querySelector('.command-mark') !== null,
    described: ids === null ? '' : ids.split(' ').map((id) => document.getElementById(id)?.textContent ?? ''),
  };
};

describe('the project’s trouble, on the main screen', () => {
  it('says a file has a mistake, marks Project, opens it, and clears once the file is fixed', async () => {
    const { c, dir } = await withProject();
    const { user } = renderApp(c.bridge);
    await waitFor(() => expect(projectButton()).toBeTruthy());
    expect(banner()).toBeNull();
    expect(projectMark().marked).toBe(false);

    writeFileSync(join(dir, 'answers', 'make_note.yaml'), BROKEN);
    const shown = await screen.findByRole('status', { name: 'Project problem' });
    expect(shown.textContent).toContain('answers/make_note.yaml:2:');
    // What happens meanwhile, in the words the Project dialog and serve use.
    expect(shown.textContent).toContain('answers/make_note.yaml:2:9 has a mistake; its last good version keeps answering');
    expect(projectMark()).toEqual({ marked: true, described: ['A project file has a mistake.'] });
    // In a narrow window the entry is in the menu: its button is marked too.
    expect(screen.getByRole('button', { name: 'Menu ▾' }).querySelector('.command-mark')).not.toBeNull();

    await user.click(within(shown).getByRole('button', { name: 'Open Project' }));
    const dialog = await screen.findByRole('dialog', { name: 'Project' });
    await within(dialog).findByRole('region', { name: 'Mistakes in the files' });
    await user.click(within(dialog).getByRole('button', { name: 'Close project' }));

    writeFileSync(join(dir, 'answers', 'make_note.yaml'), GOOD);
    await waitFor(() => expect(banner()).toBeNull());
    expect(projectMark().marked).toBe(false);
    expect(projectButton().hasAttribute('aria-describedby')).toBe(false);
  });

  it('says the project folder is gone while it is, and clears once it is back', async () => {
    const { c, dir } = await withProject();
    renderApp(c.bridge);
    await waitFor(() => expect(projectButton()).toBeTruthy());
    rmSync(dir, { recursive: true });
    const shown = await screen.findByRole('status', { name: 'Project problem' });
    expect(shown.textContent).toContain(dir);
    expect(shown.textContent).toContain('its last version keeps answering');
    expect(projectMark()).toEqual({ marked: true, described: ['The project folder is gone.'] });

    mkdirSync(join(dir, 'actions'), { recursive: true });
    mkdirSync(join(dir, 'answers'));
    writeFileSync(join(dir, 'answers', 'make_note.yaml'), GOOD);
    await waitFor(() => expect(banner()).toBeNull(), { timeout: 15_000 });
    expect(projectMark().marked).toBe(false);
  });

  it('can be dismissed, and comes back for a new mistake; the mark on Project stays meanwhile', async () => {
    const { c, dir } = await withProject();
    const { user } = renderApp(c.bridge);
    await waitFor(() => expect(projectButton()).toBeTruthy());
    writeFileSync(join(dir, 'answers', 'make_note.yaml'), BROKEN);
    const shown = await screen.findByRole('status', { name: 'Project problem' });
    await user.click(within(shown).getByRole('button', { name: 'Dismiss project problem' }));
    expect(banner()).toBeNull();
    expect(projectMark().marked).toBe(true);

    writeFileSync(join(dir, 'answers', 'other.yaml'), 'version: 1\nmode: nonsense\n');
    await screen.findByRole('status', { name: 'Project problem' });
  });

  it('says a file set to forward with no target, where to set one, and marks Project until it has one', async () => {
    const { c, dir } = await withProject();
    renderApp(c.bridge);
    await waitFor(() => expect(projectButton()).toBeTruthy());
    writeFileSync(join(dir, 'answers', 'make_note.yaml'), 'version: 1\nmode: forward\n');
    const shown = await screen.findByRole('status', { name: 'Project problem' });
    // Its calls fail (502): the serve's words, and the page's place to set a target.
    expect(shown.textContent).toContain(
      'answers/make_note.yaml:2:1 is in use, but cannot answer as it says: mode is forward, but no forward: target is set here nor in ' +
        '_default.yaml: calls to make_note fail (502) until one is set: set a forwarding target for make_note in Answers, ' +
        'or add "forward: <url>" to answers/make_note.yaml.',
    );
    expect(projectMark()).toEqual({ marked: true, described: ['A project file forwards, but has no target.'] });

    writeFileSync(join(dir, 'answers', 'other.yaml'), 'version: 1\nmode: nonsense\n');
    await waitFor(() =>
      expect(projectMark().described).toEqual(['A project file has a mistake. A project file forwards, but has no target.']),
    );

    writeFileSync(join(dir, 'answers', 'other.yaml'), GOOD);
    writeFileSync(join(dir, 'answers', 'make_note.yaml'), 'version: 1\nmode: forward\nforward: http://127.0.0.1:9/x\n');
    await waitFor(() => expect(banner()).toBeNull(), { timeout: 15_000 });
    expect(projectMark().marked).toBe(false);
  });
});

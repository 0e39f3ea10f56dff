// @vitest-environment happy-dom
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { openCall } from '../harness/render';
import { makeTempDir } from '../../helpers/temp-dir';

// The details' parameter check with no schema from Flowent: the simulator's schema checks the
// call (and is named), and with no schema at all the note says what would give one.
const companion = useCompanion();

const SCHEMA = JSON.stringify({
  type: 'object',
  properties: {
    recipient: { type: 'string', format: 'email' },
    subject: { type: 'string', maxLength: 20 },
    count: { type: 'integer', maximum: 5 },
  },
});

describe('the parameter check without a schema from Flowent', () => {
  it('checks against the schema defined in the simulator, and says that is the one', async () => {
    const c = companion();
    expect((await c.core.api.saveSimulatorAction('send_email', SCHEMA)).ok).toBe(true);
    await c.send('send_email', { recipient: 'not-an-email', subject: 'a subject far too long for it', count: 9 });
    const { pane } = await openCall(c.bridge, 1);
    const panel = await within(pane).findByTestId('parameter-check');
    const problems = await within(panel).findByRole('list', { name: 'Parameter problems' });
    expect([...problems.querySelectorAll('li')].map((li) => li.getAttribute('data-keyword')).sort()).toEqual([
      'format',
      'maxLength',
      'maximum',
    ]);
    expect(panel.textContent).toContain('(checked against the schema defined in the simulator for send_email)');
    expect(panel.textContent).not.toMatch(/no schema/);
  });

  it('with no schema and no Flowent account, points to the account and to the simulator, not to a listing that cannot come', async () => {
    const c = companion();
    await c.send('send_email', { recipient: 'a@example.com' });
    const { pane, user } = await openCall(c.bridge, 1);
    const panel = await within(pane).findByTestId('parameter-check');
    await waitFor(() =>
      expect(panel.textContent).toBe(
        'Parameters: no schema known for send_email: connect a Flowent account in Account, or define one in the simulator.',
      ),
    );
    await user.click(within(panel).getByRole('button', { name: 'define one in the simulator' }));
    const dialog = await screen.findByRole('dialog', { name: 'Simulate a Flowent call' });
    // Opened on the call's action, where its schema is defined.
    await waitFor(() => expect((within(dialog).getByRole('combobox', { name: 'Action' }) as HTMLInputElement).value).toBe('send_email'));
  });

  it('with a project open, names the project file that would hold the schema and how it gets there', async () => {
    const root = makeTempDir('fc-parameters-project-');
    onTestFinished(() => root.remove());
    const dir = join(root.path, 'flowent');
    mkdirSync(join(dir, 'actions'), { recursive: true });
    writeFileSync(join(dir, 'actions', 'make_note.yaml'), 'version: 1\ndescription: ""\n');
    const c = await companion.restart({ core: { projectDir: dir } });
    await c.send('send_email', { recipient: 'a@example.com' });
    await c.send('make_note', { text: 'hi' });
    const { pane, user } = await openCall(c.bridge, 1);
    const panel = await within(pane).findByTestId('parameter-check');
    await waitFor(() =>
      expect(panel.textContent).toBe(
        'Parameters: no schema known for send_email: the project has no actions/send_email.yaml. Add one (version, description, ' +
          'json_schema, webhook_url) to check the parameters against its json_schema; for an action on Flowent, Project → Pull writes it.',
      ),
    );
    await user.click(within(panel).getByRole('button', { name: 'Project → Pull' }));
    await screen.findByRole('dialog', { name: 'Project' });
    await user.click(screen.getByRole('button', { name: 'Close project' }));

    // A file there with a mistake: fixing it is what gives the schema.
    await user.click(document.querySelector<HTMLElement>('[data-call-id="2"]')!);
    await waitFor(() =>
      expect(within(pane).getByTestId('parameter-check').textContent).toBe(
        "Parameters: no schema known for make_note: the project's actions/make_note.yaml has a mistake (see Project); " +
          'once it is fixed, its json_schema checks the parameters.',
      ),
    );
  });
});

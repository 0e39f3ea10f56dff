// @vitest-environment happy-dom
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { useCompanion } from '../harness/companion';
import { makeTempDir } from '../../helpers/temp-dir';
import { renderApp } from '../harness/render';

const companion = useCompanion();

const SEND_EMAIL_FILE = `version: 1
description: Send an email
json_schema:
  type: object
  required: [recipient]
  properties:
    recipient: {type: string, format: email}
webhook_url: here
`;

describe('the simulator in a project', () => {
  it('names the project’s action file as the schema, and offers no schema of its own that would go unused', async () => {
    const root = makeTempDir('fc-simulator-project-');
    onTestFinished(() => root.remove());
    const dir = join(root.path, 'flowent');
    mkdirSync(join(dir, 'actions'), { recursive: true });
    writeFileSync(join(dir, 'actions', 'send_email.yaml'), SEND_EMAIL_FILE);
    const c = await companion.restart({ core: { projectDir: dir } });
    // A schema defined here earlier: the project's file still comes first, in the details' checks too.
    await c.api.saveSimulatorAction('send_email', JSON.stringify({ type: 'object' }));

    const { user } = renderApp(c.bridge);
    await waitFor(() => expect(c.bridge.callsTo('getStats').length).toBeGreaterThan(0));
    await user.click(screen.getByRole('button', { name: 'Simulate' }));
    const dialog = await screen.findByRole('dialog', { name: 'Simulate a Flowent call' });
    // The project's action is known though never called: the simulator offers it first.
    await waitFor(() => expect((within(dialog).getByRole('combobox', { name: 'Action' }) as HTMLInputElement).value).toBe('send_email'));
    const schema = await within(dialog).findByLabelText('Action schema');
    expect(schema.textContent).toContain("JSON Schema: the project's actions/send_email.yaml");
    expect(schema.textContent).toContain('edit that file to change it');
    expect(within(schema).queryByRole('button', { name: 'Define a schema here' })).toBeNull();
    expect(within(schema).queryByRole('button', { name: 'Edit the schema' })).toBeNull();
  });
});

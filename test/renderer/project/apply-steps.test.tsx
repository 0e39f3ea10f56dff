// @vitest-environment happy-dom
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { appliedStepWords } from '../../../main/contract/words';
import { useCompanion, valueOf } from '../harness/companion';
import { API_TOKEN, gatewayOptions, useGateway } from '../harness/gateway';
import { renderApp } from '../harness/render';
import { makeTempDir } from '../../helpers/temp-dir';

// The Project dialog's Apply says each step as `actions apply` prints it, in the shared words
// (main/contract/words/action-change-words.ts), over a real core and the Gateway stand-in.
const gateway = useGateway();
const companion = useCompanion();

const actionFile = (description: string) => `version: 1\ndescription: ${description}\njson_schema: {type: object}\nwebhook_url: here\n`;

it('says a create, an update and a delete in the command line’s words, the active profile unnamed', async () => {
  const root = makeTempDir('fc-apply-steps-');
  onTestFinished(() => root.remove());
  const dir = join(root.path, 'flowent');
  mkdirSync(join(dir, 'actions'), { recursive: true });
  // here: the companion answering from this folder, which answers Flowent's registration check.
  for (const name of ['a_new', 'b_changed']) writeFileSync(join(dir, 'actions', `${name}.yaml`), actionFile(`Does ${name}`));
  const reach = gatewayOptions(gateway());
  const c = await companion.restart({ ...reach, core: { ...reach.core, projectDir: dir } });
  valueOf(await c.api.setFlowentApiToken('default', API_TOKEN));
  const onFlowent = (name: string, description: string) => ({
    name,
    description,
    json_schema: { type: 'object' },
    webhook_url: `${c.baseUrl}/actions/${name}`,
  });
  gateway().storeAction(onFlowent('b_changed', 'Said otherwise on Flowent'));
  gateway().storeAction(onFlowent('c_gone', 'Has no file'));

  const { user } = renderApp(c.bridge);
  await user.click(await screen.findByRole('button', { name: 'Project' }));
  const dialog = await screen.findByRole('dialog', { name: 'Project' });
  await within(dialog).findByTestId('project-dir');
  await user.click(within(dialog).getByLabelText('Delete actions on Flowent that have no file (prune)'));
  await user.click(within(dialog).getByRole('button', { name: 'Plan' }));
  await within(dialog).findByTestId('plan-summary');
  await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Apply' }).hasAttribute('disabled')).toBe(false));
  await user.click(within(dialog).getByRole('button', { name: 'Apply' }));
  const applied = await within(dialog).findByRole('region', { name: 'Applied' });
  const steps = ['Registered a_new.', 'Updated b_changed.', 'Deleted c_gone.'];
  expect([...applied.querySelectorAll('p')].map((p) => p.textContent).slice(0, 3)).toEqual(steps);
  const inUse = { profile: 'default', implied: 'default' };
  expect([
    appliedStepWords({ name: 'a_new', change: 'create' }, inUse),
    appliedStepWords({ name: 'b_changed', change: 'update' }, inUse),
    appliedStepWords({ name: 'c_gone', change: 'delete' }, inUse),
  ]).toEqual(steps.map((step) => step.slice(0, -1)));
  expect(
    gateway()
      .stored()
      .map((action) => action.name)
      .sort(),
  ).toEqual(['a_new', 'b_changed']);
});

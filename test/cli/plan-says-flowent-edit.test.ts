// An action edited on Flowent (in its console, or by "actions update") planned as "update (changed
// on Flowent)", and nothing more: a teammate reading it ran apply, and Flowent's edit was undone
// without anyone having said so. The plan says what apply would do to it, and what keeps it.
import { expect, it } from 'vitest';
import { lookupOrder, projectRigs } from './project-actions-setup';

const { setup } = projectRigs({ built: true });

it('actions plan says under an action changed on Flowent that apply would undo the edit, and that pull keeps it', async () => {
  const { cli, write, companion } = await setup();
  const url = `${companion.baseUrl}/actions/lookup_order`;
  write('actions/lookup_order.yaml', lookupOrder(url));
  const applied = await cli(['actions', 'apply']);
  expect(applied.code, applied.stderr).toBe(0);
  expect((await cli(['actions', 'update', 'lookup_order', '--description', 'Look an order up, fast'])).code).toBe(0);

  const plan = await cli(['actions', 'plan']);
  expect(plan.code).toBe(3);
  expect(plan.stdout).toContain(
    '  ~ lookup_order  update (changed on Flowent)\n' +
      '      lookup_order was changed on Flowent since the last apply or pull: "flowent-companion actions apply" would undo that edit, ' +
      'setting it back to what actions/lookup_order.yaml says; "flowent-companion actions pull" writes Flowent\'s version into the file instead.\n' +
      '      description:\n',
  );

  // Changed in the files only, apply undoes nothing of Flowent's: no such line.
  expect((await cli(['actions', 'pull'])).code).toBe(0);
  write('actions/lookup_order.yaml', lookupOrder(url).replace('Look an order up', 'Look an order up now'));
  const local = await cli(['actions', 'plan']);
  expect(local.code, local.stderr).toBe(3);
  expect(local.stdout).toContain('  ~ lookup_order  update (changed in the files)\n      description:\n');
  expect(local.stdout).not.toContain('would undo');
});

/**
 * A call's parameters against its action's JSON Schema, in words for every front end: each
 * problem is the core's own sentence (`parameters.recipient is not a valid email.`); what is
 * said here is which schema they were checked against.
 */
import type { ParameterCheck } from '../account';

type Checked = Extract<ParameterCheck, { status: 'checked' }>;

/** The schema a check used: the open project's action file, the copy cached from Flowent, or the simulator's. */
export function parameterSchemaWords(check: Pick<Checked, 'schema'>, action: string): string {
  switch (check.schema.from) {
    case 'project':
      return `checked against the project's ${check.schema.file}`;
    case 'flowent':
      return `checked against the schema Flowent holds for ${action}`;
    case 'simulator':
      return `checked against the schema defined in the simulator for ${action}`;
    default: {
      const never: never = check.schema;
      return never;
    }
  }
}

/** The problems in one paragraph, then the schema they come from; null when the parameters meet it (or nothing was checked). */
export function parameterProblemsText(check: ParameterCheck, action: string): string | null {
  if (check.status !== 'checked' || check.problems.length === 0) return null;
  return `${check.problems.map((problem) => problem.message).join(' ')} (${parameterSchemaWords(check, action)})`;
}

import type { CliIo } from './cli-io';

/** A flag as `node:util`'s parseArgs takes it: a value (`string`) or a switch (`boolean`). */
export interface FlagSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
}

export interface Command {
  run(argv: string[], io: CliIo): Promise<number>;
  help: string;
  /** The flags it parses: the same object its parser is given. */
  flags: Readonly<Record<string, FlagSpec>>;
  /** What its first argument may be (subcommands, languages), when it is one of a few words. */
  subcommands: readonly string[];
}

/** A command by name, with the line the main help gives it, loaded when it runs. */
export type CommandRegistry = Record<string, { summary: string; load: () => Promise<Command> }>;

import type { CliIo } from './cli-io';

/**
 * What a flag's value or an argument is, for shell completion: one of a few words (the very
 * list the command checks the value against), a file, a HAR file (files ending .har, and the
 * folders to look in), a folder, or a file after an @ (`--params @call.json`). A flag without
 * one takes a value of the user's own (a name, a number, a URL): nothing to offer.
 */
export type FlagValue = readonly string[] | 'file' | 'har' | 'folder' | '@file';

/** A flag as `node:util`'s parseArgs takes it: a value (`string`) or a switch (`boolean`). */
export interface FlagSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** What its value is, for completion (parseArgs ignores it). */
  readonly takes?: FlagValue;
  /**
   * A switch that takes the place of the first argument after the subcommand, as `--default`
   * takes an action's (`targets mode --default forward`): completion counts it as that argument.
   */
  readonly standsForArgument?: true;
}

/**
 * What each argument may be, by position, for completion: what a flag's value may be (a few
 * words, a file, a folder), or null where any word goes (an action's name).
 */
export type ArgumentWords = readonly (FlagValue | null)[];

export interface Command {
  run(argv: string[], io: CliIo): Promise<number>;
  help: string;
  /** The flags it parses: the same object its parser is given. */
  flags: Readonly<Record<string, FlagSpec>>;
  /** What its first argument may be (subcommands, languages), when it is one of a few words. */
  subcommands: readonly string[];
  /** What the arguments after a subcommand may be (`actions profile list`, `targets mode <action> forward`). */
  subcommandWords: Readonly<Record<string, ArgumentWords>>;
  /** What the arguments of a command without subcommands may be (`import <file.har>`). */
  argumentWords: ArgumentWords;
}

/** A command by name, with the line the main help gives it, loaded when it runs. */
export type CommandRegistry = Record<string, { summary: string; load: () => Promise<Command> }>;

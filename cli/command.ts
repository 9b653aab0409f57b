// What a subcommand is: a name, its help text and a run function returning the exit code; its
// one-line summary lives in the command table (commands.ts), which lists commands unloaded. Commands print through CliIo, never through console.*.
import type { CliIo } from './io.js';

export interface Command {
  name: string;
  /** Full help text (printed for `vpn-doctor <name> --help`). */
  usage: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

/** A row of the command table: enough to list the command without loading its module. */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

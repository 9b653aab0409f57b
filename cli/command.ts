// What a subcommand is: a name, a one-line summary for the usage text, and a run function
// returning the exit code. Commands print through CliIo, never through console.*.
import type { CliIo } from './io.js';

export interface Command {
  name: string;
  summary: string;
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

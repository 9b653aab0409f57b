// vpn-doctor command line: dispatches argv to a subcommand from the table in commands.ts.
// Bundled into dist/cli.mjs; bin/vpn-doctor.mjs calls main(). Errors are one line on stderr.
import { UsageError } from './args.js';
import { COMMANDS } from './commands.js';
import type { CommandEntry } from './command.js';
import { processIo, type CliIo } from './io.js';

export function usage(commands: readonly CommandEntry[] = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return (
    [
      'usage: vpn-doctor <command> [options]',
      '',
      'Diagnoses Meraki Client VPN failures (L2TP over IPsec with IKEv1, and AnyConnect: TLS/DTLS) from packet captures.',
      '',
      'commands:',
      ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
      '',
      'Run `vpn-doctor <command> --help` for the options of a command.',
    ].join('\n') + '\n'
  );
}

export async function main(
  argv: string[],
  io: CliIo = processIo(),
  commands: readonly CommandEntry[] = COMMANDS,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(usage(commands));
    return name === undefined ? 2 : 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (entry === undefined) {
    io.stderr.write(`vpn-doctor: unknown command ${JSON.stringify(name)}\n\n${usage(commands)}`);
    return 2;
  }
  const command = await entry.load();
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`vpn-doctor: ${name}: ${error.message}\n\n${command.usage}\n`);
      return 2;
    }
    // A bug of ours: one line, no stack trace on the user's terminal.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`vpn-doctor: internal error in ${name}: ${message.split('\n')[0]}\n`);
    return 1;
  }
}

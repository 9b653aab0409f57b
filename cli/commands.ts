// The subcommand table. To add a command: write cli/<name>-command.ts exporting a Command,
// import it here and add it to the list.
import type { Command } from './command.js';
import { decodeCommand } from './decode-command.js';
import { keyCommand } from './key-command.js';
import { tenantCommand } from './tenant-command.js';
import { uploadCommand } from './upload-command.js';

export const COMMANDS: readonly Command[] = [
  decodeCommand,
  tenantCommand,
  keyCommand,
  uploadCommand,
];

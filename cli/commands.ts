// The subcommand table. To add a command: write cli/<name>-command.ts exporting a Command and
// add a row here. Commands are loaded only when run (dynamic import; scripts/build.mjs splits
// them into chunks), so `decode` does not pay for loading the AWS SDK the pipeline commands use.
import type { CommandEntry } from './command.js';

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'decode',
    summary: 'decode every frame of a capture (tshark-like lines, --json NDJSON, or --summary counts)',
    load: async () => (await import('./decode-command.js')).decodeCommand,
  },
  {
    name: 'analyze',
    summary:
      'diagnose a capture: the negotiation as a ladder, the verdict, evidence and checklist (--json for the report)',
    load: async () => (await import('./analyze-command.js')).analyzeCommand,
  },
  {
    name: 'tenant',
    summary: 'create or list tenants (local twin or AWS)',
    load: async () => (await import('./tenant-command.js')).tenantCommand,
  },
  {
    name: 'key',
    summary: 'create or revoke API keys (local twin or AWS)',
    load: async () => (await import('./key-command.js')).keyCommand,
  },
  {
    name: 'upload',
    summary: 'upload a capture for analysis (local twin or AWS)',
    load: async () => (await import('./upload-command.js')).uploadCommand,
  },
  {
    name: 'meraki',
    summary: 'connect a tenant to the Meraki Dashboard API, import its cloud captures, capture and diagnose an MX',
    load: async () => (await import('./meraki-command.js')).merakiCommand,
  },
  {
    name: 'redrive',
    summary: "replay the analyzer's dead-lettered events (local twin or AWS)",
    load: async () => (await import('./redrive-command.js')).redriveCommand,
  },
];

// `vpn-doctor analyze <capture> [--json] [--client IP] [--mx IP] [--anyconnect-port N] [--lang en|ja]`: the diagnosis, as a
// ladder with the verdict, evidence and checklist, or as the versioned JSON report. Exit 0
// whenever the capture could be read, whatever the verdict; 2 with one line when it could not.
import { isIP } from 'node:net';
import { analyzeCapture } from '#shared/analyze.js';
import { captureFailure } from '#shared/diagnosis/capture-damage.js';
import { renderReport, type Lang } from '#shared/report/ladder-text.js';
import type { AnalysisReport } from '#shared/report/types.js';
import { parseArgs, type UsageError } from './args.js';
import { colourCodes, useColour } from './colour.js';
import { ambiguousWidth, AMBIGUOUS_WIDE_ENV } from './terminal-width.js';
import { captureSize, openCapture, readFailureLine } from './capture-source.js';
import type { Command } from './command.js';
import type { CliIo } from './io.js';
import { Progress, PROGRESS_MIN_BYTES } from './progress.js';

const USAGE = `usage: vpn-doctor analyze <capture> [--json] [--client IP] [--mx IP] [--anyconnect-port N]
                            [--lang en|ja] [--ascii]

Diagnoses why a Meraki Client VPN (L2TP over IPsec, IKEv1, or AnyConnect: TLS/DTLS on 443)
connection fails, from a capture taken on the MX WAN (IKE/ESP, TLS/DTLS) or LAN (RADIUS,
directory TLS, meraki.com DNS) side.

  (default)     each IKE and AnyConnect session drawn as a ladder (AnyConnect: TLS ─, DTLS ═,
                then the MX's certificate), the verdict, its evidence, a Wireshark display
                filter and what to check
  --json        the report as JSON (schemaVersion 2; see README "analyze JSON")
  --client IP   only the sessions of this client IP
  --mx IP       the MX's address, for captures whose roles the bytes cannot tell
  --anyconnect-port N
                the MX's AnyConnect port when it is not 443 (found without it when TLS and
                DTLS share the port; a login that fails before DTLS needs it, or --mx)
  --lang en|ja  language of the human form (default en; JSON carries both)
  --ascii       draw the ladder and symbols with ASCII characters only (DTLS arrows =)

The ladder is laid out for terminals that draw East Asian ambiguous characters (─ ▶ ◀ → ·)
two columns wide when the locale (LC_ALL, LC_CTYPE, LANG) is Japanese or with --lang ja, one
column otherwise; ${AMBIGUOUS_WIDE_ENV}=1 or =0 overrides.

Exit status: 0 the capture was read (whatever the verdict), 2 unreadable file or bad usage,
3 the capture is damaged or empty (the report is printed; the pipeline marks such a file FAILED).`;

function isLang(value: string): value is Lang {
  return value === 'en' || value === 'ja';
}

async function run(argv: string[], io: CliIo): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, ['--json', '--ascii', '--help', '-h'], ['--client', '--mx', '--lang', '--anyconnect-port']);
  } catch (error) {
    io.stderr.write(`vpn-doctor: analyze: ${(error as UsageError).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.flags.has('--help') || args.flags.has('-h')) {
    io.stdout.write(USAGE + '\n');
    return 0;
  }
  if (args.positionals.length !== 1) {
    io.stderr.write(USAGE + '\n');
    return 2;
  }
  const clientIp = args.values.get('--client');
  if (clientIp !== undefined && isIP(clientIp) === 0) {
    io.stderr.write(`vpn-doctor: analyze: --client needs an IPv4 or IPv6 address, got ${JSON.stringify(clientIp)}\n`);
    return 2;
  }
  const mxIp = args.values.get('--mx');
  if (mxIp !== undefined && isIP(mxIp) === 0) {
    io.stderr.write(`vpn-doctor: analyze: --mx needs an IPv4 or IPv6 address, got ${JSON.stringify(mxIp)}\n`);
    return 2;
  }
  const portText = args.values.get('--anyconnect-port');
  const anyconnectPort = portText === undefined ? undefined : Number(portText);
  if (
    anyconnectPort !== undefined &&
    !(/^\d{1,5}$/.test(portText!) && anyconnectPort >= 1 && anyconnectPort <= 65535)
  ) {
    io.stderr.write(
      `vpn-doctor: analyze: --anyconnect-port is a port number 1-65535, got ${JSON.stringify(portText)}\n`,
    );
    return 2;
  }
  const lang = args.values.get('--lang') ?? 'en';
  if (!isLang(lang)) {
    io.stderr.write(`vpn-doctor: analyze: --lang is en or ja, got ${JSON.stringify(lang)}\n`);
    return 2;
  }
  const path = args.positionals[0];
  let report: AnalysisReport;
  try {
    const size = await captureSize(path);
    const progress = new Progress((t) => io.stderr.write(t), size, io.stderrIsTTY && size > PROGRESS_MIN_BYTES);
    report = await analyzeCapture(openCapture(path), {
      fileName: path.split(/[\\/]/).pop(),
      clientIp,
      mxIp,
      anyconnectPort,
      onProgress: (bytes) => progress.update(bytes, 0),
    });
    progress.done();
  } catch (error) {
    io.stderr.write(`vpn-doctor: ${readFailureLine(path, error)}\n`);
    return 2;
  }
  // The report's own header lists every client (diagnosis v2), so no second summary is added here.
  const env = io.env ?? {};
  const text = args.flags.has('--json')
    ? JSON.stringify(report, null, 2) + '\n'
    : renderReport(report, lang, { ambiguous: ambiguousWidth(env, lang), ascii: args.flags.has('--ascii') });
  const shown = !args.flags.has('--json') && useColour(io.stdoutIsTTY === true, env) ? colourCodes(text) : text;
  await new Promise<void>((resolve) => io.stdout.write(shown, () => resolve()));
  const failure = captureFailure(report, lang);
  if (failure) {
    io.stderr.write(`vpn-doctor: ${path}: ${failure}\n`);
    return 3;
  }
  return 0;
}

export const analyzeCommand: Command = {
  name: 'analyze',
  usage: USAGE,
  run,
};

// `vpn-doctor upload <capture> [--tenant T]`: puts a capture under the tenant's prefix; the
// bucket's event starts the analysis (locally the twin, on AWS the analyze Lambda).
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { isIP } from 'node:net';
import { basename } from 'node:path';
import { captureObjectKey, isTenantId, newCaptureId } from '#shared/tenancy/ids.js';
import { TARGET_OPTIONS, TARGET_USAGE } from '../lambdas/local/target.js';
import { MX_IP_METADATA } from '../lambdas/storage/object-store.js';
import { uploadFile } from '../lambdas/storage/upload-file.js';
import { parseArgs } from './args.js';
import { readFailureLine } from './capture-source.js';
import type { Command } from './command.js';
import type { CliIo } from './io.js';
import { withTarget } from './target-flags.js';
import { colourCodes, useColour } from './colour.js';
import { DASHBOARD_URL_OPTION, dashboardLink } from './dashboard-link.js';
import {
  DEFAULT_WAIT_SECONDS,
  MAX_CLIENTS_BY_ADDRESS,
  waitForAnalysis,
  type WaitOutcome,
} from './wait-for-analysis.js';
import { catalogText, type Code } from '#shared/diagnosis/catalog.js';
import { clientsCounted } from '#shared/view/client-verdicts.js';
import { WORDS } from '#shared/report/ladder-words.js';
import { CaptureStore } from '../lambdas/store/capture-store.js';
import { SessionStore } from '../lambdas/store/session-store.js';
import { DEFAULT_WRITE_RETRY } from '../lambdas/retry.js';

const USAGE = `usage: vpn-doctor upload <capture> [--tenant T] [--mx IP] [--wait [--timeout SECONDS] [--dashboard-url URL]] [target]

Uploads a pcap/pcapng file to captures/<tenant>/<captureId>/<file> (streamed; multipart above
16 MB, progress on stderr). Prints the capture id; the analysis starts on the bucket's event.
--tenant defaults to the local twin's tenant with --local.
--mx IP  the MX's address, kept with the capture (metadata mx-ip) for captures whose roles the
         bytes cannot tell (one that starts after the negotiation)

--wait             wait for the analysis (progress on stderr), then print the verdict, each
                   client's verdict when there are several (counted per verdict past 20
                   clients), and the dashboard link
--timeout SECONDS  how long --wait waits (default ${DEFAULT_WAIT_SECONDS})
--dashboard-url    the dashboard to link to on AWS (or VPN_DOCTOR_DASHBOARD_URL); --local links the twin
exit status with --wait: 0 analysed, 3 the analysis FAILED (the reason on stderr), 1 error or timeout

${TARGET_USAGE}`;

async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(
    argv,
    ['--local', '--wait', '--help', '-h'],
    ['--tenant', '--mx', '--timeout', DASHBOARD_URL_OPTION, ...TARGET_OPTIONS],
  );
  if (args.flags.has('--help') || args.flags.has('-h')) {
    io.stdout.write(USAGE + '\n');
    return 0;
  }
  if (args.positionals.length !== 1) {
    io.stderr.write(USAGE + '\n');
    return 2;
  }
  const mxIp = args.values.get('--mx')?.trim().toLowerCase();
  if (mxIp !== undefined && isIP(mxIp) === 0) {
    io.stderr.write(`vpn-doctor: upload: --mx needs an IPv4 or IPv6 address, got ${JSON.stringify(mxIp)}\n`);
    return 2;
  }
  const path = args.positionals[0];
  const timeoutSeconds = Number(args.values.get('--timeout') ?? DEFAULT_WAIT_SECONDS);
  if (!(timeoutSeconds > 0) || !Number.isFinite(timeoutSeconds)) {
    io.stderr.write('vpn-doctor: upload: --timeout must be a positive number of seconds\n');
    return 2;
  }
  // Before any network: a directory, a device or an empty file is one line and exit 2.
  const problem = await notUploadable(path);
  if (problem) {
    io.stderr.write(`vpn-doctor: upload: ${problem}\n`);
    return 2;
  }
  return withTarget('upload', args, io, async (target) => {
    const tenantId = args.values.get('--tenant') ?? target.defaultTenantId;
    if (!tenantId || !isTenantId(tenantId)) {
      io.stderr.write('vpn-doctor: upload: a valid --tenant is required\n');
      return 2;
    }
    if (!target.bucket) {
      io.stderr.write('vpn-doctor: upload: no bucket: pass --bucket or set VPN_DOCTOR_BUCKET\n');
      return 2;
    }
    const captureId = newCaptureId(Date.now(), randomBytes(16));
    const key = captureObjectKey(tenantId, captureId, basename(path));
    let lastShown = 0;
    let size: number;
    try {
      ({ size } = await uploadFile(
        target.clients.s3,
        target.bucket,
        key,
        path,
        (sent, total) => {
          const now = Date.now();
          if (sent < total && now - lastShown < 1000) return;
          lastShown = now;
          const line = `uploaded ${amount(sent)} of ${amount(total)} (${total ? Math.floor((sent / total) * 100) : 100}%)`;
          io.stderr.write(io.stderrIsTTY ? `\r${line}` : `${line}\n`);
        },
        mxIp ? { [MX_IP_METADATA]: mxIp } : undefined,
      ));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
        io.stderr.write(`vpn-doctor: upload: cannot read ${path}: ${code}\n`);
        return 2;
      }
      throw err;
    }
    if (io.stderrIsTTY) io.stderr.write('\n');
    io.stderr.write(`${size} bytes to ${target.describe}, bucket ${target.bucket}\n`);
    io.stdout.write(`${captureId}\t${key}\n`);
    if (!args.flags.has('--wait')) return 0;
    const waitDeps = {
      captures: new CaptureStore(target.clients.dynamo, target.table),
      sessions: new SessionStore(target.clients.dynamo, target.table, DEFAULT_WRITE_RETRY),
      io,
    };
    const outcome = await waitForAnalysis(waitDeps, tenantId, captureId, timeoutSeconds * 1000);
    return printOutcome(outcome, await dashboardLink(args, captureId), io);
  });
}

export const uploadCommand: Command = {
  name: 'upload',
  usage: USAGE,
  run,
};

/** Why `path` cannot be uploaded (a directory, not a regular file, empty), or undefined. */
async function notUploadable(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return `cannot read ${path}: is a directory (upload one capture file)`;
    if (!info.isFile()) return `cannot read ${path}: not a regular file`;
    if (info.size === 0) return `${path} is empty: nothing to upload`;
    return undefined;
  } catch (err) {
    return readFailureLine(path, err);
  }
}

/** The end of `--wait`: the verdict (and each client's), the link; the exit status. */
function printOutcome(outcome: WaitOutcome, link: string | undefined, io: CliIo): number {
  if (outcome.state === 'TIMEOUT') {
    io.stderr.write(
      `vpn-doctor: upload: the analysis did not end within ${Math.round(outcome.waitedMs / 1000)} s (--timeout)${link ? `; see ${link}` : ''}\n`,
    );
    return 1;
  }
  const { capture } = outcome;
  const colour = useColour(io.stdoutIsTTY === true, process.env) ? colourCodes : (text: string) => text;
  if (outcome.state === 'FAILED') {
    io.stderr.write(`vpn-doctor: upload: the analysis FAILED: ${capture.error ?? 'no reason recorded'}\n`);
    if (link) io.stdout.write(`${link}\n`);
    return 3;
  }
  const titled = (code: string) => colour(`${code} · ${catalogText(code as Code).title.en}`);
  const lines = [`Verdict: ${capture.verdict ? titled(capture.verdict) : 'none'}`];
  const listed = outcome.clients;
  const counts = capture.clientVerdicts ?? [];
  const total = Math.max(listed.length, clientsCounted(counts));
  if (total > 1 && (counts.length === 0 || total === listed.length)) {
    // By address (a capture analysed before the item counted its clients: the first ones).
    for (const c of listed.slice(0, MAX_CLIENTS_BY_ADDRESS))
      lines.push(`  ${c.ip.padEnd(16)} ${titled(c.verdict)}${c.notClientVpn ? ` · ${WORDS.en.notClientVpn}` : ''}`);
    if (listed.length > MAX_CLIENTS_BY_ADDRESS)
      lines.push(`  … ${listed.length - MAX_CLIENTS_BY_ADDRESS} more clients`);
  } else if (total > 1) {
    // Scanners by the thousand: clients counted per verdict, each client's own on the dashboard.
    const width = String(total).length;
    lines.push(`  ${total} clients:`);
    for (const x of counts) lines.push(`  ${String(x.clients).padStart(width)} × ${titled(x.verdict)}`);
  }
  if (link) lines.push(link);
  io.stdout.write(lines.join('\n') + '\n');
  return 0;
}

/** Bytes as people read them: 2.6 kB, 104.9 MB. */
function amount(bytes: number): string {
  return bytes >= 1e6
    ? `${(bytes / 1e6).toFixed(1)} MB`
    : bytes >= 1e3
      ? `${(bytes / 1e3).toFixed(1)} kB`
      : `${bytes} B`;
}

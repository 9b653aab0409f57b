// `vpn-doctor meraki connect|status|disconnect|mxs|captures|import|capture`: a tenant's Meraki
// Dashboard connection, against the running local twin (--local) or AWS, through the same
// service the API uses. The Meraki key is read from MERAKI_API_KEY, --key-file or stdin, never
// from the command line (where `ps` would show it), and is never printed.
import { readFile } from 'node:fs/promises';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { isTenantId } from '#shared/tenancy/ids.js';
import { DEFAULT_CAPTURE_SECONDS } from '#shared/meraki/capture-plan.js';
import { TARGET_OPTIONS, TARGET_USAGE, type Target } from '../lambdas/local/target.js';
import { twinMerakiBaseUrl } from '../lambdas/local/meraki-twin.js';
import { DEFAULT_MAX_CAPTURE_BYTES, DEFAULT_RETENTION_DAYS } from '../lambdas/config.js';
import { silentLogger } from '../lambdas/log.js';
import { advanceJob, startJob, type JobView } from '../lambdas/meraki/capture-job.js';
import { MERAKI_BASE_URL, type MerakiProgress } from '../lambdas/meraki/client.js';
import { composeMeraki, type MerakiApiDeps } from '../lambdas/meraki/compose.js';
import {
  MerakiApiError,
  MerakiInputError,
  MerakiNotConnectedError,
  MerakiNotFoundError,
} from '../lambdas/meraki/errors.js';
import { FileVault } from '../lambdas/meraki/file-vault.js';
import { DEFAULT_SECRET_PREFIX, SecretsManagerVault } from '../lambdas/meraki/secrets-manager-vault.js';
import { parseArgs, type ParsedArgs } from './args.js';
import type { Command } from './command.js';
import type { CliIo } from './io.js';
import { targetFlags, withTarget } from './target-flags.js';
import { dashboardLink } from './dashboard-link.js';

const USAGE = `usage: vpn-doctor meraki connect    --tenant T [--org ID[,ID]] [--key-file F]   (key: MERAKI_API_KEY, --key-file or stdin)
       vpn-doctor meraki status     --tenant T
       vpn-doctor meraki disconnect --tenant T
       vpn-doctor meraki mxs        --tenant T [--org ID]
       vpn-doctor meraki captures   --tenant T [--org ID] [--serial S] [--network N] [--status S] [--json]
       vpn-doctor meraki import     --tenant T [--org ID] <merakiCaptureId>...
       vpn-doctor meraki capture    --tenant T --serial Q2XX-XXXX-XXXX [--org ID] [--seconds 90] [--no-wait]
       vpn-doctor meraki job        --tenant T <jobId>           (one step of a --no-wait job, and its state)

A tenant's Meraki Dashboard API connection. \`capture\` starts a packet capture on the MX's
internet interface (Client VPN filter), counts down while the user tries to connect, stops it,
imports it and prints the verdict and the dashboard link. --tenant defaults to the local twin's
tenant with --local. --meraki-url (or MERAKI_BASE_URL) overrides the Dashboard API's base URL;
with --local the twin's own setting is used (the fake with npm start -- --meraki-fake).
--dashboard-url (or VPN_DOCTOR_DASHBOARD_URL) is the dashboard to link to on AWS.

${TARGET_USAGE}`;

const VALUED = [
  '--tenant',
  '--org',
  '--key-file',
  '--serial',
  '--network',
  '--status',
  '--seconds',
  '--meraki-url',
  '--dashboard-url',
  ...TARGET_OPTIONS,
];

async function readKey(args: ParsedArgs): Promise<string> {
  const file = args.values.get('--key-file');
  if (file) return (await readFile(file, 'utf8')).trim();
  if (process.env.MERAKI_API_KEY) return process.env.MERAKI_API_KEY.trim();
  if (process.stdin.isTTY)
    throw new MerakiInputError('no Meraki API key: set MERAKI_API_KEY, pass --key-file F or pipe it on stdin');
  const parts: Buffer[] = [];
  for await (const chunk of process.stdin) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString('utf8').trim();
}

async function baseUrlOf(args: ParsedArgs): Promise<string> {
  const explicit = args.values.get('--meraki-url') ?? process.env.MERAKI_BASE_URL;
  if (explicit) return explicit;
  if (args.flags.has('--local')) return (await twinMerakiBaseUrl(targetFlags(args).dataDir)) ?? MERAKI_BASE_URL;
  return MERAKI_BASE_URL;
}

function merakiFor(target: Target, args: ParsedArgs, baseUrl: string, io: CliIo): MerakiApiDeps {
  if (!target.bucket) throw new MerakiInputError('no bucket: pass --bucket or set VPN_DOCTOR_BUCKET');
  const local = args.flags.has('--local');
  const onProgress = (p: MerakiProgress) => {
    if (p.type === 'retry')
      io.stderr.write(
        `Meraki ${p.reason === 'rate-limited' ? 'rate limit (429)' : p.reason}: waiting ${(p.waitMs / 1000).toFixed(1)} s before attempt ${p.attempt + 1} to ${p.action}\n`,
      );
  };
  return composeMeraki({
    dynamo: target.clients.dynamo,
    s3: target.clients.s3,
    tableName: target.table,
    bucketName: target.bucket,
    vault: local
      ? new FileVault(targetFlags(args).dataDir)
      : new SecretsManagerVault(
          new SecretsManagerClient({ region: args.values.get('--region') }),
          process.env.MERAKI_SECRET_PREFIX || DEFAULT_SECRET_PREFIX,
        ),
    baseUrl,
    maxCaptureBytes: DEFAULT_MAX_CAPTURE_BYTES,
    retentionDays: DEFAULT_RETENTION_DAYS,
    log: silentLogger,
    clientOptions: { onProgress },
  });
}

async function onlyOrg(m: MerakiApiDeps, tenantId: string, args: ParsedArgs): Promise<string> {
  const given = args.values.get('--org');
  if (given) return given;
  const connection = await m.service.connection(tenantId);
  if (!connection) throw new MerakiNotConnectedError();
  if (connection.organizations.length !== 1) {
    throw new MerakiInputError(
      `the connection reaches ${connection.organizations.length} organizations: pick one with --org (${connection.organizations.map((o) => `${o.id} ${o.name}`).join(', ')})`,
    );
  }
  return connection.organizations[0].id;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForVerdict(m: MerakiApiDeps, tenantId: string, job: JobView, io: CliIo): Promise<JobView> {
  let last = '';
  let lastCountdown = -1;
  for (;;) {
    if (job.state !== last) {
      if (io.stderrIsTTY && last === 'CAPTURING') io.stderr.write('\n');
      if (job.state !== 'CAPTURING') io.stderr.write(`${job.state.toLowerCase()}\n`);
      last = job.state;
    }
    if (
      job.state === 'CAPTURING' &&
      job.remainingSeconds !== lastCountdown &&
      (io.stderrIsTTY || job.remainingSeconds % 10 === 0 || lastCountdown < 0)
    ) {
      const line = `capturing on ${job.serial}: ${job.remainingSeconds} s left - have the user connect now`;
      io.stderr.write(io.stderrIsTTY ? `\r${line}\x1b[K` : `${line}\n`);
      lastCountdown = job.remainingSeconds;
    }
    if (job.state === 'DONE' || job.state === 'FAILED') return job;
    await sleep(job.state === 'CAPTURING' ? 500 : 250);
    job = await advanceJob(m.service, m.captures, tenantId, job.jobId);
  }
}

async function act(action: string, args: ParsedArgs, io: CliIo, m: MerakiApiDeps, tenantId: string): Promise<number> {
  const out = io.stdout;
  switch (action) {
    case 'connect': {
      const orgs = args.values
        .get('--org')
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const c = await m.service.connect(tenantId, await readKey(args), orgs);
      out.write(
        `connected tenant ${tenantId}: key ...${c.keyLast4}, organizations ${c.organizations.map((o) => `${o.id} (${o.name})`).join(', ')}\n`,
      );
      return 0;
    }
    case 'status': {
      const c = await m.service.connection(tenantId);
      out.write(
        c
          ? `tenant ${tenantId}: key ...${c.keyLast4}, organizations ${c.organizations.map((o) => `${o.id} (${o.name})`).join(', ')}, connected ${c.createdAt}, last used ${c.lastUsedAt ?? 'never'}\n`
          : `tenant ${tenantId}: not connected\n`,
      );
      return 0;
    }
    case 'disconnect':
      await m.service.disconnect(tenantId);
      out.write(`tenant ${tenantId}: Meraki connection removed\n`);
      return 0;
    case 'mxs': {
      for (const mx of await m.service.appliances(tenantId, await onlyOrg(m, tenantId, args))) {
        out.write(`${mx.serial}\t${mx.model}\t${mx.wanIp ?? '-'}\t${mx.name}\n`);
      }
      return 0;
    }
    case 'captures': {
      const one = (flag: string) => (args.values.get(flag) ? [args.values.get(flag) as string] : undefined);
      const items = await m.service.listCaptures(tenantId, await onlyOrg(m, tenantId, args), {
        serials: one('--serial'),
        networkIds: one('--network'),
        captureStatus: one('--status'),
      });
      if (args.flags.has('--json')) out.write(JSON.stringify(items, null, 2) + '\n');
      else
        for (const c of items)
          out.write(
            `${c.captureId}\t${c.status}\t${c.startTs ?? ''}\t${c.serial ?? ''}\t${c.size ?? 0}\t${c.importedCaptureId ? `imported ${c.importedCaptureId}` : '-'}\t${c.name}\n`,
          );
      return 0;
    }
    case 'import': {
      const ids = args.positionals.slice(1);
      if (ids.length === 0) throw new MerakiInputError('name the Meraki capture ids to import');
      let failed = 0;
      for (const r of await m.service.importCaptures(tenantId, await onlyOrg(m, tenantId, args), ids)) {
        if (r.status === 'failed') {
          failed++;
          out.write(`${r.merakiCaptureId}\tfailed\t${r.error}\n`);
        } else out.write(`${r.merakiCaptureId}\t${r.status}\t${r.captureId}\n`);
      }
      return failed > 0 ? 1 : 0;
    }
    case 'capture': {
      const serial = args.values.get('--serial');
      if (!serial) throw new MerakiInputError('--serial is required');
      const rawSeconds = args.values.get('--seconds');
      const seconds = rawSeconds === undefined ? DEFAULT_CAPTURE_SECONDS : Number(rawSeconds);
      const job = await startJob(m.service, tenantId, { serial, organizationId: args.values.get('--org'), seconds });
      io.stderr.write(
        `started capture ${job.merakiCaptureId} on ${serial} (WAN ${job.mxIp ?? 'unknown'}) for ${seconds} s\n`,
      );
      if (args.flags.has('--no-wait')) {
        out.write(`${job.jobId}\n`);
        return 0;
      }
      return report(await waitForVerdict(m, tenantId, job, io), args, io);
    }
    case 'job': {
      const jobId = args.positionals[1];
      if (!jobId) throw new MerakiInputError('name the job id');
      const job = await advanceJob(m.service, m.captures, tenantId, jobId);
      if (job.state === 'DONE' || job.state === 'FAILED') return report(job, args, io);
      out.write(`${job.state}${job.state === 'CAPTURING' ? ` ${job.remainingSeconds} s left` : ''}\n`);
      return 0;
    }
    default:
      io.stderr.write(USAGE + '\n');
      return 2;
  }
}

async function report(job: JobView, args: ParsedArgs, io: CliIo): Promise<number> {
  if (job.state === 'FAILED') {
    io.stderr.write(`vpn-doctor: meraki capture: ${job.error ?? 'failed'}\n`);
    return 1;
  }
  io.stdout.write(`Verdict: ${job.verdict ?? 'unknown'}\n`);
  const link = job.captureId ? await dashboardLink(args, job.captureId) : undefined;
  io.stdout.write(`capture ${job.captureId}${link ? `  ${link}` : ''}\n`);
  return 0;
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['--local', '--json', '--no-wait', '--help', '-h'], VALUED);
  if (args.flags.has('--help') || args.flags.has('-h')) {
    io.stdout.write(USAGE + '\n');
    return 0;
  }
  const action = args.positionals[0];
  if (!action || !['connect', 'status', 'disconnect', 'mxs', 'captures', 'import', 'capture', 'job'].includes(action)) {
    io.stderr.write(USAGE + '\n');
    return 2;
  }
  const baseUrl = await baseUrlOf(args);
  return withTarget('meraki', args, io, async (target) => {
    const tenantId = args.values.get('--tenant') ?? target.defaultTenantId;
    if (!tenantId || !isTenantId(tenantId)) {
      io.stderr.write('vpn-doctor: meraki: a valid --tenant is required\n');
      return 2;
    }
    try {
      return await act(action, args, io, merakiFor(target, args, baseUrl, io), tenantId);
    } catch (err) {
      if (
        err instanceof MerakiInputError ||
        err instanceof MerakiNotConnectedError ||
        err instanceof MerakiNotFoundError
      ) {
        io.stderr.write(`vpn-doctor: meraki ${action}: ${err.message}\n`);
        return 2;
      }
      if (err instanceof MerakiApiError) {
        io.stderr.write(`vpn-doctor: meraki ${action}: ${err.message}\n`);
        return 1;
      }
      throw err;
    }
  });
}

export const merakiCommand: Command = {
  name: 'meraki',
  usage: USAGE,
  run,
};

// `vpn-doctor tenant create|list`: an MSP's customers, in the local twin or on AWS.
import { createTenant } from '../lambdas/auth/key-admin.js';
import { TARGET_OPTIONS, TARGET_USAGE } from '../lambdas/local/target.js';
import { TenantStore } from '../lambdas/store/tenant-store.js';
import { parseArgs } from './args.js';
import type { Command } from './command.js';
import type { CliIo } from './io.js';
import { withTarget } from './target-flags.js';

const USAGE = `usage: vpn-doctor tenant create <tenantId> [--name NAME] [--msp MSP] [target]
       vpn-doctor tenant list [--msp MSP] [--json] [target]

Tenant ids: 3-40 characters of a-z, 0-9 and inner hyphens. A tenant belongs to one MSP (--msp,
default: the local twin's MSP with --local); operator keys of that MSP may act for it.

${TARGET_USAGE}`;

async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['--local', '--json', '--help', '-h'], ['--name', '--msp', ...TARGET_OPTIONS]);
  if (args.flags.has('--help') || args.flags.has('-h')) {
    io.stdout.write(USAGE + '\n');
    return 0;
  }
  const [action, id, ...extra] = args.positionals;
  if ((action !== 'create' && action !== 'list') || extra.length > 0 || (action === 'create' ? !id : !!id)) {
    io.stderr.write(USAGE + '\n');
    return 2;
  }
  return withTarget('tenant', args, io, async (target) => {
    const store = new TenantStore(target.clients.dynamo, target.table);
    const msp = args.values.get('--msp') ?? target.defaultMspId;
    if (action === 'create') {
      if (!msp) {
        io.stderr.write('vpn-doctor: tenant: --msp is required on AWS\n');
        return 2;
      }
      const t = await createTenant(
        store,
        { tenantId: id, name: args.values.get('--name') ?? id, mspId: msp },
        new Date(),
      );
      io.stdout.write(`created tenant ${t.tenantId} (${t.name}) of MSP ${t.mspId} in ${target.describe}\n`);
      return 0;
    }
    const tenants = args.values.has('--msp')
      ? await store.listTenantsOfMsp(msp as string)
      : await store.listAllTenants();
    if (args.flags.has('--json')) io.stdout.write(JSON.stringify(tenants, null, 2) + '\n');
    else for (const t of tenants) io.stdout.write(`${t.tenantId}\t${t.mspId}\t${t.createdAt}\t${t.name}\n`);
    return 0;
  });
}

export const tenantCommand: Command = {
  name: 'tenant',
  usage: USAGE,
  run,
};

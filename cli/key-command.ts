// `vpn-doctor key create|revoke`: API keys, shown once at creation, stored only as SHA-256.
import { createKey, revokeKey } from '../lambdas/auth/key-admin.js';
import { TARGET_OPTIONS, TARGET_USAGE } from '../lambdas/local/target.js';
import { TenantStore } from '../lambdas/store/tenant-store.js';
import { parseArgs } from './args.js';
import type { Command } from './command.js';
import type { CliIo } from './io.js';
import { withTarget } from './target-flags.js';

const USAGE = `usage: vpn-doctor key create --tenant T [--operator] [--label TEXT] [target]
       vpn-doctor key revoke <key | keyId> [--tenant T] [target]

create prints the new key once (format vd_<base64url>); only its SHA-256 is stored. An
--operator key may act for any tenant of its MSP with the X-Tenant-Id header.
revoke takes the key itself, or its key id (printed at creation) with --tenant.

${TARGET_USAGE}`;

async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['--local', '--operator', '--help', '-h'], ['--tenant', '--label', ...TARGET_OPTIONS]);
  if (args.flags.has('--help') || args.flags.has('-h')) {
    io.stdout.write(USAGE + '\n');
    return 0;
  }
  const [action, ref, ...extra] = args.positionals;
  if ((action !== 'create' && action !== 'revoke') || extra.length > 0 || (action === 'revoke' ? !ref : !!ref)) {
    io.stderr.write(USAGE + '\n');
    return 2;
  }
  return withTarget('key', args, io, async (target) => {
    const store = new TenantStore(target.clients.dynamo, target.table);
    const tenantId = args.values.get('--tenant') ?? target.defaultTenantId;
    if (action === 'create') {
      if (!tenantId) {
        io.stderr.write('vpn-doctor: key: --tenant is required\n');
        return 2;
      }
      const role = args.flags.has('--operator') ? 'operator' : 'tenant';
      const created = await createKey(store, { tenantId, role, label: args.values.get('--label') }, new Date());
      io.stderr.write(
        `created ${role} key ${created.keyId} for tenant ${created.tenantId} in ${target.describe}; it is shown once:\n`,
      );
      io.stdout.write(created.key + '\n');
      return 0;
    }
    const keyId = await revokeKey(store, { keyOrId: ref, tenantId: args.values.get('--tenant') }, new Date());
    io.stdout.write(`revoked key ${keyId}\n`);
    return 0;
  });
}

export const keyCommand: Command = {
  name: 'key',
  usage: USAGE,
  run,
};

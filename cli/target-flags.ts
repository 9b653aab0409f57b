// The --local / --table / --bucket / --region / --data-dir options shared by tenant, key and upload.
import type { ParsedArgs } from './args.js';
import { DEFAULT_DATA_DIR } from '../lambdas/local/state.js';
import type { TargetFlags } from '../lambdas/local/target.js';

export function targetFlags(args: ParsedArgs): TargetFlags {
  // The SDK's Node 20 end-of-support notice is noise on an operator's terminal.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return {
    local: args.flags.has('--local'),
    dataDir: args.values.get('--data-dir') ?? DEFAULT_DATA_DIR,
    table: args.values.get('--table'),
    bucket: args.values.get('--bucket'),
    region: args.values.get('--region'),
  };
}

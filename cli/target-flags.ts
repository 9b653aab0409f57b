// The --local / --table / --bucket / --region / --data-dir options shared by tenant, key and
// upload, and the one way those commands open their target, report failures and close it.
import type { ParsedArgs } from './args.js';
import type { CliIo } from './io.js';
import { AdminInputError } from '../lambdas/auth/key-admin.js';
import { localDataDir } from '../lambdas/local/state.js';
import { TargetError, resolveTarget, type Target, type TargetFlags } from '../lambdas/local/target.js';
import { AlreadyExistsError } from '../lambdas/store/tenant-store.js';

export function targetFlags(args: ParsedArgs): TargetFlags {
  // The SDK's Node 20 end-of-support notice is noise on an operator's terminal.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return {
    local: args.flags.has('--local'),
    dataDir: localDataDir(args.values.get('--data-dir'), process.env),
    table: args.values.get('--table'),
    bucket: args.values.get('--bucket'),
    region: args.values.get('--region'),
  };
}

/** Errors that are the user's to fix: one line, exit 2. */
function isUserError(err: unknown): err is Error {
  return err instanceof AdminInputError || err instanceof AlreadyExistsError || err instanceof TargetError;
}

/**
 * Resolves the target, runs `body` against it and closes it. A target that cannot be resolved or
 * a user error gives one line and exit 2; anything else one line naming the target and exit 1.
 */
export async function withTarget(
  command: string,
  args: ParsedArgs,
  io: CliIo,
  body: (target: Target) => Promise<number>,
): Promise<number> {
  let target: Target;
  try {
    target = await resolveTarget(targetFlags(args), process.env);
  } catch (err) {
    io.stderr.write(`vpn-doctor: ${command}: ${(err as Error).message}\n`);
    return 2;
  }
  try {
    return await body(target);
  } catch (err) {
    if (isUserError(err)) {
      io.stderr.write(`vpn-doctor: ${command}: ${err.message}\n`);
      return 2;
    }
    io.stderr.write(`vpn-doctor: ${command}: ${(err as Error).name}: ${(err as Error).message} (${target.describe})\n`);
    return 1;
  } finally {
    target.close();
  }
}

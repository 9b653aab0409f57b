// What a failed Dashboard API call means to the person who has to fix it: one kind per cause and
// a message that says which permission or object is missing. Pure: status and body in, text out.

export type MerakiErrorKind =
  'unauthorized' | 'forbidden' | 'not-found' | 'rate-limited' | 'bad-request' | 'server' | 'network' | 'bad-response';

export interface MerakiErrorContext {
  /** What we were doing, e.g. "start a packet capture". */
  action: string;
  /** A write (start/stop/delete a capture) rather than a read. */
  write: boolean;
  organizationId?: string;
  /** Meraki's own `errors` texts. */
  errors: string[];
  attempts?: number;
}

export function classifyStatus(status: number): MerakiErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  return 'bad-request';
}

export function describeMerakiError(kind: MerakiErrorKind, ctx: MerakiErrorContext): string {
  const said = ctx.errors.length > 0 ? ` (Meraki: ${ctx.errors.join('; ')})` : '';
  const org = ctx.organizationId ? `organization ${ctx.organizationId}` : 'the organization';
  switch (kind) {
    case 'unauthorized':
      return (
        `Meraki rejected the API key while trying to ${ctx.action}: it is revoked, expired or mistyped. ` +
        'Create a new key (Meraki dashboard > My profile > API access) and connect again' +
        said
      );
    case 'forbidden':
      return ctx.write
        ? `The Meraki API key may read ${org} but not change it, so it cannot ${ctx.action}: packet captures need ` +
            'a key of an administrator with full (read-write) organization access, not read-only' +
            said
        : `The Meraki API key's administrator has no access to ${ctx.action} in ${org}: give the administrator ` +
            'organization access (read-only is enough to list and import captures)' +
            said;
    case 'not-found':
      return (
        `Not found while trying to ${ctx.action}: ${ctx.organizationId ? `${org} is not visible to this API key, or ` : ''}` +
        'the object does not exist (a cloud capture may have been deleted, or replaced by newer ones: the cloud keeps about 10)' +
        said
      );
    case 'rate-limited':
      return (
        `Meraki kept answering 429 (rate limit: 10 requests per second per organization) while trying to ${ctx.action}` +
        `${ctx.attempts ? ` after ${ctx.attempts} attempts` : ''}; try again in a minute` +
        said
      );
    case 'server':
      return (
        `Meraki could not process the request to ${ctx.action} (server error${ctx.attempts ? ` after ${ctx.attempts} attempts` : ''})` +
        said
      );
    case 'network':
      return `Could not reach the Meraki API to ${ctx.action}` + said;
    case 'bad-response':
      return `The Meraki API answered ${ctx.action} with something unexpected` + said;
    default:
      return `Meraki refused to ${ctx.action}` + said;
  }
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date; undefined when absent or malformed. */
export function retryAfterMs(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d{1,6}(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

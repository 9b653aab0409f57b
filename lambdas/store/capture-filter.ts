// Which captures a filtered list keeps. The upload-time range is a key condition on gsi1's sort
// key (`{uploadedAt ISO}#{captureId}`, so ISO strings compare as times); verdict (the capture's or
// any client's), status and the file name are checked here on each item read, so the name match
// can be case-insensitive.
import type { CaptureItem, CaptureListFilter } from '#shared/api/contract.js';

export type { CaptureListFilter } from '#shared/api/contract.js';

/** Captures one filtered request reads at most before it answers with what it found and a cursor. */
export const MAX_FILTER_EXAMINED = 1000;

export function hasItemFilter(f: CaptureListFilter): boolean {
  return f.verdict !== undefined || f.status !== undefined || (f.q ?? '') !== '';
}

export function matchesFilter(c: CaptureItem, f: CaptureListFilter): boolean {
  if (f.verdict !== undefined && c.verdict !== f.verdict && !c.clientVerdicts?.some((x) => x.verdict === f.verdict))
    return false;
  if (f.status !== undefined && c.status !== f.status) return false;
  if (f.q && !c.fileName.toLowerCase().includes(f.q.toLowerCase())) return false;
  return true;
}

/**
 * The key condition's bounds on gsi1sk for [from, to): BETWEEN is inclusive, and `to` itself
 * sorts before every `{to}#{id}`, so a capture uploaded exactly at `to` stays out.
 */
export function uploadRange(f: CaptureListFilter): { low: string; high: string } | undefined {
  if (f.from === undefined && f.to === undefined) return undefined;
  // '0' and '9' bound every ISO year 0000–9999 (the sort key starts with the timestamp).
  return { low: f.from ?? '0', high: f.to ?? '9' };
}

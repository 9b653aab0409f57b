// A capture item as its readers see it: the stored attributes to the contract's record (the API),
// its position in gsi1 (the list's order) for a cursor, and a due PENDING item (the sweeper).
import type { CaptureItem, ClientVerdictCount } from '#shared/api/contract.js';
import { VERDICT_CODES, type VerdictCode } from '#shared/report/types.js';
import { num, str, type DdbItem, type Scalar } from './attributes.js';
import type { CaptureRecord } from './capture-store.js';
import { tenantOfPk } from './keys.js';

/** The gsi1 position of an item, as Query's LastEvaluatedKey would give it. */
export function gsi1Key(raw: DdbItem): DdbItem {
  const { pk, sk, gsi1pk, gsi1sk } = raw;
  return { pk: pk!, sk: sk!, gsi1pk: gsi1pk!, gsi1sk: gsi1sk! };
}

export function toRecord(item: Record<string, Scalar>): CaptureRecord {
  const status = str(item, 'status');
  return {
    captureId: str(item, 'captureId') ?? '',
    fileName: str(item, 'fileName') ?? '',
    size: num(item, 'size') ?? 0,
    status: status === 'DONE' || status === 'FAILED' ? status : 'PENDING',
    uploadedAt: str(item, 'uploadedAt') ?? '',
    analyzedAt: str(item, 'analyzedAt'),
    frames: num(item, 'frames'),
    start: str(item, 'start'),
    end: str(item, 'end'),
    // Written by our own analyzer from VERDICT_CODES.
    verdict: str(item, 'verdict') as CaptureItem['verdict'],
    clientVerdicts: clientVerdictsOf(str(item, 'clientVerdicts')),
    sessions: num(item, 'sessions'),
    error: str(item, 'error'),
    mxIp: str(item, 'mxIp'),
    merakiCaptureId: str(item, 'merakiCaptureId'),
    merakiOrganizationId: str(item, 'merakiOrganizationId'),
    merakiSerial: str(item, 'merakiSerial'),
    merakiNetworkId: str(item, 'merakiNetworkId'),
    attempts: num(item, 'attempts'),
    objectKey: str(item, 'objectKey'),
  };
}

const VERDICTS: ReadonlySet<string> = new Set(VERDICT_CODES);

/** The stored JSON of `clientVerdicts`, read defensively (absent on captures analysed before it). */
function clientVerdictsOf(json: string | undefined): ClientVerdictCount[] | undefined {
  if (json === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed)) return undefined;
  return parsed
    .filter(
      (x): x is ClientVerdictCount =>
        VERDICTS.has((x as { verdict?: unknown })?.verdict as string) &&
        Number.isSafeInteger((x as { clients?: unknown }).clients) &&
        (x as { clients: number }).clients > 0,
    )
    .slice(0, VERDICTS.size)
    .map((x) => ({ verdict: x.verdict as VerdictCode, clients: x.clients }));
}

/** A PENDING capture past its due time, as the sweeper sees it. */
export interface DueCapture {
  tenantId: string;
  captureId: string;
  fileName: string;
  uploadedAt: string;
  /** Set once the object's event claimed the capture; absent while the upload is awaited. */
  objectKey?: string;
  objectTag?: string;
  attempts: number;
  /** When the upload URL or a Meraki import (plus grace) or the lease ends. */
  dueEpoch: number;
}

export function toDueCapture(item: Record<string, Scalar>): DueCapture {
  return {
    tenantId: tenantOfPk(str(item, 'pk') ?? ''),
    captureId: str(item, 'captureId') ?? '',
    fileName: str(item, 'fileName') ?? '',
    uploadedAt: str(item, 'uploadedAt') ?? '',
    objectKey: str(item, 'objectKey'),
    objectTag: str(item, 'objectTag'),
    attempts: num(item, 'attempts') ?? 0,
    dueEpoch: Number(str(item, 'gsi3sk') ?? 0),
  };
}

// A capture item as the API reads it: the stored attributes to the contract's record, and its
// position in gsi1 (the list's order) for a cursor.
import type { CaptureItem } from '#shared/api/contract.js';
import { num, str, type DdbItem, type Scalar } from './attributes.js';
import type { CaptureRecord } from './capture-store.js';

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
    sessions: num(item, 'sessions'),
    error: str(item, 'error'),
    mxIp: str(item, 'mxIp'),
    merakiCaptureId: str(item, 'merakiCaptureId'),
    merakiSerial: str(item, 'merakiSerial'),
    merakiNetworkId: str(item, 'merakiNetworkId'),
    attempts: num(item, 'attempts'),
    objectKey: str(item, 'objectKey'),
  };
}

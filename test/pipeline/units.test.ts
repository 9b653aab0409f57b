// The pure parts of the pipeline on real inputs: S3 event records (documented JSON shape,
// URL-encoded keys), the capture key layout, cursors, and the session item bound.
import { readFileSync } from 'node:fs';
import { createReadStream } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeCapture } from '#shared/analyze.js';
import { parseCaptureKey, isTenantId, newCaptureId, safeFileName, isCaptureId } from '#shared/tenancy/ids.js';
import { objectCreatedRecords, encodeEventKey, decodeEventKey } from '../../lambdas/analyze/s3-event.js';
import { decodeCursor, encodeCursor, InvalidCursorError } from '../../lambdas/store/cursor.js';
import { boundSessionJson, SESSION_ITEM_BUDGET_BYTES } from '../../lambdas/store/bound-session.js';
import { isTransientError, withRetry } from '../../lambdas/retry.js';
import { toS3Event } from '../../lambdas/local/s3-event-bridge.js';

describe('S3 event records', () => {
  const event = JSON.parse(readFileSync('test/pipeline/events/s3-put-encoded-key.json', 'utf8'));

  it('keeps ObjectCreated records with decodable keys, decoded', () => {
    const recs = objectCreatedRecords(event);
    expect(recs).toHaveLength(1);
    expect(recs[0]).toMatchObject({
      bucket: 'vpn-doctor-captures',
      key: 'captures/acme-corp/01JCZ4Q3V8D0000000000000AB/Office VPN (2) + été.pcapng',
      size: 1048576,
      versionId: '096fKKXTRTtl3on89fVO.nfljtsv6qko',
    });
    expect(parseCaptureKey(recs[0].key)).toEqual({
      tenantId: 'acme-corp',
      captureId: '01JCZ4Q3V8D0000000000000AB',
      fileName: 'Office VPN (2) + été.pcapng',
    });
  });

  it('encodes keys as S3 does, so the local twin emits what AWS emits', () => {
    for (const key of ['captures/t1x/ABCDEFGH/a b+c.pcap', 'captures/t1x/ABCDEFGH/été (1).pcap']) {
      expect(decodeEventKey(encodeEventKey(key))).toBe(key);
      expect(encodeEventKey(key)).not.toMatch(/ /);
    }
    const local = toS3Event(
      {
        Records: [
          {
            eventName: 'ObjectCreated:Put',
            s3: { bucket: { name: 'b' }, object: { key: 'captures/t1x/ABCDEFGH/a b.pcap', size: 3 } },
          },
        ],
      },
      'us-east-1',
    );
    expect(local?.Records?.[0].s3?.object?.key).toBe('captures/t1x/ABCDEFGH/a+b.pcap');
    expect(
      toS3Event(
        {
          Records: [
            { eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'b' }, object: { key: 'results/t1x/X.json' } } },
          ],
        },
        'us-east-1',
      ),
    ).toBeUndefined();
  });
});

describe('capture key layout', () => {
  it('rejects keys that do not name a valid tenant and capture', () => {
    for (const bad of [
      'captures/ACME/ABCDEFGH/a.pcap',
      'captures/a/ABCDEFGH/a.pcap',
      'captures/acme/short/a.pcap',
      'captures/acme/ABCDEFGH/',
      'captures/acme/ABCDEFGH/x/y.pcap',
      'results/acme/ABCDEFGH.json',
      'captures/../ABCDEFGH/a',
      `captures/${'a'.repeat(41)}/ABCDEFGH/a.pcap`,
      'captures/-acme/ABCDEFGH/a.pcap',
    ]) {
      expect(parseCaptureKey(bad), bad).toBeUndefined();
    }
    expect(isTenantId('acme-corp')).toBe(true);
    expect(isTenantId('TENANT#x')).toBe(false);
  });

  it('makes time-sortable capture ids and safe file names', () => {
    const a = newCaptureId(1_700_000_000_000, new Uint8Array(16).fill(255));
    const b = newCaptureId(1_700_000_000_001, new Uint8Array(16));
    expect(isCaptureId(a) && isCaptureId(b)).toBe(true);
    expect(a < b).toBe(true);
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\caps\\my cap (1).pcap')).toBe('my_cap_1_.pcap');
    expect(safeFileName('...')).toBe('capture.pcap');
  });
});

describe('cursors', () => {
  const key = {
    pk: { S: 'TENANT#a1x' },
    sk: { S: 'CAPTURE#X#SESSION#1' },
    gsi2pk: { S: 'TENANT#a1x#IP#192.0.2.1' },
    gsi2sk: { S: '2026#X#1' },
  };
  const attrs = ['pk', 'sk', 'gsi2pk', 'gsi2sk'];

  it('round-trips for the same partition', () => {
    const c = encodeCursor(key) as string;
    expect(decodeCursor(c, attrs, { pk: 'TENANT#a1x', gsi2pk: 'TENANT#a1x#IP#192.0.2.1' })).toEqual(key);
  });

  it('refuses a cursor of another tenant, another IP, or forged', () => {
    const c = encodeCursor(key) as string;
    expect(() => decodeCursor(c, attrs, { pk: 'TENANT#b2x', gsi2pk: 'TENANT#b2x#IP#192.0.2.1' })).toThrow(
      InvalidCursorError,
    );
    expect(() => decodeCursor(c, attrs, { pk: 'TENANT#a1x', gsi2pk: 'TENANT#a1x#IP#192.0.2.2' })).toThrow(
      InvalidCursorError,
    );
    const extra = Buffer.from(
      JSON.stringify({ pk: 'TENANT#a1x', sk: 'x', gsi2pk: 'TENANT#a1x#IP#192.0.2.1', gsi2sk: 'y', zz: 'q' }),
    ).toString('base64url');
    expect(() => decodeCursor(extra, attrs, {})).toThrow(InvalidCursorError);
    for (const junk of ['', '!!!', 'e30', Buffer.from('[1]').toString('base64url'), 'A'.repeat(5000)]) {
      expect(() => decodeCursor(junk, attrs, {}), junk.slice(0, 10)).toThrow(InvalidCursorError);
    }
  });
});

describe('session item bound', () => {
  it('keeps a real session whole and trims an oversized one under the budget', async () => {
    const report = await analyzeCapture(
      createReadStream('test/fixtures/public/suricata-verify__ikev1-isakmp-main-mode.pcap'),
    );
    const session = report.sessions[0];
    expect(JSON.parse(boundSessionJson(session))).toEqual(session);
    const entry = session.timeline[0] ?? {
      frame: 1,
      time: '0',
      direction: 'client-to-mx',
      step: 'SA',
      exchangeType: 2,
      exchangeName: 'x',
      nextPayload: 1,
      nextPayloadName: 'SA',
      srcPort: 500,
      dstPort: 500,
      messageId: '0',
      encrypted: false,
      retransmission: false,
      notifies: [],
      label: 'x',
    };
    const huge = {
      ...session,
      timeline: Array.from({ length: 5000 }, (_, i) => ({ ...entry, frame: i + 1, label: 'L'.repeat(100) })),
      findings: Array.from({ length: 50 }, () => ({
        ...(session.findings[0] ?? report.auth[0]),
        evidence: { frames: Array.from({ length: 20000 }, (_, i) => i) },
      })).filter(Boolean),
    };
    const bounded = boundSessionJson(huge as typeof session);
    expect(Buffer.byteLength(bounded)).toBeLessThanOrEqual(SESSION_ITEM_BUDGET_BYTES);
    const parsed = JSON.parse(bounded);
    expect(parsed.timelineTruncated).toBe(true);
    expect(parsed.id).toBe(session.id);
    expect(parsed.verdict).toBe(session.verdict);
  });
});

describe('write-phase retry', () => {
  it('retries throttling a bounded number of times, never a validation error', async () => {
    let calls = 0;
    const throttled = Object.assign(new Error('slow down'), { name: 'ProvisionedThroughputExceededException' });
    await expect(
      withRetry(
        async () => {
          calls++;
          throw throttled;
        },
        { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
      ),
    ).rejects.toBe(throttled);
    expect(calls).toBe(3);
    calls = 0;
    const result = await withRetry(
      async () => {
        if (++calls < 3) throw throttled;
        return 'ok';
      },
      { attempts: 5, baseDelayMs: 1, maxDelayMs: 2 },
    );
    expect([result, calls]).toEqual(['ok', 3]);
    calls = 0;
    const invalid = Object.assign(new Error('bad'), {
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
    });
    await expect(
      withRetry(
        async () => {
          calls++;
          throw invalid;
        },
        { attempts: 5, baseDelayMs: 1, maxDelayMs: 2 },
      ),
    ).rejects.toBe(invalid);
    expect(calls).toBe(1);
    expect(isTransientError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isTransientError(Object.assign(new Error('x'), { $metadata: { httpStatusCode: 503 } }))).toBe(true);
  });
});

describe('auth cache', () => {
  it('forgets entries after the TTL and stays bounded', async () => {
    const { TtlCache } = await import('../../lambdas/auth/ttl-cache.js');
    let now = 0;
    const cache = new TtlCache<number>(1000, 2, () => now);
    cache.set('a', 1);
    now = 999;
    expect(cache.get('a')).toBe(1);
    now = 1000;
    expect(cache.get('a')).toBeUndefined();
    cache.set('b', 2);
    cache.set('c', 3);
    cache.set('d', 4);
    expect([cache.get('b'), cache.get('c'), cache.get('d')]).toEqual([undefined, 3, 4]);
  });
});

// The pure Meraki core (shared/meraki): Link headers, Retry-After, statuses, the WAN address and
// hostile answers.
import { describe, expect, it } from 'vitest';
import { classifyStatus, describeMerakiError, retryAfterMs } from '#shared/meraki/api-errors.js';
import { capturePhase } from '#shared/meraki/capture-status.js';
import { parseLinkHeader } from '#shared/meraki/link-header.js';
import {
  MerakiShapeError,
  parseCaptureList,
  parseDownloadUrl,
  parseErrorBody,
  parseOrganizations,
} from '#shared/meraki/parse.js';
import { mxWanIp } from '#shared/meraki/wan-ip.js';

describe('parseLinkHeader', () => {
  it('reads quoted and unquoted rels, keeps the first of each, skips junk', () => {
    expect(
      parseLinkHeader(
        '<https://a/x?startingAfter=1>; rel="next", <https://a/x>; rel=first, garbage, <https://a/y>; rel=next',
      ),
    ).toEqual({ next: 'https://a/x?startingAfter=1', first: 'https://a/x' });
    expect(parseLinkHeader(null)).toEqual({});
    expect(parseLinkHeader('<https://a/x>')).toEqual({});
    expect(parseLinkHeader('x'.repeat(20_000))).toEqual({});
  });
});

describe('retryAfterMs and error texts', () => {
  it('takes seconds or an HTTP date', () => {
    expect(retryAfterMs('2', 0)).toBe(2000);
    expect(retryAfterMs('0.5', 0)).toBe(500);
    expect(retryAfterMs('Wed, 02 Dec 2026 03:00:10 GMT', Date.parse('2026-12-02T03:00:00Z'))).toBe(10_000);
    expect(retryAfterMs('soon', 0)).toBeUndefined();
    expect(retryAfterMs(undefined, 0)).toBeUndefined();
  });

  it('classifies statuses and names what to fix', () => {
    expect([401, 403, 404, 429, 400, 503].map(classifyStatus)).toEqual([
      'unauthorized',
      'forbidden',
      'not-found',
      'rate-limited',
      'bad-request',
      'server',
    ]);
    expect(
      describeMerakiError('forbidden', {
        action: 'list the packet captures',
        write: false,
        organizationId: '1',
        errors: [],
      }),
    ).toMatch(/no access to list the packet captures in organization 1.*read-only is enough/);
  });
});

describe('capture phases', () => {
  it('classifies by words, unknown spellings as running', () => {
    expect(['completed', 'Stopped', 'finished', 'uploaded'].map(capturePhase)).toEqual([
      'finished',
      'finished',
      'finished',
      'finished',
    ]);
    expect(['failed', 'error', 'Aborted'].map(capturePhase)).toEqual(['failed', 'failed', 'failed']);
    expect(['running', 'capturing', 'pending', ''].map(capturePhase)).toEqual([
      'running',
      'running',
      'running',
      'running',
    ]);
  });
});

describe('mxWanIp', () => {
  it('prefers the active uplink, its public IP, and ignores what is not an address', () => {
    const s = (uplinks: { interface: string; status: string; ip?: string; publicIp?: string }[]) => ({
      serial: 'Q',
      networkId: 'N',
      model: 'MX',
      uplinks,
    });
    expect(
      mxWanIp(
        s([
          { interface: 'wan1', status: 'failed', ip: '192.0.2.1', publicIp: '192.0.2.1' },
          { interface: 'wan2', status: 'active', ip: '10.0.0.2', publicIp: '203.0.113.5' },
        ]),
      ),
    ).toBe('203.0.113.5');
    expect(mxWanIp(s([{ interface: 'wan1', status: 'active', ip: '198.51.100.9', publicIp: 'n/a' }]))).toBe(
      '198.51.100.9',
    );
    expect(mxWanIp(s([{ interface: 'wan1', status: 'active', ip: '<script>', publicIp: '' }]))).toBeUndefined();
    expect(mxWanIp(undefined)).toBeUndefined();
  });
});

describe('hostile answers', () => {
  it('wrong shapes are a MerakiShapeError naming the field, never a crash', () => {
    expect(() => parseOrganizations({ id: 1 })).toThrow(MerakiShapeError);
    expect(() => parseOrganizations([{ name: 'x' }])).toThrow(/organizations\[0\]\.id/);
    expect(() => parseCaptureList({ items: 'x' })).toThrow(/captures\.items/);
    expect(() => parseCaptureList(new Array(10_001).fill({ captureId: '1' }))).toThrow(/more than 10000/);
    expect(() => parseDownloadUrl({ captureId: '1', url: 'file:///etc/passwd' })).toThrow(/not http/);
    expect(parseDownloadUrl({ captureId: 7, downloadUrl: 'https://x/y' })).toEqual({
      captureId: '7',
      url: 'https://x/y',
    });
  });

  it('strings are bounded; error bodies keep at most 5 texts', () => {
    const [org] = parseOrganizations([{ id: '1', name: 'n'.repeat(10_000) }]);
    expect(org.name.length).toBe(2048);
    expect(parseErrorBody({ errors: ['a', 2, 'b', 'c', 'd', 'e', 'f'] })).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(parseErrorBody('<html>')).toEqual([]);
  });
});

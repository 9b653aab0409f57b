// One address, several sessions (shared/diagnosis/client-book.ts): a later attempt replaces an
// earlier one, but a user behind the same NAT whose session still runs beside a colleague's
// later one is not hidden by it; a switch from L2TP/IPsec to AnyConnect goes by the latest.
// The real captures (cut-two-users-one-nat-rebind-user1-moved, two-users-one-nat-second-wrong-psk)
// check the first two in whole reports; these check each case alone.
import { describe, expect, it } from 'vitest';
import { createClientBook, type SessionOutline } from '#shared/diagnosis/client-book.js';
import type { VerdictCode } from '#shared/report/types.js';

const T0 = Date.parse('2026-12-06T05:00:00.000Z');

function outline(
  id: string,
  verdict: VerdictCode,
  clientPort: number,
  startS: number,
  untilS: number,
  mode = 'main',
): SessionOutline {
  return {
    id,
    clientIp: '198.51.100.2',
    clientPort,
    responderIp: '198.51.100.1',
    verdict,
    mode: mode as SessionOutline['mode'],
    startMs: T0 + startS * 1000,
    activeUntilMs: T0 + untilS * 1000,
    pair: '198.51.100.1|198.51.100.2',
    clientVpn: true,
  };
}

function verdictOf(...sessions: SessionOutline[]): VerdictCode {
  const book = createClientBook();
  for (const s of sessions) book.add(s);
  const [client] = book.all();
  return client.verdict;
}

type Row = [VerdictCode, number, number, number, string?];

/** What happens, the two sessions as (verdict, client port, start s, last packet s, mode), the address's verdict. */
const CASES: [string, Row, Row, VerdictCode][] = [
  [
    'a user whose tunnel broke beside a later colleague is not hidden by them',
    ['ESP_ONE_WAY', 500, 0, 10],
    ['TUNNEL_ESTABLISHED', 10, 5, 10],
    'ESP_ONE_WAY',
  ],
  [
    'an attempt that ended before the next began is replaced, whatever its port',
    ['PSK_MISMATCH', 500, 0, 4],
    ['TUNNEL_ESTABLISHED', 4500, 5, 10],
    'TUNNEL_ESTABLISHED',
  ],
  [
    'a retry from the same port replaces the first, even while it still runs',
    ['PSK_MISMATCH', 500, 0, 10],
    ['TUNNEL_ESTABLISHED', 500, 5, 10],
    'TUNNEL_ESTABLISHED',
  ],
  [
    'a colleague cut short (INCONCLUSIVE) does not override a decided verdict',
    ['INCONCLUSIVE', 500, 0, 10],
    ['TUNNEL_ESTABLISHED', 10, 5, 10],
    'TUNNEL_ESTABLISHED',
  ],
  [
    'a switch from L2TP/IPsec to AnyConnect goes by the latest attempt',
    ['PSK_MISMATCH', 500, 0, 10],
    ['ANYCONNECT_ESTABLISHED', 0, 5, 10, 'anyconnect'],
    'ANYCONNECT_ESTABLISHED',
  ],
];

describe("an address's verdict with several sessions", () => {
  it.each(CASES)('%s', (_, a, b, verdict) => {
    expect(verdictOf(outline('a', ...a), outline('b', ...b))).toBe(verdict);
  });
});

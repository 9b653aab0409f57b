// The names we print for IKE wire numbers, against Wireshark's own tables (tshark -G values,
// recorded in test/fixtures/tshark/): two independent readings of the IANA registries. Where
// they differ the reason is written below, and each listed difference must still occur.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exchangeName } from '#shared/ike/exchange-types.js';
import { ikeAttributeValueName, IKE_ATTR_TYPE } from '#shared/ike/ikev1-attributes.js';
import { notifyName } from '#shared/ike/notify-types.js';

interface Entry {
  field: string;
  value: number;
  name: string;
  /** 0 for the first table of a field, 1 once its numbers start again (IKEv2 notifies). */
  table: number;
}

function tsharkValues(): Entry[] {
  const lines = readFileSync(new URL('../fixtures/tshark/isakmp-values.tsv', import.meta.url), 'utf8')
    .trimEnd()
    .split('\n');
  const last = new Map<string, { high: number; table: number }>();
  const out: Entry[] = [];
  for (const line of lines) {
    const c = line.split('\t');
    const [low, high, name] = c[0] === 'V' ? [Number(c[2]), Number(c[2]), c[3]] : [Number(c[2]), Number(c[3]), c[4]];
    const prev = last.get(c[1]);
    const table = prev === undefined ? 0 : low <= prev.high ? prev.table + 1 : prev.table;
    last.set(c[1], { high, table });
    // Ranges ("Private Use", "RESERVED TO IANA") name no single value.
    if (low === high) out.push({ field: c[1], value: low, name, table: Math.min(table, 1) });
  }
  return out;
}

// Ours -> the name we print, or undefined where we have no name (the number is printed).
const OURS: Record<string, (e: Entry) => string | undefined> = {
  // One table in Wireshark; IKEv2 exchanges are numbered from 34 (RFC 7296 3.1).
  'isakmp.exchangetype': (e) => exchangeName(e.value, e.value >= 34 ? 2 : 1),
  'isakmp.notify.msgtype': (e) => notifyName(e.value, e.table === 0 ? 1 : 2),
  'isakmp.ike.attr.encryption_algorithm': (e) => ikeAttributeValueName(IKE_ATTR_TYPE.ENCRYPTION, e.value),
  'isakmp.ike.attr.hash_algorithm': (e) => ikeAttributeValueName(IKE_ATTR_TYPE.HASH, e.value),
  'isakmp.ike.attr.authentication_method': (e) => ikeAttributeValueName(IKE_ATTR_TYPE.AUTH_METHOD, e.value),
};

const KNOWN_DIFFERENCES: Record<string, string> = {
  // IANA "IKEv2 Notify Message Types": 44 is CHILD_SA_NOT_FOUND, 46 AUTHORIZATION_FAILED
  // (G-IKEv2); Wireshark 4.0 lists CHILD_SA_NOT_FOUND twice.
  'isakmp.notify.msgtype v2 46': 'Wireshark repeats 44',
  // IANA "IPSEC (IKE) Attributes" spells these as RFC 2409 does; Wireshark upper-cases them.
  'isakmp.ike.attr.encryption_algorithm 3': 'RFC 2409 spelling Blowfish-CBC',
  'isakmp.ike.attr.hash_algorithm 3': 'RFC 2409 spelling Tiger',
  // Wireshark marks values IANA since deprecated; we print what the peer meant.
  'isakmp.ike.attr.authentication_method 6': 'deprecated El-Gamal, named as sent',
  'isakmp.ike.attr.authentication_method 7': 'deprecated El-Gamal, named as sent',
  'isakmp.ike.attr.authentication_method 8': 'deprecated ECDSA signatures, named as sent',
};

describe('IKE names against Wireshark', () => {
  const entries = tsharkValues().filter((e) => e.field in OURS);

  it('reads every table it compares', () => {
    const fields = new Set(entries.map((e) => e.field));
    expect([...fields].sort()).toEqual(Object.keys(OURS).sort());
    // IKEv1 and IKEv2 notify tables both present.
    expect(new Set(entries.filter((e) => e.field === 'isakmp.notify.msgtype').map((e) => e.table))).toEqual(
      new Set([0, 1]),
    );
  });

  it('prints the names Wireshark prints, apart from the documented cases', () => {
    const differences = new Map<string, string>();
    let compared = 0;
    for (const e of entries) {
      const ours = OURS[e.field](e);
      if (ours === undefined || ours === String(e.value)) continue; // a number stays a number
      // Wireshark's filler names are not names of a value.
      if (/^(<UNKNOWN>|RESERVED|Reserved)$/.test(e.name)) continue;
      compared++;
      const key = `${e.field}${e.field === 'isakmp.notify.msgtype' ? (e.table ? ' v2' : ' v1') : ''} ${e.value}`;
      if (ours !== e.name) differences.set(key, `ours ${ours}, tshark ${e.name}`);
    }
    expect(Object.fromEntries([...differences].filter(([k]) => !(k in KNOWN_DIFFERENCES)))).toEqual({});
    expect(Object.keys(KNOWN_DIFFERENCES).filter((k) => !differences.has(k))).toEqual([]);
    expect(compared).toBeGreaterThan(120);
  });

  it('keeps an unknown number as its number', () => {
    // Values no registry assigns (RFC 2408 3.14.1 leaves 8192..16383 to private use).
    expect(exchangeName(99, 2)).toBe('99');
    expect(notifyName(9000, 1)).toBe('9000');
    expect(ikeAttributeValueName(IKE_ATTR_TYPE.ENCRYPTION, 250)).toBe('250');
  });
});

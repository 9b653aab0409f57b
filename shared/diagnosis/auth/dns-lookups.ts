// DNS queries matched to their answers (by addresses and ID), kept only for the names that
// matter to Meraki cloud authentication (meraki.com and its subdomains).
import type { DecodedFrame } from '../../decode/types.js';

const MAX_LOOKUPS = 2000;

export interface DnsLookup {
  name: string;
  client: string;
  server: string;
  id: number;
  queryFrames: number[];
  rcode?: number;
  answers?: number;
  answerFrame?: number;
}

export function isMerakiName(name: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  return n === 'meraki.com' || n.endsWith('.meraki.com');
}

export interface DnsTracker {
  add(frame: DecodedFrame): void;
  lookups(): DnsLookup[];
}

export function createDnsTracker(): DnsTracker {
  const open = new Map<string, DnsLookup>();
  const all: DnsLookup[] = [];
  function add(frame: DecodedFrame): void {
    const d = frame.dns;
    if (!d || !frame.ip || d.questions.length === 0) return;
    const name = d.questions[0].name;
    if (!isMerakiName(name)) return;
    const srcPort = frame.udp?.srcPort ?? frame.tcp?.srcPort ?? 0;
    const dstPort = frame.udp?.dstPort ?? frame.tcp?.dstPort ?? 0;
    const src = `${frame.ip.src}:${srcPort}`;
    const dst = `${frame.ip.dst}:${dstPort}`;
    if (!d.response) {
      const key = `${src}|${dst}|${d.id}|${name}`;
      const existing = open.get(key);
      if (existing && existing.rcode === undefined) {
        if (existing.queryFrames.length < 16) existing.queryFrames.push(frame.number);
        return;
      }
      if (all.length >= MAX_LOOKUPS) return;
      const fresh: DnsLookup = { name, client: src, server: dst, id: d.id, queryFrames: [frame.number] };
      open.set(key, fresh);
      all.push(fresh);
      return;
    }
    const q = open.get(`${dst}|${src}|${d.id}|${name}`);
    if (!q || q.rcode !== undefined) return;
    q.rcode = d.rcode;
    q.answers = d.answers.length;
    q.answerFrame = frame.number;
  }
  return { add, lookups: () => all };
}

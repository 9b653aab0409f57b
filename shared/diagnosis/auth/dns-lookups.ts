// DNS queries matched to their answers, kept only for the names that matter to Meraki cloud
// authentication (meraki.com and its subdomains). A resolver retries the same query (same ID
// and name) to the same server, often from a new source port: queries and retries are matched
// by the two addresses, the ID and the name, never by the source port.
import type { DecodedFrame } from '../../decode/types.js';

const MAX_LOOKUPS = 2000;

export interface DnsLookup {
  name: string;
  client: string;
  server: string;
  id: number;
  queryFrames: number[];
  /** Time of the last query sent (seconds, nanoseconds). */
  lastQuerySec: number;
  lastQueryNsec: number;
  rcode?: number;
  /** An ICMP error (port unreachable …) came back for the query: nobody serves DNS there. */
  icmpError?: boolean;
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
  /** Answers to cloud lookups whose query is not in the capture (it began after it). */
  orphanAnswers(): number;
}

export function createDnsTracker(): DnsTracker {
  const open = new Map<string, DnsLookup>();
  const all: DnsLookup[] = [];
  let orphans = 0;
  function add(frame: DecodedFrame): void {
    const q = frame.icmp?.quoted;
    if (q && q.dstPort === 53 && frame.ip) {
      for (const l of all) if (l.client === q.src && l.server === q.dst && l.rcode === undefined) l.icmpError = true;
      return;
    }
    const d = frame.dns;
    if (!d || !frame.ip || d.questions.length === 0) return;
    const name = d.questions[0].name;
    if (!isMerakiName(name)) return;
    const src = frame.ip.src;
    const dst = frame.ip.dst;
    const lname = name.toLowerCase();
    if (!d.response) {
      const key = `${src}|${dst}|${d.id}|${lname}`;
      const existing = open.get(key);
      if (existing && existing.rcode === undefined) {
        if (existing.queryFrames.length < 16) existing.queryFrames.push(frame.number);
        existing.lastQuerySec = frame.timeSec;
        existing.lastQueryNsec = frame.timeNsec;
        return;
      }
      if (all.length >= MAX_LOOKUPS) return;
      const fresh: DnsLookup = {
        name,
        client: src,
        server: dst,
        id: d.id,
        queryFrames: [frame.number],
        lastQuerySec: frame.timeSec,
        lastQueryNsec: frame.timeNsec,
      };
      open.set(key, fresh);
      all.push(fresh);
      return;
    }
    const answered = open.get(`${dst}|${src}|${d.id}|${lname}`);
    if (!answered) orphans++;
    if (!answered || answered.rcode !== undefined) return;
    answered.rcode = d.rcode;
    answered.answers = d.answers.length;
    answered.answerFrame = frame.number;
  }
  return { add, lookups: () => all, orphanAnswers: () => orphans };
}

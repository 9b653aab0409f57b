// What the rules look at for one session: the tracked IKE state, the NAT verdict, the ESP
// flows paired with it, and small helpers to ask "was this label seen, repeated, from whom".
import type { Evidence } from '../report/types.js';
import type { IkeSession, LabelStats } from './ike-session.js';
import type { EspFlow } from './esp-flows.js';
import type { NatVerdict } from './nat-detection.js';
import type { Role } from './steps.js';
import type { Code } from './catalog.js';

export interface SessionFacts {
  session: IkeSession;
  nat: NatVerdict;
  espUp: EspFlow[];
  espDown: EspFlow[];
}

/** What a rule returns when it decides: the code and the evidence behind it. */
export interface RuleHit {
  code: Code;
  evidence: Evidence;
  filter: string;
  /** Values for the catalog's {placeholders}. */
  vars?: Record<string, string | number>;
}

export type SessionRule = (f: SessionFacts) => RuleHit | null;

export function stats(f: SessionFacts, from: Role, label: string): LabelStats | undefined {
  return f.session.labels.get(`${from}:${label}`);
}

export function seen(f: SessionFacts, from: Role, label: string): boolean {
  return (stats(f, from, label)?.count ?? 0) > 0;
}

export function repeated(f: SessionFacts, from: Role, label: string): boolean {
  return (stats(f, from, label)?.retransmissions ?? 0) > 0;
}

export function mxSentAnything(f: SessionFacts): boolean {
  for (const key of f.session.labels.keys()) if (key.startsWith('mx:')) return true;
  return false;
}

/** Did the MX send anything after this frame (any label, any port)? */
export function mxSentAfter(f: SessionFacts, frame: number): boolean {
  for (const [key, st] of f.session.labels) if (key.startsWith('mx:') && st.lastFrame > frame) return true;
  return false;
}

export function framesOf(f: SessionFacts, ...keys: [Role, string][]): number[] {
  const out: number[] = [];
  for (const [from, label] of keys) out.push(...(stats(f, from, label)?.frames ?? []));
  return [...new Set(out)].sort((a, b) => a - b);
}

export function repeatedEntries(f: SessionFacts, ...keys: [Role, string][]): NonNullable<Evidence['repeated']> {
  const out: NonNullable<Evidence['repeated']> = [];
  for (const [from, label] of keys) {
    const s = stats(f, from, label);
    if (s && s.count > 1) out.push({ message: label, from, count: s.count, frames: s.frames });
  }
  return out;
}

/** Wireshark display filter for a set of frames (exact), or the session's SPI when long. */
export function framesFilter(f: SessionFacts, frames: number[]): string {
  if (frames.length === 0 || frames.length > 64)
    return f.session.ispi ? spiFilter(f.session.ispi) : espFilter([...f.espUp, ...f.espDown]);
  return `frame.number in {${frames.join(',')}}`;
}

export function spiFilter(ispi: string): string {
  return `isakmp.ispi == ${ispi.match(/../g)?.join(':') ?? ispi}`;
}

export function espFilter(flows: EspFlow[]): string {
  const spis = [...new Set(flows.map((x) => x.spi))].slice(0, 16);
  return spis.length ? spis.map((s) => `esp.spi == 0x${s}`).join(' || ') : 'esp';
}

// Small builders for hand-made capture files, so each test states its bytes field by field.

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Sequential little/big-endian writer. */
export class Writer {
  private readonly bytes: number[] = [];
  constructor(private readonly le: boolean) {}
  u8(v: number): this {
    this.bytes.push(v & 0xff);
    return this;
  }
  u16(v: number): this {
    const b = [(v >>> 8) & 0xff, v & 0xff];
    this.bytes.push(...(this.le ? b.reverse() : b));
    return this;
  }
  u32(v: number): this {
    const b = [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
    this.bytes.push(...(this.le ? b.reverse() : b));
    return this;
  }
  u64(v: bigint): this {
    const hi = Number((BigInt.asUintN(64, v) >> 32n) & 0xffffffffn);
    const lo = Number(BigInt.asUintN(64, v) & 0xffffffffn);
    return this.le ? this.u32(lo).u32(hi) : this.u32(hi).u32(lo);
  }
  raw(b: ArrayLike<number>): this {
    this.bytes.push(...Array.from(b));
    return this;
  }
  pad4(): this {
    while (this.bytes.length % 4 !== 0) this.bytes.push(0);
    return this;
  }
  get length(): number {
    return this.bytes.length;
  }
  build(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

// ---- classic pcap ----

export interface PcapRecord {
  sec: number;
  /** Microseconds, or nanoseconds for a nanosecond file. */
  sub: number;
  data: ArrayLike<number>;
  /** Defaults to data.length. */
  origLen?: number;
  /** Overrides the caplen field (to write lying headers). */
  caplen?: number;
}

export interface PcapOptions {
  littleEndian?: boolean;
  nanoseconds?: boolean;
  snaplen?: number;
  linkType?: number;
  version?: [number, number];
}

export function pcapHeader(o: PcapOptions = {}): Uint8Array {
  const w = new Writer(o.littleEndian ?? true);
  w.u32(o.nanoseconds ? 0xa1b23c4d : 0xa1b2c3d4);
  w.u16(o.version?.[0] ?? 2).u16(o.version?.[1] ?? 4);
  w.u32(0).u32(0); // thiszone, sigfigs
  w.u32(o.snaplen ?? 65535).u32(o.linkType ?? 1);
  return w.build();
}

export function pcapRecord(r: PcapRecord, littleEndian = true): Uint8Array {
  const w = new Writer(littleEndian);
  w.u32(r.sec)
    .u32(r.sub)
    .u32(r.caplen ?? r.data.length)
    .u32(r.origLen ?? r.data.length);
  w.raw(r.data);
  return w.build();
}

export function pcapFile(o: PcapOptions, records: PcapRecord[]): Uint8Array {
  return concat(pcapHeader(o), ...records.map((r) => pcapRecord(r, o.littleEndian ?? true)));
}

// ---- pcapng ----

/** A block: type, total length, body padded to 4, total length. */
export function block(le: boolean, type: number, body: Uint8Array, lengthOverride?: number): Uint8Array {
  const padded = (body.length + 3) & ~3;
  const total = 12 + padded;
  const w = new Writer(le)
    .u32(type)
    .u32(lengthOverride ?? total)
    .raw(body)
    .pad4();
  w.u32(lengthOverride ?? total);
  return w.build();
}

export function option(le: boolean, code: number, value: ArrayLike<number>): Uint8Array {
  return new Writer(le).u16(code).u16(value.length).raw(value).pad4().build();
}

export function endOfOptions(le: boolean): Uint8Array {
  return new Writer(le).u16(0).u16(0).build();
}

export function shb(le: boolean, options: Uint8Array[] = []): Uint8Array {
  const body = new Writer(le).u32(0x1a2b3c4d).u16(1).u16(0).u64(-1n).build();
  return block(le, 0x0a0d0d0a, concat(body, ...options));
}

export interface IdbOptions {
  snaplen?: number;
  /** Raw if_tsresol byte (e.g. 6, 9, 0x8a for 2^-10). */
  tsresol?: number;
  tsoffset?: bigint;
}

export function idb(le: boolean, linkType: number, o: IdbOptions = {}): Uint8Array {
  const opts: Uint8Array[] = [];
  if (o.tsresol !== undefined) opts.push(option(le, 9, [o.tsresol]));
  if (o.tsoffset !== undefined) opts.push(option(le, 14, new Writer(le).u64(o.tsoffset).build()));
  if (opts.length > 0) opts.push(endOfOptions(le));
  const body = new Writer(le)
    .u16(linkType)
    .u16(0)
    .u32(o.snaplen ?? 0)
    .build();
  return block(le, 1, concat(body, ...opts));
}

/** Splits a 64-bit timestamp count into the high and low words. */
export function words(ticks: bigint): [number, number] {
  return [Number(ticks >> 32n), Number(ticks & 0xffffffffn)];
}

export function epb(le: boolean, ifId: number, ticks: bigint, data: ArrayLike<number>, origLen?: number): Uint8Array {
  const [hi, lo] = words(ticks);
  const body = new Writer(le)
    .u32(ifId)
    .u32(hi)
    .u32(lo)
    .u32(data.length)
    .u32(origLen ?? data.length)
    .raw(data)
    .pad4()
    .build();
  return block(le, 6, body);
}

/** Obsolete Packet Block (type 2). */
export function pb(le: boolean, ifId: number, ticks: bigint, data: ArrayLike<number>, origLen?: number): Uint8Array {
  const [hi, lo] = words(ticks);
  const body = new Writer(le)
    .u16(ifId)
    .u16(0)
    .u32(hi)
    .u32(lo)
    .u32(data.length)
    .u32(origLen ?? data.length)
    .raw(data)
    .pad4()
    .build();
  return block(le, 2, body);
}

export function spb(le: boolean, origLen: number, data: ArrayLike<number>): Uint8Array {
  return block(le, 3, new Writer(le).u32(origLen).raw(data).pad4().build());
}

/** Bytes 0..n-1 offset by `seed`, so every packet's payload is distinct. */
export function payload(n: number, seed = 0): number[] {
  return Array.from({ length: n }, (_, i) => (i + seed) & 0xff);
}

// Cuts a byte stream that arrives in arbitrary chunks into length-prefixed records (pcap
// packet records, pcapng blocks). Records that lie inside one chunk are handed out as views
// of that chunk (no copy); only a record that spans chunks is assembled in the carry buffer.
// Memory: the caller's current chunk plus at most one record of carry.

/** A record format: how big the next record is, and what to do with it. */
export interface RecordFormat {
  /** Bytes needed at the start of a record before `recordSize` can be asked. */
  readonly headerSize: number;
  /**
   * Total size of the record starting at `offset` (header bytes are available), or -1 to
   * stop reading (the format has recorded why). Called exactly once per record.
   */
  recordSize(view: DataView, offset: number): number;
  /** Handles one whole record; returns false to stop reading. */
  record(bytes: Uint8Array, view: DataView, offset: number, size: number): boolean;
}

/** Carry buffers start this small and grow to the record being assembled. */
const INITIAL_CARRY = 4096;
/** A carry buffer grown beyond this for one huge record is released afterwards. */
const KEEP_CARRY = 1024 * 1024;

export class RecordFramer {
  // Allocated on first use: many captures never split a record across chunks.
  private carry = new Uint8Array(0);
  private carryView = new DataView(this.carry.buffer);
  private carryLen = 0;
  /** Size of the record being carried, or -1 while its header is incomplete. */
  private need = -1;
  private stopped = false;

  constructor(private readonly format: RecordFormat) {}

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Bytes of an incomplete record left over (non-zero at end of input = truncated). */
  get pendingBytes(): number {
    return this.carryLen;
  }

  /** Size of the incomplete record when its header was complete, else -1. */
  get pendingRecordSize(): number {
    return this.need;
  }

  push(chunk: Uint8Array): void {
    if (this.stopped || chunk.length === 0) return;
    let pos = 0;
    if (this.carryLen > 0) {
      pos = this.fillCarry(chunk);
      if (pos < 0) return; // chunk used up, or stopped
    }
    const format = this.format;
    const len = chunk.length;
    const view = new DataView(chunk.buffer, chunk.byteOffset, len);
    let size = -1;
    while (len - pos >= format.headerSize) {
      size = format.recordSize(view, pos);
      // A record is never shorter than its header; anything else would stall the loop.
      if (size < format.headerSize) return this.stop();
      if (len - pos < size) break;
      if (!format.record(chunk, view, pos, size)) return this.stop();
      pos += size;
      size = -1;
    }
    if (pos < len) this.startCarry(chunk.subarray(pos), size);
  }

  /** Drops any partial record (after end of input has been reported). */
  reset(): void {
    this.carryLen = 0;
    this.need = -1;
  }

  private stop(): void {
    this.stopped = true;
    this.carryLen = 0;
    this.need = -1;
    this.shrink();
  }

  private startCarry(rest: Uint8Array, size: number): void {
    this.need = size;
    this.ensure(size > 0 ? size : this.format.headerSize);
    this.carry.set(rest, 0);
    this.carryLen = rest.length;
  }

  /**
   * Completes the carried record from the front of `chunk`. Returns the chunk position after
   * it, or -1 when the chunk was used up or reading stopped.
   */
  private fillCarry(chunk: Uint8Array): number {
    let pos = 0;
    if (this.need < 0) {
      const headerSize = this.format.headerSize;
      const take = Math.min(headerSize - this.carryLen, chunk.length);
      this.carry.set(chunk.subarray(0, take), this.carryLen);
      this.carryLen += take;
      pos = take;
      if (this.carryLen < headerSize) return -1;
      const size = this.format.recordSize(this.carryView, 0);
      if (size < headerSize) {
        this.stop();
        return -1;
      }
      this.need = size;
      this.ensure(size);
    }
    const take = Math.min(this.need - this.carryLen, chunk.length - pos);
    this.carry.set(chunk.subarray(pos, pos + take), this.carryLen);
    this.carryLen += take;
    pos += take;
    if (this.carryLen < this.need) return -1;
    const size = this.need;
    this.carryLen = 0;
    this.need = -1;
    const ok = this.format.record(this.carry, this.carryView, 0, size);
    this.shrink();
    if (!ok) {
      this.stop();
      return -1;
    }
    // A record smaller than its header size (e.g. the pcap file header) may leave more to do.
    return pos;
  }

  private ensure(size: number): void {
    if (size <= this.carry.length) return;
    const grown = new Uint8Array(Math.max(size, INITIAL_CARRY, Math.min(this.carry.length * 2, KEEP_CARRY)));
    grown.set(this.carry.subarray(0, this.carryLen));
    this.carry = grown;
    this.carryView = new DataView(grown.buffer);
  }

  private shrink(): void {
    if (this.carry.length > KEEP_CARRY && this.carryLen === 0) {
      this.carry = new Uint8Array(0);
      this.carryView = new DataView(this.carry.buffer);
    }
  }
}

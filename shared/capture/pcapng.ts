// pcapng (draft-ietf-opsawg-pcapng): a sequence of blocks [type, total length, body, total
// length]. Each Section Header Block starts a section with its own byte order and its own
// list of interfaces (IDB); packets (EPB, SPB, obsolete PB) name an interface of their section.
import { NotACaptureError } from './errors.js';
import type { FrameSink } from './frame-sink.js';
import { DEFAULT_TSRESOL, decodeTsResol, unitsToTime, type TimeOut, type TsResolution } from './pcapng-time.js';
import type { RecordFormat } from './record-framer.js';

export const PCAPNG_BLOCK = {
  SECTION_HEADER: 0x0a0d0d0a,
  INTERFACE_DESCRIPTION: 0x00000001,
  PACKET: 0x00000002, // obsolete, still written by old tools
  SIMPLE_PACKET: 0x00000003,
  ENHANCED_PACKET: 0x00000006,
} as const;

export const PCAPNG_BYTE_ORDER_MAGIC = 0x1a2b3c4d;

/** IDB option codes we use. */
export const IDB_OPTION = {
  END_OF_OPT: 0,
  IF_TSRESOL: 9,
  IF_TSOFFSET: 14,
} as const;

/** Blocks larger than this are treated as corruption (bounds the carry buffer). */
export const PCAPNG_MAX_BLOCK = 64 * 1024 * 1024;
const BLOCK_HEADER = 12; // type, total length, and the SHB's byte-order magic

interface Interface {
  linkType: number;
  snaplen: number;
  tsresol: TsResolution;
  /** if_tsoffset: seconds added to every timestamp. */
  tsOffset: number;
}

export class PcapngFormat implements RecordFormat {
  readonly headerSize = BLOCK_HEADER;
  private le = true;
  private interfaces: Interface[] = [];
  private sections = 0;
  private readonly time: TimeOut = { sec: 0, nsec: 0 };
  // Held locally: some module loaders (vitest's) turn every imported call into a getter lookup.
  private readonly unitsToTime = unitsToTime;

  constructor(private readonly sink: FrameSink) {}

  recordSize(view: DataView, offset: number): number {
    const type = view.getUint32(offset, this.le);
    if (type === PCAPNG_BLOCK.SECTION_HEADER) {
      // The block type reads the same in both byte orders; the magic after the length decides.
      const magic = view.getUint32(offset + 8, false);
      if (magic === PCAPNG_BYTE_ORDER_MAGIC) this.le = false;
      else if (view.getUint32(offset + 8, true) === PCAPNG_BYTE_ORDER_MAGIC) this.le = true;
      else if (this.sections === 0) {
        const first = new Uint8Array(view.buffer, view.byteOffset + offset, BLOCK_HEADER);
        throw new NotACaptureError(
          `${NotACaptureError.fromFirstBytes(first).message}: pcapng signature without its byte-order magic`,
        );
      } else {
        return this.bad('a later section header has no valid byte-order magic');
      }
    }
    const length = view.getUint32(offset + 4, this.le);
    if (length < BLOCK_HEADER || length % 4 !== 0 || length > PCAPNG_MAX_BLOCK) {
      return this.bad(
        `block of type 0x${hex(type)} has total length ${length} ` +
          `(must be a multiple of 4 between ${BLOCK_HEADER} and ${PCAPNG_MAX_BLOCK})`,
      );
    }
    return length;
  }

  record(bytes: Uint8Array, view: DataView, offset: number, size: number): boolean {
    const le = this.le;
    const type = view.getUint32(offset, le);
    if (view.getUint32(offset + size - 4, le) !== size) {
      return (
        this.bad(
          `block of type 0x${hex(type)}: trailing total length ` +
            `${view.getUint32(offset + size - 4, le)} differs from leading ${size}`,
        ) >= 0
      );
    }
    switch (type) {
      case PCAPNG_BLOCK.ENHANCED_PACKET: {
        if (size < 32) return this.tooShort(type, size);
        const ifId = view.getUint32(offset + 8, le);
        const caplen = view.getUint32(offset + 20, le);
        if (caplen > size - 32) {
          return this.bad(`enhanced packet block: captured length ${caplen} exceeds the block (${size} bytes)`) >= 0;
        }
        return this.packet(bytes, view, offset, ifId, caplen);
      }
      case PCAPNG_BLOCK.SIMPLE_PACKET:
        return this.simplePacket(bytes, view, offset, size);
      case PCAPNG_BLOCK.PACKET: {
        if (size < 32) return this.tooShort(type, size);
        const ifId = view.getUint16(offset + 8, le);
        const caplen = view.getUint32(offset + 20, le);
        if (caplen > size - 32) {
          return this.bad(`packet block: captured length ${caplen} exceeds the block (${size} bytes)`) >= 0;
        }
        return this.packet(bytes, view, offset, ifId, caplen);
      }
      case PCAPNG_BLOCK.INTERFACE_DESCRIPTION:
        return this.interfaceDescription(view, offset, size);
      case PCAPNG_BLOCK.SECTION_HEADER:
        return this.sectionHeader(view, offset, size);
      default:
        return true; // statistics, name resolution, custom, unknown: skipped by their length
    }
  }

  /** EPB and obsolete PB share their layout after the interface id. */
  private packet(bytes: Uint8Array, view: DataView, offset: number, ifId: number, caplen: number): boolean {
    const iface = this.interfaces[ifId];
    if (iface === undefined) {
      return (
        this.bad(
          `packet names interface ${ifId}, but its section describes ` + `${this.interfaces.length} interface(s)`,
        ) >= 0
      );
    }
    const le = this.le;
    const t = this.time;
    this.unitsToTime(view.getUint32(offset + 12, le), view.getUint32(offset + 16, le), iface.tsresol, t);
    const start = offset + 28;
    this.sink.emit(
      t.sec + iface.tsOffset,
      t.nsec,
      view.getUint32(offset + 24, le),
      bytes.subarray(start, start + caplen),
      iface.linkType,
      ifId,
    );
    return true;
  }

  private simplePacket(bytes: Uint8Array, view: DataView, offset: number, size: number): boolean {
    if (size < 16) return this.tooShort(PCAPNG_BLOCK.SIMPLE_PACKET, size);
    const iface = this.interfaces[0];
    if (iface === undefined) return this.bad('simple packet block before any interface description') >= 0;
    const origLen = view.getUint32(offset + 8, this.le);
    // No captured-length field: the packet is what fits in the block and the snapshot length.
    let caplen = Math.min(origLen, size - 16);
    if (iface.snaplen > 0) caplen = Math.min(caplen, iface.snaplen);
    const start = offset + 12;
    this.sink.emit(0, 0, origLen, bytes.subarray(start, start + caplen), iface.linkType, 0, false);
    return true;
  }

  private interfaceDescription(view: DataView, offset: number, size: number): boolean {
    if (size < 20) return this.tooShort(PCAPNG_BLOCK.INTERFACE_DESCRIPTION, size);
    const le = this.le;
    const iface: Interface = {
      linkType: view.getUint16(offset + 8, le),
      snaplen: view.getUint32(offset + 12, le),
      tsresol: DEFAULT_TSRESOL,
      tsOffset: 0,
    };
    const end = offset + size - 4;
    let p = offset + 16;
    while (p + 4 <= end) {
      const code = view.getUint16(p, le);
      const len = view.getUint16(p + 2, le);
      if (code === IDB_OPTION.END_OF_OPT) break;
      if (p + 4 + len > end) {
        this.sink.anomaly(
          'bad-option',
          `interface ${this.interfaces.length}: option ${code} ` +
            `of length ${len} runs past its block; remaining options ignored`,
        );
        break;
      }
      if (code === IDB_OPTION.IF_TSRESOL && len >= 1) {
        const byte = view.getUint8(p + 4);
        const res = decodeTsResol(byte);
        if (res) iface.tsresol = res;
        else
          this.sink.anomaly(
            'bad-option',
            `interface ${this.interfaces.length}: if_tsresol ` +
              `0x${byte.toString(16)} is not usable; microseconds assumed`,
          );
      } else if (code === IDB_OPTION.IF_TSOFFSET && len >= 8) {
        const hi = view.getInt32(p + 4 + (le ? 4 : 0), le);
        const lo = view.getUint32(p + 4 + (le ? 0 : 4), le);
        iface.tsOffset = hi * 4294967296 + lo;
      }
      p += 4 + ((len + 3) & ~3);
    }
    this.interfaces.push(iface);
    this.sink.addLinkType(iface.linkType);
    return true;
  }

  private sectionHeader(view: DataView, offset: number, size: number): boolean {
    if (size < 28) return this.tooShort(PCAPNG_BLOCK.SECTION_HEADER, size);
    const major = view.getUint16(offset + 12, this.le);
    if (major !== 1) {
      return (
        this.bad(
          `section header says pcapng version ${major}.` +
            `${view.getUint16(offset + 14, this.le)}, only version 1 is defined`,
        ) >= 0
      );
    }
    this.sections++;
    this.interfaces = [];
    return true;
  }

  private tooShort(type: number, size: number): boolean {
    return this.bad(`block of type 0x${hex(type)} is only ${size} bytes, too short for its fields`) >= 0;
  }

  /** Records why reading stops; returns -1 (the framer's stop signal). */
  private bad(why: string): number {
    const frame = this.sink.frames + 1;
    this.sink.anomaly('bad-block', `${why}; reading stopped after ${this.sink.frames} frame(s)`, frame);
    return -1;
  }
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}

// Entry point of the capture readers: detects pcap / pcapng from the first 4 bytes and feeds
// the chunks to the matching record format. Push-based and synchronous per chunk.
import { NotACaptureError } from './errors.js';
import { FrameSink } from './frame-sink.js';
import { PcapFormat, pcapMagic } from './pcap.js';
import { PCAPNG_BLOCK, PcapngFormat } from './pcapng.js';
import { RecordFramer } from './record-framer.js';
import type { CaptureFormat, CaptureInfo, FrameCallback } from './types.js';

export interface CaptureParser {
  /** Parses what it can of `chunk` now; frames are delivered before push returns. */
  push(chunk: Uint8Array): void;
  /** Call once after the last chunk; reports a truncated final record. */
  end(): CaptureInfo;
}

const MAGIC_SIZE = 4;
/** How many leading bytes a NotACaptureError shows. */
const SHOWN_BYTES = 16;

export function createCaptureParser(onFrame: FrameCallback): CaptureParser {
  const sink = new FrameSink(onFrame);
  let framer: RecordFramer | undefined;
  let pcap: PcapFormat | undefined;
  let format: CaptureFormat = 'pcap';
  let bytes = 0;
  // The first bytes, kept until the magic can be read (chunks may be tiny).
  let head: Uint8Array = new Uint8Array(0);

  /** The framer for the detected format, or undefined when the magic is not a capture's. */
  function detect(first: Uint8Array): RecordFramer | undefined {
    const pm = pcapMagic(first[0], first[1], first[2], first[3]);
    if (pm) {
      format = pm.nanoseconds ? 'pcap-nsec' : 'pcap';
      pcap = new PcapFormat(sink, pm);
      return new RecordFramer(pcap);
    }
    const ng = ((first[0] << 24) | (first[1] << 16) | (first[2] << 8) | first[3]) >>> 0;
    if (ng === PCAPNG_BLOCK.SECTION_HEADER) {
      format = 'pcapng';
      return new RecordFramer(new PcapngFormat(sink));
    }
    return undefined;
  }

  return {
    push(input: Uint8Array): void {
      // A subclass's subarray (Node's Buffer) builds a subclass instance, much slower per frame:
      // frames are views of a plain Uint8Array over the same memory.
      const chunk =
        input.constructor === Uint8Array ? input : new Uint8Array(input.buffer, input.byteOffset, input.length);
      bytes += chunk.length;
      if (framer !== undefined) {
        framer.push(chunk);
        return;
      }
      let joined: Uint8Array = chunk;
      if (head.length > 0) {
        joined = new Uint8Array(head.length + chunk.length);
        joined.set(head);
        joined.set(chunk, head.length);
      }
      if (joined.length >= MAGIC_SIZE) framer = detect(joined);
      if (framer !== undefined) {
        head = new Uint8Array(0);
        framer.push(joined);
        return;
      }
      // Not a capture (or magic not complete yet): keep up to 16 bytes for the error message.
      if (joined.length >= MAGIC_SIZE && joined.length >= SHOWN_BYTES) {
        throw NotACaptureError.fromFirstBytes(joined);
      }
      head = joined;
    },

    end(): CaptureInfo {
      if (framer === undefined) {
        if (head.length === 0) throw new NotACaptureError('empty file');
        if (head.length >= MAGIC_SIZE) throw NotACaptureError.fromFirstBytes(head);
        throw new NotACaptureError(
          `${NotACaptureError.fromFirstBytes(head).message}: ` +
            `only ${head.length} byte(s), too short for any capture format`,
        );
      }
      if (framer.pendingBytes > 0) {
        const frame = sink.frames + 1;
        const pending = framer.pendingBytes;
        const size = framer.pendingRecordSize;
        if (pcap !== undefined && !pcap.fileHeaderSeen) {
          sink.anomaly(
            'truncated-file-header',
            `the file ends after ${pending} of the 24 bytes of the pcap file header`,
          );
        } else {
          const what = format === 'pcapng' ? 'block' : 'packet record';
          sink.anomaly(
            'truncated-record',
            size > 0
              ? `the file ends inside a ${what}: ${pending} of its ${size} bytes are present ` +
                  `(frames up to ${frame - 1} are complete)`
              : `the file ends inside the header of a ${what} (${pending} byte(s)) ` +
                  `(frames up to ${frame - 1} are complete)`,
            frame,
          );
        }
        framer.reset();
      }
      return sink.info(format, bytes);
    },
  };
}

/** Reads a whole capture from an async byte source (a file or S3 body stream). */
export async function readCapture(source: AsyncIterable<Uint8Array>, onFrame: FrameCallback): Promise<CaptureInfo> {
  const parser = createCaptureParser(onFrame);
  for await (const chunk of source) parser.push(chunk);
  return parser.end();
}

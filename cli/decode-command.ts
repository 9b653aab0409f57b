// `vpn-doctor decode <capture> [--json] [--summary]`: every frame of a capture, decoded, as
// tshark-like lines, NDJSON, or protocol counts only. All formatting lives in
// shared/decode/format-frame.ts; this file only moves bytes.
import { readCapture } from '#shared/capture/reader.js';
import { createFrameDecoder } from '#shared/decode/frame-decoder.js';
import { frameRecord, summaryLine } from '#shared/decode/format-frame.js';
import type { CaptureInfo, RawFrame } from '#shared/capture/types.js';
import { parseArgs } from './args.js';
import { captureSize, openCapture, readFailureLine } from './capture-source.js';
import type { Command } from './command.js';
import { OutputBuffer, type CliIo } from './io.js';
import { Progress, PROGRESS_MIN_BYTES } from './progress.js';
import { ProtocolSummary, formatSummary } from './protocol-summary.js';

const USAGE = `usage: vpn-doctor decode <capture> [--json] [--summary]

Decodes every frame of a pcap or pcapng file (Ethernet, VLAN, Linux SLL, null/loopback, raw IP;
IPv4/IPv6 with reassembly; UDP, TCP; ISAKMP/IKE, ESP, RADIUS, DNS, TLS records).

  (default)   one line per frame, in tshark's column layout
  --json      one JSON document per frame per line (NDJSON); ISAKMP fields are named as
              tshark's (ispi, rspi, nextPayload, version, exchangeType, messageId, notifyTypes,
              vendorIds), plus espSpi, espSeq, radiusCode and the full layers; the last line is
              {"capture": {...}} with what the reader learnt about the file
  --summary   only frames and bytes per protocol and the read rate (fast path for big files)

Exit status: 0 decoded, 2 unreadable file or not a capture, or bad usage.`;

type Mode = 'lines' | 'json' | 'summary';

async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['--json', '--summary', '--help', '-h']);
  if (args.flags.has('--help') || args.flags.has('-h')) {
    io.stdout.write(USAGE + '\n');
    return 0;
  }
  if (args.positionals.length !== 1) {
    io.stderr.write(USAGE + '\n');
    return 2;
  }
  if (args.flags.has('--json') && args.flags.has('--summary')) {
    io.stderr.write('vpn-doctor: decode: --json and --summary cannot be combined\n');
    return 2;
  }
  const path = args.positionals[0];
  const mode: Mode = args.flags.has('--summary') ? 'summary' : args.flags.has('--json') ? 'json' : 'lines';

  const out = new OutputBuffer(io.stdout);
  const decoder = createFrameDecoder();
  const summary = new ProtocolSummary();
  let first: { timeSec: number; timeNsec: number } | undefined;
  const onFrame = (raw: RawFrame): void => {
    const frame = decoder.decode(raw);
    if (mode === 'summary') {
      summary.add(frame);
      return;
    }
    if (out.closed) return;
    if (mode === 'json') out.write(JSON.stringify(frameRecord(frame)) + '\n');
    else {
      first ??= frame;
      out.write(summaryLine(frame, first) + '\n');
    }
  };

  const started = performance.now();
  let info: CaptureInfo;
  let size: number;
  try {
    size = await captureSize(path);
    const progress = new Progress(
      (t) => io.stderr.write(t),
      size,
      mode === 'summary' && io.stderrIsTTY && size > PROGRESS_MIN_BYTES,
    );
    let bytes = 0;
    // Flush output between chunks so a slow reader of stdout slows the decode (backpressure).
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for await (const chunk of openCapture(path)) {
        yield chunk;
        bytes += chunk.length;
        progress.update(bytes, mode === 'summary' ? summary.frames : 0);
        if (out.pending) await out.flush();
      }
    }
    info = await readCapture(chunks(), onFrame);
    progress.done();
  } catch (error) {
    await out.flush();
    io.stderr.write(`vpn-doctor: ${readFailureLine(path, error)}\n`);
    return 2;
  }
  const seconds = (performance.now() - started) / 1000;

  if (mode === 'summary') out.write(formatSummary(summary, size, seconds));
  else if (mode === 'json') out.write(JSON.stringify({ capture: info }) + '\n');
  else for (const a of info.anomalies) io.stderr.write(`vpn-doctor: ${path}: ${a.message}\n`);
  await out.flush();
  return 0;
}

export const decodeCommand: Command = {
  name: 'decode',
  usage: USAGE,
  run,
};

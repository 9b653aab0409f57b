// The one exception the capture readers throw: the input is not a pcap/pcapng file at all.
// Anything odd inside a real capture becomes an Anomaly instead.

export class NotACaptureError extends Error {
  override readonly name = 'NotACaptureError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }

  /** Error for input whose first bytes match no capture format; says what the bytes look like. */
  static fromFirstBytes(first: Uint8Array): NotACaptureError {
    if (first.length === 0) return new NotACaptureError('empty file');
    const shown = first.subarray(0, 16);
    const hex = Array.from(shown, (b) => b.toString(16).padStart(2, '0')).join(' ');
    const more = first.length > shown.length ? ' …' : '';
    const guess = guessContent(shown);
    return new NotACaptureError(
      `not a pcap or pcapng capture: first bytes ${hex}${more}${guess ? ` (looks like ${guess})` : ''}`,
    );
  }
}

// Signatures of what people upload by mistake instead of the capture itself.
const SIGNATURES: ReadonlyArray<readonly [readonly number[], string]> = [
  [[0x1f, 0x8b], 'gzip'],
  [[0x50, 0x4b, 0x03, 0x04], 'zip'],
  [[0x42, 0x5a, 0x68], 'bzip2'],
  [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'xz'],
  [[0x28, 0xb5, 0x2f, 0xfd], 'zstd'],
  [[0x25, 0x50, 0x44, 0x46], 'PDF'],
  [[0xa1, 0xb2, 0xcd, 0x34], 'a modified (Kuznetzov) pcap, unsupported'],
  [[0x34, 0xcd, 0xb2, 0xa1], 'a modified (Kuznetzov) pcap, unsupported'],
  [[0x73, 0x6e, 0x6f, 0x6f, 0x70, 0x00], 'a Solaris snoop capture, unsupported'],
];

function guessContent(bytes: Uint8Array): string | undefined {
  for (const [sig, name] of SIGNATURES) {
    if (bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b)) return name;
  }
  if (!bytes.every((b) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f))) {
    return undefined;
  }
  const text = String.fromCharCode(...bytes)
    .trimStart()
    .toLowerCase();
  if (text.startsWith('<!doctype html') || text.startsWith('<html') || text.startsWith('<head')) {
    return 'HTML';
  }
  if (text.startsWith('<?xml')) return 'XML';
  if (text.startsWith('{') || text.startsWith('[')) return 'JSON';
  return 'text';
}

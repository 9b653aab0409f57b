// The Wireshark display filter that shows a list of frames, written once for every finding:
// Wireshark 4 takes set members only comma-separated (spaces, deprecated in 3.6, are now a
// syntax error: a space-separated copy of this once gave users a filter that did not open).

/** Frames a filter lists at most; past it a finding shows a field filter (SPI, port) instead. */
export const MAX_FILTER_FRAMES = 64;

export function frameSetFilter(frames: readonly number[]): string {
  return `frame.number in {${frames.join(',')}}`;
}

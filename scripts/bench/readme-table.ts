// The README's figures, rendered from a docs/bench/<bench>.json file: `npm run bench` prints this
// table for pasting, and test/docs/bench-figures.test.ts checks that README.md quotes it as is.

export interface BenchRow {
  tool: string;
  seconds: number;
  cpuSeconds: number | null;
  mbPerSec: number;
  peakRssMb: number;
  outputBytes: number | null;
  speedupVsTsharkPhs: number | null;
}

export interface BenchResult {
  bench: string;
  date: string;
  /** Runs of each tool; the table quotes the fastest (absent: one run, before --repeat). */
  runsPerTool?: number;
  machine: Record<string, string | number>;
  capture: { bytes: number; frames: number };
  results: BenchRow[];
}

const n = (v: number, digits = 0) =>
  v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function readmeTable(r: BenchResult): string {
  const rows = r.results.map((x) =>
    [
      `\`${x.tool.replace(/\|/g, '\\|')}\``,
      n(x.seconds, 2),
      x.cpuSeconds === null ? '–' : n(x.cpuSeconds, 2),
      n(x.mbPerSec, 1),
      `${n(x.peakRssMb)} MB`,
      x.outputBytes === null ? '–' : `${n(x.outputBytes / 1e6, 1)} MB`,
      x.speedupVsTsharkPhs === null ? '–' : `${n(x.speedupVsTsharkPhs, 1)}×`,
    ].join(' | '),
  );
  return [
    `${r.bench}: ${n(r.capture.bytes / 1e6)} MB, ${n(r.capture.frames)} frames; ${r.date.slice(0, 10)}, ` +
      `${r.machine.cpu}, ${r.machine.cores} cores, load average ${r.machine.loadAverageAtStart}, node ${r.machine.node}` +
      (r.runsPerTool && r.runsPerTool > 1 ? `; fastest of ${r.runsPerTool} runs per tool` : ''),
    '',
    '| tool | seconds | CPU s | MB/s | peak RSS | output | vs tshark io,phs (wall) |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((row) => `| ${row} |`),
  ].join('\n');
}

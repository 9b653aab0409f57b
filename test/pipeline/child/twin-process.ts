// A local twin in its own process, for the crash test: `VD_HANG=1` makes every analysis stop
// reading after its first chunk (a long analysis), printing "analysing" once it has started.
import { analyzeCapture } from '#shared/analyze.js';
import { silentLogger } from '../../../lambdas/log.js';
import { startTwin } from '../../../lambdas/local/twin.js';
import type { AnalyzeFn } from '../../../lambdas/analyze/process-capture.js';

const hang: AnalyzeFn = async (source) => {
  for await (const _chunk of source) {
    process.stdout.write('analysing\n');
    await new Promise(() => {}); // never resolves: only kill -9 ends it
  }
  throw new Error('unreachable');
};

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const twin = await startTwin({
  analyze: process.env.VD_HANG === '1' ? hang : analyzeCapture,
  dataDir: process.argv[2] as string,
  httpPort: 0,
  s3Port: 0,
  dynamoPort: 0,
  log: silentLogger,
  sweepIntervalMs: Number(process.env.VD_SWEEP_MS ?? 2000),
});
process.stdout.write(`ready ${twin.apiUrl}\n`);

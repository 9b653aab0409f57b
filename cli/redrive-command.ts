// `vpn-doctor redrive`: replays the analyzer's dead-lettered events. --local: the twin's dlq/
// directory, analysed in this process against the running twin's S3 and DynamoDB (events that
// fail again go back, malformed files are set aside as .bad). AWS: the SQS dead-letter queue,
// each event invoked again on the analyze function.
import { join } from 'node:path';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import { analyzeCapture } from '#shared/analyze.js';
import { createAnalyzeHandler, type AnalyzeEvent } from '../lambdas/analyze/analyze-app.js';
import { composeAnalyze } from '../lambdas/compose.js';
import {
  DEFAULT_LEASE_SECONDS,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_MAX_CAPTURE_BYTES,
  DEFAULT_RETENTION_DAYS,
} from '../lambdas/config.js';
import { AsyncInvoker } from '../lambdas/local/async-invoker.js';
import { TARGET_OPTIONS, TARGET_USAGE } from '../lambdas/local/target.js';
import { jsonLogger } from '../lambdas/log.js';
import { redriveSqs } from '../lambdas/ops/redrive-sqs.js';
import { parseArgs } from './args.js';
import type { Command } from './command.js';
import type { CliIo } from './io.js';
import { targetFlags, withTarget } from './target-flags.js';

const USAGE = `usage: vpn-doctor redrive --local [--data-dir DIR]
       vpn-doctor redrive --queue-url URL --function NAME [--region REGION]

Replays dead-lettered analyses. On AWS the queue is the stack output AnalyzerDeadLetterQueueUrl
(or VPN_DOCTOR_DLQ_URL) and the function the analyzer's name (or VPN_DOCTOR_ANALYZER).

${TARGET_USAGE}`;

async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ['--local', '--help', '-h'], ['--queue-url', '--function', ...TARGET_OPTIONS]);
  if (args.flags.has('--help') || args.flags.has('-h')) {
    io.stdout.write(USAGE + '\n');
    return 0;
  }
  if (args.positionals.length > 0) {
    io.stderr.write(USAGE + '\n');
    return 2;
  }
  if (!args.flags.has('--local')) {
    const queueUrl = args.values.get('--queue-url') ?? process.env.VPN_DOCTOR_DLQ_URL;
    const functionName = args.values.get('--function') ?? process.env.VPN_DOCTOR_ANALYZER;
    if (!queueUrl || !functionName) {
      io.stderr.write('vpn-doctor: redrive: --queue-url and --function are required on AWS (or --local)\n');
      return 2;
    }
    const region = targetFlags(args).region ?? process.env.AWS_REGION;
    const sqs = new SQSClient({ region });
    const lambda = new LambdaClient({ region });
    try {
      const r = await redriveSqs(sqs, lambda, queueUrl, functionName, (id) =>
        io.stderr.write(`vpn-doctor: redrive: message ${id} is not a Lambda failure record; left in the queue\n`),
      );
      io.stdout.write(`redriven ${r.redriven} event(s) to ${functionName}; ${r.malformed} malformed left\n`);
      return r.malformed > 0 ? 1 : 0;
    } finally {
      sqs.destroy();
      lambda.destroy();
    }
  }
  return withTarget('redrive', args, io, async (target) => {
    if (!target.bucket) throw new Error('no bucket');
    const handler = createAnalyzeHandler(
      composeAnalyze(
        {
          tableName: target.table,
          bucketName: target.bucket,
          maxCaptureBytes: DEFAULT_MAX_CAPTURE_BYTES,
          retentionDays: DEFAULT_RETENTION_DAYS,
          leaseSeconds: DEFAULT_LEASE_SECONDS,
          maxAttempts: DEFAULT_MAX_ATTEMPTS,
        },
        target.clients,
        analyzeCapture,
        jsonLogger,
      ),
    );
    const dlqDir = join(targetFlags(args).dataDir, 'dlq');
    const invoker = new AsyncInvoker<AnalyzeEvent>(handler, {
      dlqDir,
      retryDelaysMs: [],
      concurrency: 1,
      log: jsonLogger,
    });
    const n = await invoker.redrive();
    await invoker.idle();
    io.stdout.write(`redriven ${n} event(s) from ${dlqDir}\n`);
    return 0;
  });
}

export const redriveCommand: Command = {
  name: 'redrive',
  usage: USAGE,
  run,
};

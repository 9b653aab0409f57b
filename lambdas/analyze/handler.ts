// Lambda entry point for S3 ObjectCreated events and the sweeper's schedule: builds the
// dependencies once per container, with Powertools logs (request id), metrics and traces.
import { Tracer } from '@aws-lambda-powertools/tracer';
import { analyzeCapture } from '#shared/analyze.js';
import { composeAnalyze } from '../compose.js';
import { analyzeConfigFromEnv, createDynamoClient, createS3Client } from '../config.js';
import { powertoolsLogger, powertoolsMetrics } from '../telemetry.js';
import { createAnalyzeHandler, type AnalyzeEvent, type InvocationContext } from './analyze-app.js';

const SERVICE = 'vpn-doctor-analyze';
const tracer = new Tracer({ serviceName: SERVICE });
const { logger, log } = powertoolsLogger(SERVICE);
const metrics = powertoolsMetrics(SERVICE);
let app: ReturnType<typeof createAnalyzeHandler> | undefined;

export const handler = async (event: AnalyzeEvent, context?: InvocationContext & { awsRequestId?: string }) => {
  app ??= createAnalyzeHandler(
    composeAnalyze(
      analyzeConfigFromEnv(process.env),
      { dynamo: tracer.captureAWSv3Client(createDynamoClient()), s3: tracer.captureAWSv3Client(createS3Client()) },
      analyzeCapture,
      log,
    ),
    metrics,
  );
  logger.appendKeys({ requestId: context?.awsRequestId });
  try {
    return await app(event, context);
  } finally {
    metrics.flush();
    logger.resetKeys();
  }
};

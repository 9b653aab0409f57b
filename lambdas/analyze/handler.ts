// Lambda entry point for S3 ObjectCreated events: builds the dependencies once per container.
import { analyzeCapture } from '#shared/analyze.js';
import { composeAnalyze } from '../compose.js';
import { analyzeConfigFromEnv, createDynamoClient, createS3Client } from '../config.js';
import { jsonLogger } from '../log.js';
import { createAnalyzeHandler, type InvocationContext } from './analyze-app.js';
import type { AnalyzeEvent } from './analyze-app.js';

let app: ReturnType<typeof createAnalyzeHandler> | undefined;

export const handler = async (event: AnalyzeEvent, context?: InvocationContext) => {
  app ??= createAnalyzeHandler(
    composeAnalyze(
      analyzeConfigFromEnv(process.env),
      { dynamo: createDynamoClient(), s3: createS3Client() },
      analyzeCapture,
      jsonLogger,
    ),
  );
  return app(event, context);
};

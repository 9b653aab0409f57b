// Lambda entry point for the HTTP API: adapts the event, the router does the rest. Logs carry
// the API Gateway request id; 429s are counted as metrics; SDK calls are traced.
import { Tracer } from '@aws-lambda-powertools/tracer';
import { composeApi } from '../compose.js';
import { apiConfigFromEnv, createDynamoClient, createS3Client } from '../config.js';
import { powertoolsLogger, powertoolsMetrics } from '../telemetry.js';
import { apiGatewayHandler, type ApiGatewayV2Event } from './apigw-adapter.js';
import { createApi } from './app.js';
import { merakiFromEnv } from '../meraki/from-env.js';

const SERVICE = 'vpn-doctor-api';
const tracer = new Tracer({ serviceName: SERVICE });
const { logger, log } = powertoolsLogger(SERVICE);
const metrics = powertoolsMetrics(SERVICE);
let app: ReturnType<typeof apiGatewayHandler> | undefined;

export const handler = async (event: ApiGatewayV2Event) => {
  if (!app) {
    const config = apiConfigFromEnv(process.env);
    const clients = {
      dynamo: tracer.captureAWSv3Client(createDynamoClient()),
      s3: tracer.captureAWSv3Client(createS3Client()),
    };
    app = apiGatewayHandler(
      createApi({
        ...composeApi(config, clients, log, metrics),
        meraki: merakiFromEnv(process.env, config, clients, log),
      }),
    );
  }
  logger.appendKeys({ requestId: event.requestContext['requestId'] as string | undefined });
  try {
    return await app(event);
  } finally {
    metrics.flush();
    logger.resetKeys();
  }
};

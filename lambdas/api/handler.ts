// Lambda entry point for the HTTP API: adapts the event, the router does the rest.
import { composeApi } from '../compose.js';
import { apiConfigFromEnv, createDynamoClient, createS3Client } from '../config.js';
import { jsonLogger } from '../log.js';
import { apiGatewayHandler, type ApiGatewayV2Event } from './apigw-adapter.js';
import { createApi } from './app.js';

let app: ReturnType<typeof apiGatewayHandler> | undefined;

export const handler = async (event: ApiGatewayV2Event) => {
  app ??= apiGatewayHandler(
    createApi(
      composeApi(apiConfigFromEnv(process.env), { dynamo: createDynamoClient(), s3: createS3Client() }, jsonLogger),
    ),
  );
  return app(event);
};

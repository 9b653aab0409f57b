// Lambda entry point for the HTTP API: adapts the event, the router does the rest.
import { composeApi } from '../compose.js';
import { apiConfigFromEnv, createDynamoClient, createS3Client } from '../config.js';
import { jsonLogger } from '../log.js';
import { apiGatewayHandler, type ApiGatewayV2Event } from './apigw-adapter.js';
import { createApi } from './app.js';
import { merakiFromEnv } from '../meraki/from-env.js';

let app: ReturnType<typeof apiGatewayHandler> | undefined;

export const handler = async (event: ApiGatewayV2Event) => {
  if (!app) {
    const config = apiConfigFromEnv(process.env);
    const clients = { dynamo: createDynamoClient(), s3: createS3Client() };
    app = apiGatewayHandler(
      createApi({
        ...composeApi(config, clients, jsonLogger),
        meraki: merakiFromEnv(process.env, config, clients, jsonLogger),
      }),
    );
  }
  return app(event);
};

// The pipeline's HTTP API: one Lambda (the router in lambdas/api) behind an API Gateway HTTP
// API, payload format 2.0, `ANY /api/{proxy+}`. Authentication (Bearer API keys stored in the
// table) is done by the function itself, so the route has no API Gateway authorizer.
import { Duration, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
  PayloadFormatVersion,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { RemovalPolicy } from 'aws-cdk-lib';
import { acknowledgePrefixGrants, CAPTURES_PREFIX, type CaptureBucket, RESULTS_PREFIX } from './capture-bucket.js';
import { API_TABLE_ACTIONS, GSI_CAPTURES, GSI_DIAGNOSES, type ResultsTable } from './results-table.js';
import { ServiceFunction } from './service-function.js';
import { API_HANDLER } from './paths.js';
import { DEFAULT_UPLOAD_GRACE_SECONDS, DEFAULT_UPLOAD_URL_TTL_SECONDS } from '../lambdas/config.js';

export const API_ROUTE_PATH = '/api/{proxy+}';

export interface PipelineApiProps {
  readonly captures: CaptureBucket;
  readonly results: ResultsTable;
  /** POST /api/uploads refuses larger files; the presigned PUT signs the declared size. */
  readonly maxUploadBytes: number;
  /** TTL of the capture items the API creates at upload time (same retention as the analyzer). */
  readonly retentionDays: number;
  /** @default 900 (15 minutes) */
  readonly uploadUrlTtlSeconds?: number;
  /** Stage-wide steady rate (requests/s). @default 50 */
  readonly rateLimit?: number;
  /** Stage-wide burst. @default 100 */
  readonly burstLimit?: number;
}

// One JSON line per request; never the Authorization header or the body.
const ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  time: '$context.requestTime',
  method: '$context.httpMethod',
  path: '$context.path',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
});

export class PipelineApi extends Construct {
  readonly service: ServiceFunction;
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: PipelineApiProps) {
    super(scope, id);
    const bucket = props.captures.bucket;

    this.service = new ServiceFunction(this, 'Service', {
      entry: API_HANDLER,
      description: 'vpn-doctor HTTP API (captures, diagnoses, uploads)',
      memorySize: 512,
      // Below the 30 s HTTP API integration limit, so the function's own error reaches the client.
      timeout: Duration.seconds(25),
      environment: {
        TABLE_NAME: props.results.table.tableName,
        BUCKET_NAME: bucket.bucketName,
        MAX_UPLOAD_BYTES: String(props.maxUploadBytes),
        UPLOAD_URL_TTL_SECONDS: String(props.uploadUrlTtlSeconds ?? DEFAULT_UPLOAD_URL_TTL_SECONDS),
        UPLOAD_GRACE_SECONDS: String(DEFAULT_UPLOAD_GRACE_SECONDS),
        // lambdas/config.ts reads it for PENDING capture items; without it they would get the
        // pipeline's default and outlive the objects the bucket lifecycle deletes.
        RETENTION_DAYS: String(props.retentionDays),
      },
    });
    const fn = this.service.function;

    // Reports are read from results/; an upload URL is presigned with this role's credentials,
    // so the role itself must be allowed the PUT the browser will make.
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [props.captures.objectsUnder(RESULTS_PREFIX)],
      }),
    );
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [props.captures.objectsUnder(CAPTURES_PREFIX)],
      }),
    );
    // DELETE /api/captures/{id} removes the capture's object and its report (the current version:
    // the bucket's lifecycle expires the noncurrent one a day later).
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:DeleteObject'],
        resources: [props.captures.objectsUnder(CAPTURES_PREFIX), props.captures.objectsUnder(RESULTS_PREFIX)],
      }),
    );
    // gsi1 lists a tenant's captures and an MSP's tenants; gsi2 a client's diagnoses.
    props.results.grantItems(fn, API_TABLE_ACTIONS, [GSI_CAPTURES, GSI_DIAGNOSES]);

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'vpn-doctor pipeline API',
      createDefaultStage: false,
    });
    const routes = this.httpApi.addRoutes({
      path: API_ROUTE_PATH,
      methods: [HttpMethod.ANY],
      integration: new HttpLambdaIntegration('Router', fn, {
        payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
      }),
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit ?? 50, burstLimit: props.burstLimit ?? 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(ACCESS_LOG_FORMAT),
      },
    });

    for (const route of routes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'Every request is authenticated by the function: a Bearer API key looked up in the results table, scoped to one tenant; an API Gateway authorizer would duplicate that lookup.',
      });
    }
    acknowledgePrefixGrants(this.service.role, [RESULTS_PREFIX, CAPTURES_PREFIX]);
  }

  /** Host name of the HTTP API's execute-api endpoint (CloudFront origin). */
  get endpointHost(): string {
    return `${this.httpApi.apiId}.execute-api.${this.httpApi.stack.region}.${this.httpApi.stack.urlSuffix}`;
  }

  /** The stage's invoke URL. */
  get url(): string {
    return this.stage.url;
  }
}

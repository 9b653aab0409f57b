// The whole deployment, composed from one construct per concern. Environment-agnostic (no
// account/region, no lookups), so `cdk synth` works offline and without credentials.
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { type Construct } from 'constructs';
import { AccessLogBucket } from './access-log-bucket.js';
import { AnalyzeFunction } from './analyze-function.js';
import { CaptureBucket } from './capture-bucket.js';
import { DashboardHosting } from './dashboard-hosting.js';
import { PipelineApi } from './http-api.js';
import { MerakiSecrets } from './meraki-secrets.js';
import { acknowledgeCdkInternals } from './nag-acknowledgements.js';
import { ResultsTable } from './results-table.js';
import { SweeperSchedule } from './sweeper-schedule.js';
import { RateLimitWebAcl } from './web-acl.js';
import { Monitoring } from './monitoring.js';
import { DEFAULT_MAX_CAPTURE_BYTES, DEFAULT_RETENTION_DAYS } from '../lambdas/config.js';

export interface VpnDoctorSettings {
  /** Built dashboard directory (dist/dashboard). */
  readonly dashboardDir: string;
  /** Captures, results and table items expire after this many days. @default 90 */
  readonly retentionDays?: number;
  /** Largest capture accepted for upload and analysis. @default 2 GiB (lambdas/config.ts) */
  readonly maxCaptureBytes?: number;
  /** Captures move to S3 Standard-IA after this many days. @default 30 */
  readonly infrequentAccessAfterDays?: number;
  /**
   * Browser origins besides the CloudFront domain that may upload and read large reports
   * (a custom domain: `https://vpn-doctor.example.com`).
   */
  readonly extraOrigins?: readonly string[];
  /** Adds a WAF web ACL to CloudFront with this per-IP rate (requests / 5 min). Off by default. */
  readonly wafRateLimit?: number;
  /** E-mail address subscribed to the alarm topic (a confirmation mail is sent). */
  readonly alarmEmail?: string;
  /** Reserved concurrency of the analyzer; `null` leaves it unreserved. @default 10 */
  readonly analyzeReservedConcurrency?: number | null;
}

export const DEFAULT_ANALYZE_CONCURRENCY = 10;

export interface VpnDoctorStackProps extends StackProps {
  readonly settings: VpnDoctorSettings;
}

export class VpnDoctorStack extends Stack {
  constructor(scope: Construct, id: string, props: VpnDoctorStackProps) {
    super(scope, id, props);
    const s = props.settings;
    // Before the functions are bundled, so a missing build fails in a second.
    DashboardHosting.assertBuilt(s.dashboardDir);
    const retentionDays = s.retentionDays ?? DEFAULT_RETENTION_DAYS;
    const maxCaptureBytes = s.maxCaptureBytes ?? DEFAULT_MAX_CAPTURE_BYTES;
    const concurrency =
      s.analyzeReservedConcurrency === null ? undefined : (s.analyzeReservedConcurrency ?? DEFAULT_ANALYZE_CONCURRENCY);

    // Stateful resources first, under fixed ids (their logical ids are pinned as well).
    const accessLogs = new AccessLogBucket(this, 'AccessLogs');
    const captures = new CaptureBucket(this, 'Captures', {
      accessLogs: accessLogs.bucket,
      retentionDays,
      infrequentAccessAfterDays: s.infrequentAccessAfterDays,
    });
    const results = new ResultsTable(this, 'Results');

    const analyzer = new AnalyzeFunction(this, 'Analyzer', {
      captures,
      results,
      maxCaptureBytes,
      retentionDays,
      reservedConcurrency: concurrency,
    });
    new SweeperSchedule(this, 'Sweeper', { analyzer: analyzer.service.function });
    const api = new PipelineApi(this, 'Api', {
      captures,
      results,
      maxUploadBytes: maxCaptureBytes,
      retentionDays,
    });
    new MerakiSecrets(this, 'MerakiSecrets', { api: api.service });
    const monitoring = new Monitoring(this, 'Monitoring', {
      analyzer: analyzer.service.function,
      api: api.service.function,
      deadLetters: analyzer.deadLetterQueue.queue,
      table: results.table,
      httpApi: api.httpApi,
      alarmEmail: s.alarmEmail,
    });
    const waf = s.wafRateLimit ? new RateLimitWebAcl(this, 'Waf', { rateLimit: s.wafRateLimit }) : undefined;
    const dashboard = new DashboardHosting(this, 'Dashboard', {
      assetDir: s.dashboardDir,
      apiHost: api.endpointHost,
      accessLogs: accessLogs.bucket,
      webAclArn: waf?.arn,
    });
    // The browser PUTs presigned uploads straight to S3, and follows the report redirect there.
    captures.allowBrowsersFrom([dashboard.url, ...(s.extraOrigins ?? [])]);

    acknowledgeCdkInternals(this);

    new CfnOutput(this, 'DashboardUrl', { value: dashboard.url });
    new CfnOutput(this, 'ApiUrl', {
      value: `${dashboard.url}/api`,
      description: 'API base through CloudFront (same origin as the dashboard)',
    });
    new CfnOutput(this, 'HttpApiUrl', {
      value: api.url,
      description: 'API Gateway endpoint (direct; the dashboard uses ApiUrl)',
    });
    new CfnOutput(this, 'CaptureBucketName', { value: captures.bucket.bucketName });
    new CfnOutput(this, 'AlarmTopicArn', { value: monitoring.topic.topicArn });
    new CfnOutput(this, 'AnalyzerFunctionName', { value: analyzer.service.function.functionName });
    new CfnOutput(this, 'ResultsTableName', { value: results.table.tableName });
    new CfnOutput(this, 'AnalyzerDeadLetterQueueUrl', {
      value: analyzer.deadLetterQueue.queue.queueUrl,
    });
  }
}

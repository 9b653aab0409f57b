// Alarms and a dashboard: nobody should learn from a customer that analyses fail. Every alarm
// notifies one SNS topic (encrypted, TLS only), with an e-mail subscription when `alarmEmail` is
// set: DLQ depth, function errors and throttles, API 5xx, DynamoDB throttles. The dashboard shows
// the pipeline's own metrics (lambdas/telemetry.ts) next to them.
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  Metric,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { METRIC, METRICS_NAMESPACE } from '../lambdas/telemetry.js';

export interface MonitoringProps {
  readonly analyzer: IFunction;
  readonly api: IFunction;
  readonly deadLetters: IQueue;
  readonly table: ITable;
  readonly httpApi: IHttpApi;
  readonly alarmEmail?: string;
}

const FIVE_MINUTES = Duration.minutes(5);

export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Alarms', { displayName: 'vpn-doctor alarms', enforceSSL: true });
    Validations.of(this.topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notifications carry only alarm names and states, no customer data; SSE with the AWS-managed SNS key would stop CloudWatch from publishing, and a customer key adds a fixed monthly cost.',
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    const api5xx = new Metric({
      namespace: 'AWS/ApiGateway',
      metricName: '5xx',
      dimensionsMap: { ApiId: props.httpApi.apiId },
      statistic: 'Sum',
      period: FIVE_MINUTES,
    });
    const dynamoThrottles = ['ReadThrottleEvents', 'WriteThrottleEvents'].map(
      (metricName) =>
        new Metric({
          namespace: 'AWS/DynamoDB',
          metricName,
          dimensionsMap: { TableName: props.table.tableName },
          statistic: 'Sum',
          period: FIVE_MINUTES,
        }),
    );
    const alarm = (id: string, metric: IMetric, threshold: number, description: string) => {
      const a = new Alarm(this, id, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      a.addAlarmAction(new SnsAction(this.topic));
      this.alarms.push(a);
    };
    alarm(
      'DeadLetters',
      props.deadLetters.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
      1,
      'An analysis failed after its retries: see the capture marked FAILED, fix, then `vpn-doctor redrive`.',
    );
    for (const [name, fn] of [
      ['Analyzer', props.analyzer],
      ['Api', props.api],
    ] as const) {
      alarm(`${name}Errors`, fn.metricErrors({ period: FIVE_MINUTES }), 1, `${name} function invocations failed.`);
      alarm(`${name}Throttles`, fn.metricThrottles({ period: FIVE_MINUTES }), 1, `${name} function throttled.`);
    }
    alarm('Api5xx', api5xx, 5, 'The HTTP API answered 5xx.');
    dynamoThrottles.forEach((m, i) => alarm(`TableThrottles${i}`, m, 1, 'DynamoDB throttled requests.'));

    const own = (metricName: string, statistic = 'Sum', dimensionsMap?: Record<string, string>) =>
      new Metric({ namespace: METRICS_NAMESPACE, metricName, statistic, period: FIVE_MINUTES, dimensionsMap });
    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: `${Stack.of(this).stackName}-pipeline` });
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Analyses and failures',
        left: [own(METRIC.capturesFailed, 'Sum', { service: 'vpn-doctor-analyze' })],
        right: [own(METRIC.bytesAnalysed, 'Sum', { service: 'vpn-doctor-analyze' })],
      }),
      new GraphWidget({
        title: 'Analysis duration (ms)',
        left: [
          own(METRIC.analysisDuration, 'p50', { service: 'vpn-doctor-analyze' }),
          own(METRIC.analysisDuration, 'p99', { service: 'vpn-doctor-analyze' }),
        ],
      }),
      new GraphWidget({
        title: 'Errors and throttles',
        left: [
          props.analyzer.metricErrors(),
          props.api.metricErrors(),
          props.analyzer.metricThrottles(),
          props.api.metricThrottles(),
        ],
        right: [api5xx, ...dynamoThrottles],
      }),
      new GraphWidget({
        title: 'Dead letters',
        left: [props.deadLetters.metricApproximateNumberOfMessagesVisible()],
      }),
    );
  }
}

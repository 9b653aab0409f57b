// The sweeper's schedule: an EventBridge rule invokes the analyze function with
// `{"action":"sweep"}` every few minutes, so no capture stays PENDING (lambdas/analyze/sweeper.ts):
// uploads that never came are FAILED, claims of dead invocations retried or FAILED.
import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SWEEP_INTERVAL_SECONDS } from '../lambdas/config.js';
import type { SweepEvent } from '../lambdas/analyze/sweeper.js';

export const SWEEP_EVENT: SweepEvent = { action: 'sweep' };

export class SweeperSchedule extends Construct {
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: { analyzer: IFunction }) {
    super(scope, id);
    this.rule = new Rule(this, 'Rule', {
      description: 'vpn-doctor sweeper: fails or retries stale PENDING captures',
      schedule: Schedule.rate(Duration.seconds(SWEEP_INTERVAL_SECONDS)),
    });
    // A missed sweep is made up by the next one: no retries, no event older than an interval.
    this.rule.addTarget(
      new LambdaFunction(props.analyzer, {
        event: RuleTargetInput.fromObject(SWEEP_EVENT),
        retryAttempts: 0,
        maxEventAge: Duration.seconds(SWEEP_INTERVAL_SECONDS),
      }),
    );
  }
}

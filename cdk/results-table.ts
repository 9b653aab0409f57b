// The single DynamoDB table of the pipeline (tenants, API keys, captures, diagnoses).
// Key schema and index names are those of lambdas/store (keys.ts, table-schema.ts). Stateful: fixed
// logical id and RETAIN.
import { RemovalPolicy } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { GSI2_PROJECTED_ATTRIBUTES } from '../lambdas/store/table-schema.js';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  AttributeType,
  BillingMode,
  type CfnTable,
  ProjectionType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';

export const RESULTS_TABLE_LOGICAL_ID = 'ResultsTable';
/** A tenant's captures, newest first. */
export const GSI_CAPTURES = 'gsi1';
/** A tenant's diagnoses by client IP, newest first. */
export const GSI_DIAGNOSES = 'gsi2';
/** Epoch seconds; DynamoDB deletes the item some time after it passes. */
export const TTL_ATTRIBUTE = 'expiresAt';

/** Item-level actions the adapters use; no Scan, no table management. */
export const ITEM_READ_WRITE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
] as const;

export class ResultsTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TTL_ATTRIBUTE,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // The same projections as the local twin's CreateTable (lambdas/store/table-schema.ts):
    // gsi2 rows carry only what a diagnosis list needs, not the session JSON.
    this.table.addGlobalSecondaryIndex({
      indexName: GSI_CAPTURES,
      partitionKey: { name: 'gsi1pk', type: AttributeType.STRING },
      sortKey: { name: 'gsi1sk', type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
    this.table.addGlobalSecondaryIndex({
      indexName: GSI_DIAGNOSES,
      partitionKey: { name: 'gsi2pk', type: AttributeType.STRING },
      sortKey: { name: 'gsi2sk', type: AttributeType.STRING },
      projectionType: ProjectionType.INCLUDE,
      nonKeyAttributes: [...GSI2_PROJECTED_ATTRIBUTES],
    });
    (this.table.node.defaultChild as CfnTable).overrideLogicalId(RESULTS_TABLE_LOGICAL_ID);
  }

  /** ARNs of the two indexes, named one by one (no `index/*` wildcard). */
  indexArns(): string[] {
    return [GSI_CAPTURES, GSI_DIAGNOSES].map((name) => `${this.table.tableArn}/index/${name}`);
  }

  /**
   * Item read/write on the table and Query on its indexes. Used instead of
   * grantReadWriteData(), which also grants Scan, DescribeTable and stream reads.
   */
  grantItemReadWrite(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: [...ITEM_READ_WRITE_ACTIONS], resources: [this.table.tableArn] }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['dynamodb:Query'], resources: this.indexArns() }),
    );
  }
}

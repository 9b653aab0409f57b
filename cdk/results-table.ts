// The single DynamoDB table of the pipeline (tenants, API keys, captures, diagnoses).
// Key schema and index names are those of lambdas/store (keys.ts, table-schema.ts). Stateful: fixed
// logical id and RETAIN.
import { RemovalPolicy } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { GSI1, GSI2, GSI3 } from '../lambdas/store/keys.js';
import { GSI2_PROJECTED_ATTRIBUTES, GSI3_PROJECTED_ATTRIBUTES, TTL_ATTRIBUTE } from '../lambdas/store/table-schema.js';
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
// Index names and the TTL attribute are the store's (lambdas/store): the code that queries them
// and the table that defines them must never disagree.
/** A tenant's captures, newest first. */
export const GSI_CAPTURES = GSI1;
/** A tenant's diagnoses by client IP, newest first. */
export const GSI_DIAGNOSES = GSI2;
/** PENDING captures by due time (sparse): the sweeper's index. */
export const GSI_PENDING = GSI3;

/**
 * The item actions each function's code sends, no more: the analyzer claims and finishes captures
 * (UpdateItem) and writes or clears sessions (BatchWriteItem); the API registers uploads
 * (PutItem) and counts requests for its rate limits (UpdateItem). Neither scans the table.
 */
export const ANALYZER_TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:UpdateItem',
  'dynamodb:BatchWriteItem',
] as const;
export const API_TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  // A Meraki connection is removed on disconnect, a failed import releases its claim, and
  // DELETE /api/captures/{id} removes the capture item and the marker of its Meraki import.
  'dynamodb:DeleteItem',
  // DELETE /api/captures/{id} removes a capture's session items 25 at a time.
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
    this.table.addGlobalSecondaryIndex({
      indexName: GSI_PENDING,
      partitionKey: { name: 'gsi3pk', type: AttributeType.STRING },
      sortKey: { name: 'gsi3sk', type: AttributeType.STRING },
      projectionType: ProjectionType.INCLUDE,
      nonKeyAttributes: [...GSI3_PROJECTED_ATTRIBUTES],
    });
    (this.table.node.defaultChild as CfnTable).overrideLogicalId(RESULTS_TABLE_LOGICAL_ID);
  }

  /** ARNs of the named indexes, one by one (no `index/*` wildcard). */
  indexArns(names: readonly string[]): string[] {
    return names.map((name) => `${this.table.tableArn}/index/${name}`);
  }

  /**
   * The given item actions on the table and Query on the given indexes. Used instead of
   * grantReadWriteData(), which also grants Scan, DeleteItem, DescribeTable and stream reads.
   */
  grantItems(grantee: IGrantable, actions: readonly string[], indexes: readonly string[]): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: [...actions], resources: [this.table.tableArn] }),
    );
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['dynamodb:Query'], resources: this.indexArns(indexes) }),
    );
  }
}

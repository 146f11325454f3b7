import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { INDEXES, TABLE_KEY, TTL_ATTRIBUTE } from '../lambdas/core/table-schema';

export interface ArticleTableProps {
  readonly removal: 'destroy' | 'retain';
  readonly pointInTimeRecovery: boolean;
  readonly deletionProtection: boolean;
}

/** Actions the store stage uses: idempotent conditional writes, reads of an object's current items, batches. */
const STORE_ACTIONS = [
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DeleteItem',
  'dynamodb:DescribeTable',
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:Query',
  'dynamodb:UpdateItem',
];

/** Actions the dashboard's read API uses: key lookups and queries, never a scan or a write. */
export const QUERY_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query'];

/**
 * The single table of articles, quotes, events and rejections. Keys, index names and the TTL attribute come
 * from lambdas/core/table-schema.ts, the one definition the store code and the local stack share.
 * On-demand capacity, encrypted with the AWS-managed key.
 */
export class ArticleTable extends Construct {
  readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string, props: ArticleTableProps) {
    super(scope, id);
    const key = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: key(TABLE_KEY.partitionKey),
      sortKey: key(TABLE_KEY.sortKey),
      billing: dynamodb.Billing.onDemand(),
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: props.pointInTimeRecovery },
      deletionProtection: props.deletionProtection,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      removalPolicy: props.removal === 'destroy' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
      globalSecondaryIndexes: Object.values(INDEXES).map((index) => ({
        indexName: index.name,
        partitionKey: key(index.partitionKey),
        sortKey: key(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      })),
    });
  }

  /** The table and each named index: grants never use an index wildcard. */
  private get tableAndIndexArns(): string[] {
    return [
      this.table.tableArn,
      ...Object.values(INDEXES).map((index) => `${this.table.tableArn}/index/${index.name}`),
    ];
  }

  /** Grants the store stage's actions on the table and each named index (no index wildcard, no `dynamodb:*`). */
  grantStoreAccess(grantee: iam.IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: STORE_ACTIONS, resources: this.tableAndIndexArns }),
    );
  }

  /**
   * Grants the dashboard's read API what its queries use: Query and GetItem, on the table and each named index.
   * Not `grantReadData`, which adds Scan, BatchGetItem, DescribeTable and ConditionCheckItem.
   */
  grantQueryAccess(grantee: iam.IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: QUERY_ACTIONS, resources: this.tableAndIndexArns }),
    );
  }
}

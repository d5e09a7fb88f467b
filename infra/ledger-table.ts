/**
 * The ledger table: the one DynamoDB table that holds every pot, movement, claim and registry
 * entry (README, "Architecture"; key layout in `shared/store/table-definition.ts`).
 */
import { RemovalPolicy, type Stack } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  ProjectionType,
  StreamViewType,
  TableEncryptionV2,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { tableDefinition } from '../shared/store/table-definition.ts';

/**
 * Creates the table as `Table` directly in the stack, so its logical id stays the one every
 * deployed stack already has: a new id would make CloudFormation replace the system of record.
 */
export function createLedgerTable(stack: Stack): TableV2 {
  return new TableV2(stack, 'Table', {
    partitionKey: { name: tableDefinition.partitionKey, type: AttributeType.STRING },
    sortKey: { name: tableDefinition.sortKey, type: AttributeType.STRING },
    billing: Billing.onDemand(),
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    // A KMS key in the account, so key use shows up in CloudTrail, without the cost and
    // care of a customer-managed key that nobody needs to rotate or share yet.
    encryption: TableEncryptionV2.awsManagedKey(),
    // The ledger is the system of record: deleting the stack must never delete the money.
    removalPolicy: RemovalPolicy.RETAIN,
    // The usage aggregator reads the new image of each inserted movement record (infra/usage-aggregator.ts).
    dynamoStream: StreamViewType[tableDefinition.stream],
    globalSecondaryIndexes: tableDefinition.globalSecondaryIndexes.map((index) => ({
      indexName: index.indexName,
      partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
      sortKey: { name: index.sortKey, type: AttributeType.STRING },
      ...(index.projectedAttributes === 'all'
        ? { projectionType: ProjectionType.ALL }
        : { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.projectedAttributes] }),
    })),
  });
}

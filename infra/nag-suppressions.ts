/**
 * Every cdk-nag finding the stack accepts, in one place, each with the reason it is accepted.
 * cdk-nag 3 reads acknowledgements from CDK's own `Validations.of(...).acknowledge(...)` (the
 * v2 `NagSuppressions` API is gone), and each finding id must be acknowledged exactly, so a new
 * kind of wildcard or a new managed policy still fails the synth until someone reasons about it.
 *
 * Acknowledgements sit on the narrowest construct that owns the finding, never on the stack.
 */
import { Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type { LeerrekeningStack } from './stack.ts';

export function acknowledgeNagFindings(stack: LeerrekeningStack): void {
  for (const fn of [...stack.functions.values(), ...stack.jobFunctions.values()]) {
    Validations.of(fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Node.js 22 is pinned on purpose so the runtime matches the esbuild target and the tested SDK; moving to a newer runtime is a deliberate upgrade.',
    });
    if (fn.role !== undefined) {
      Validations.of(fn.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'The only wildcard is X-Ray tracing (xray:PutTraceSegments, xray:PutTelemetryRecords), which supports no resource-level permissions.',
      });
      // Table grants cover the table's own secondary indexes (`<table>/index/*`): the indexes
      // are part of the one table, and the wildcard names no other resource.
      const tableLogicalId = Stack.of(stack).getLogicalId(stack.table.node.defaultChild as CfnElement);
      Validations.of(fn.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${tableLogicalId}.Arn>/index/*]`,
        reason: 'Table grants include the ledger table\'s own secondary indexes (<table>/index/*); it names no other table.',
      });
    }
  }

  const payouts = stack.jobFunctions.get('payouts');
  if (payouts?.role !== undefined) {
    const bucketLogicalId = Stack.of(stack).getLogicalId(stack.payoutBucket.node.defaultChild as CfnElement);
    Validations.of(payouts.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketLogicalId}.Arn>/payouts/*]`,
      reason: 'The payouts job creates a new SEPA file per run under payouts/, named by its file id, so PutObject cannot name the objects in advance; it may not read, list or delete any.',
    });
  }
  Validations.of(stack.accessLogBucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason: 'This bucket receives the payout bucket\'s server access logs; logging its own access would only log the log delivery.',
  });

  Validations.of(stack.api).acknowledge({
    id: 'AwsSolutions-APIG2',
    reason: 'Each handler validates its request with zod and answers with a problem document, which API Gateway models cannot express.',
  });
  Validations.of(stack.api).acknowledge({
    id: 'AwsSolutions-COG4',
    reason: 'Callers authenticate with OpenID Connect tokens from DigiD and eHerkenning, verified by a Lambda REQUEST authorizer; there is no Cognito user pool.',
  });
  Validations.of(stack.api).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
    reason: 'The account-level API Gateway logging role is meant to use this AWS-managed policy, which allows writing to API Gateway log groups only.',
  });
  Validations.of(stack.api.deploymentStage).acknowledge({
    id: 'AwsSolutions-APIG3',
    reason: 'The WAF web ACL is planned in DESIGN.md "Deploying" and arrives with its own change; stage throttling limits abuse until then.',
  });
  for (const method of stack.publicMethods) {
    Validations.of(method).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'Health and the OpenAPI document are public by design: they return no personal or ledger data.',
    });
  }
}

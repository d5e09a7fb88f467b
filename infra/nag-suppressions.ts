/**
 * Every cdk-nag finding the stack accepts, in one place, each with the reason it is accepted.
 * cdk-nag 3 reads acknowledgements from CDK's own `Validations.of(...).acknowledge(...)` (the
 * v2 `NagSuppressions` API is gone), and each finding id must be acknowledged exactly, so a new
 * kind of wildcard or a new managed policy still fails the synth until someone reasons about it.
 *
 * Acknowledgements sit on the narrowest construct that owns the finding, never on the stack.
 */
import { type CfnElement, Stack, Token, Validations } from 'aws-cdk-lib';
import type { LeerrekeningStack } from './stack.ts';

/**
 * The CDK bootstrap asset bucket's ARN as cdk-nag prints it: with placeholders when the stack is
 * environment-agnostic (`npm run synth` without an account), with the real partition, account and
 * region when it is synthesized for one (`cdk deploy`), so the same grant is acknowledged in both.
 */
function bootstrapAssetsArn(stack: Stack): string {
  const known = (value: string, placeholder: string) => (Token.isUnresolved(value) ? placeholder : value);
  const partition = known(stack.partition, '<AWS::Partition>');
  const account = known(stack.account, '<AWS::AccountId>');
  const region = known(stack.region, '<AWS::Region>');
  return `arn:${partition}:s3:::cdk-hnb659fds-assets-${account}-${region}`;
}

/** The id of the finding for an AWS-managed service-role policy, e.g. `AWSLambdaBasicExecutionRole`. */
function managedServiceRolePolicyFinding(policyName: string): string {
  return `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/${policyName}]`;
}

export function acknowledgeNagFindings(stack: LeerrekeningStack): void {
  for (const fn of [...stack.functions.values(), ...stack.jobFunctions.values(), stack.depositBatches.worker]) {
    Validations.of(fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Node.js 22 is pinned on purpose so the runtime matches the esbuild target and the tested SDK; ' +
        'moving to a newer runtime is a deliberate upgrade.',
    });
    if (fn.role !== undefined) {
      Validations.of(fn.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'The only wildcard is X-Ray tracing (xray:PutTraceSegments, xray:PutTelemetryRecords), ' +
          'which supports no resource-level permissions.',
      });
      // Table grants cover the table's own secondary indexes (`<table>/index/*`): the indexes
      // are part of the one table, and the wildcard names no other resource.
      const tableLogicalId = Stack.of(stack).getLogicalId(stack.table.node.defaultChild as CfnElement);
      Validations.of(fn.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${tableLogicalId}.Arn>/index/*]`,
        reason:
          "Table grants include the ledger table's own secondary indexes (<table>/index/*); it names no other table.",
      });
    }
  }

  const aggregator = stack.usageAggregator.fn;
  Validations.of(aggregator).acknowledge({
    id: 'AwsSolutions-L1',
    reason: 'Node.js 22 is pinned on purpose, as for every function of the stack.',
  });
  if (aggregator.role !== undefined) {
    Validations.of(aggregator.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray tracing, and dynamodb:ListStreams, which the event source mapping needs and which supports no ' +
        "resource-level permissions; reading records is granted on the table's stream only.",
    });
  }
  Validations.of(stack.usageAggregator.deadLetterQueue).acknowledge({
    id: 'AwsSolutions-SQS3',
    reason:
      "This queue is the dead-letter destination of the usage aggregator's stream event source; " +
      'it needs none of its own.',
  });

  const payouts = stack.jobFunctions.get('payouts');
  if (payouts?.role !== undefined) {
    const bucketLogicalId = Stack.of(stack).getLogicalId(stack.payoutBucket.node.defaultChild as CfnElement);
    Validations.of(payouts.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${bucketLogicalId}.Arn>/payouts/*]`,
      reason:
        'The payouts job creates a new SEPA file per run under payouts/, named by its file id, ' +
        'so PutObject cannot name the objects in advance; it may not read, list or delete any.',
    });
  }
  Validations.of(stack.accessLogBucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason:
      "This bucket receives the payout and web buckets' server access logs and CloudFront's logs; " +
      'logging its own access would only log the log delivery.',
  });

  Validations.of(stack.api).acknowledge({
    id: 'AwsSolutions-APIG2',
    reason:
      'Each handler validates its request with zod and answers with a problem document, ' +
      'which API Gateway models cannot express.',
  });
  Validations.of(stack.api).acknowledge({
    id: 'AwsSolutions-COG4',
    reason:
      'Callers authenticate with OpenID Connect tokens from DigiD and eHerkenning, ' +
      'verified by a Lambda REQUEST authorizer; there is no Cognito user pool.',
  });
  Validations.of(stack.api).acknowledge({
    id: managedServiceRolePolicyFinding('AmazonAPIGatewayPushToCloudWatchLogs'),
    reason:
      'The account-level API Gateway logging role is meant to use this AWS-managed policy, ' +
      'which allows writing to API Gateway log groups only.',
  });
  Validations.of(stack.originVerifySecret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'Not a credential: it only tells the WAF rate rules that a request came through CloudFront. ' +
      'Rotating it means redeploying CloudFront and WAF together; a leaked value lets a caller choose ' +
      'its own rate-limit bucket, which per-address limits on direct calls still bound.',
  });

  const distribution = stack.web.distribution;
  if (!stack.web.hasCustomDomain) {
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason:
        'With the default *.cloudfront.net certificate CloudFront fixes the viewer policy at TLSv1; ' +
        'TLS 1.2+ (TLSv1.2_2021) is set as soon as a custom domain and certificate are configured ' +
        '(webDomainName, webCertificateArn).',
    });
  }
  Validations.of(distribution).acknowledge({
    id: 'AwsSolutions-CFR1',
    reason:
      'No geo restriction: citizens living or travelling abroad must reach their learning account, ' +
      'and the API behind it is protected by WAF and the authorizer.',
  });
  Validations.of(distribution).acknowledge({
    id: 'AwsSolutions-CFR2',
    reason:
      'Every /v1/* request CloudFront forwards passes the regional web ACL on the API stage ' +
      '(rate limits keyed on the viewer address); the rest is static files from S3. ' +
      'A CLOUDFRONT-scope web ACL would need a second stack in us-east-1.',
  });

  const deployment = stack.web.deployment;
  if (deployment !== undefined) {
    // The upload runs once per deploy in CDK's own Lambda (Custom::CDKBucketDeployment), a
    // singleton whose code, runtime and policy CDK owns.
    const handler = deployment.handlerRole.node.scope ?? deployment.handlerRole;
    const bucketLogicalId = Stack.of(stack).getLogicalId(stack.web.bucket.node.defaultChild as CfnElement);
    const uploadFindings = [
      [
        managedServiceRolePolicyFinding('AWSLambdaBasicExecutionRole'),
        "CDK's upload function logs through the AWS-managed basic execution policy; it runs only during deployments.",
      ],
      [
        'AwsSolutions-IAM5[Action::s3:GetBucket*]',
        "CDK's upload grants: read the staged asset, and sync (read, write, delete) the web bucket, nothing else.",
      ],
      [
        'AwsSolutions-IAM5[Action::s3:GetObject*]',
        "CDK's upload grants: read the staged asset, and sync (read, write, delete) the web bucket, nothing else.",
      ],
      [
        'AwsSolutions-IAM5[Action::s3:List*]',
        "CDK's upload grants: read the staged asset, and sync (read, write, delete) the web bucket, nothing else.",
      ],
      [
        'AwsSolutions-IAM5[Action::s3:Abort*]',
        "CDK's upload grants: sync the web bucket, whose files it replaces and prunes.",
      ],
      [
        'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
        "CDK's upload grants: sync the web bucket, whose files it replaces and prunes.",
      ],
      [
        `AwsSolutions-IAM5[Resource::${bootstrapAssetsArn(stack)}/*]`,
        'The web app is staged as a zip in the CDK bootstrap asset bucket, under a hash CDK picks at synth.',
      ],
      [
        `AwsSolutions-IAM5[Resource::<${bucketLogicalId}.Arn>/*]`,
        'The upload writes every file of the app into the web bucket and removes files the new build no longer has.',
      ],
      [
        'AwsSolutions-IAM5[Resource::*]',
        'cloudfront:CreateInvalidation and GetInvalidation, which CDK grants on * ' +
          'so the upload can refresh the distribution after a deploy.',
      ],
      [
        'AwsSolutions-L1',
        'CDK picks and upgrades the Python runtime of its upload function with aws-cdk-lib; ' +
          'it runs only during deployments.',
      ],
    ] as const;
    for (const [id, reason] of uploadFindings) {
      Validations.of(handler).acknowledge({ id, reason });
    }
  }

  for (const method of stack.publicMethods) {
    Validations.of(method).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'Health and the OpenAPI document are public by design: they return no personal or ledger data.',
    });
  }
}

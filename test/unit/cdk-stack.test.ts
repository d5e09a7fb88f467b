/**
 * The deployed shape, read from the synthesized template: what the route table promises is what
 * API Gateway serves, the table keeps the money safe, and every function gets only what it needs.
 * The app is built once, with real esbuild bundles of every handler and the context of cdk.json,
 * so this is the same synth `npx cdk synth` runs, cdk-nag included.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { App, type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { MockIntegration, RestApi } from 'aws-cdk-lib/aws-apigateway';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  managedRuleGroups,
  originVerifyHeader,
  rateLimitRequestsPerWindow,
  rateLimitWindowSeconds,
  viewerIpHeader,
} from '../../infra/api-firewall.ts';
import { parametersExtensionLayerArn } from '../../infra/api-function.ts';
import { browserRoutes } from '../../infra/cors-preflights.ts';
import { scheduledJobs } from '../../infra/scheduled-jobs.ts';
import { LeerrekeningStack, type LeerrekeningStackProps } from '../../infra/stack.ts';
import {
  defaultBusinessClients,
  parseBusinessClients,
  usageIdentifierKeyPrefix,
  usageTiers,
} from '../../infra/usage-plans.ts';
import { apiPathPattern, WebHosting } from '../../infra/web-hosting.ts';
import { authorizerFunctionName, routes } from '../../shared/api/routes.ts';
import { apiSecurityHeaders, corsAllowedHeaders, gatewayHeaderValue } from '../../shared/http/security-headers.ts';
import { fixedResources } from '../bench/cost.ts';

/** Bundling eleven functions with esbuild takes a while on a busy machine. */
const synthTimeoutMs = 180_000;

interface CfnResource {
  readonly Type: string;
  readonly Properties: Record<string, unknown>;
}

let stack: LeerrekeningStack;
let template: Template;
let resources: Record<string, CfnResource>;
/** A stand-in for `web/dist`, so the upload is part of the synth whether or not the app is built. */
let webAppDirectory: string;

beforeAll(() => {
  webAppDirectory = mkdtempSync(join(tmpdir(), 'leerrekening-web-'));
  mkdirSync(join(webAppDirectory, 'assets'));
  writeFileSync(
    join(webAppDirectory, 'index.html'),
    '<!doctype html><title>Leerrekening</title><script type="module" src="/assets/app.js"></script>',
  );
  writeFileSync(join(webAppDirectory, 'assets', 'app.js'), 'export {};');
  stack = stackWithNag('Leerrekening', { webAppDirectory });
  // Synthesizes the whole app; an unacknowledged cdk-nag finding makes this throw.
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Record<string, CfnResource>;
}, synthTimeoutMs);

/** The stack in an app of its own with the project's CDK context and cdk-nag's AwsSolutions checks, as `cdk synth`. */
function stackWithNag(
  id: string,
  props: LeerrekeningStackProps,
  context: Record<string, unknown> = {},
): LeerrekeningStack {
  const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  };
  const app = new App({ context: { ...cdkJson.context, ...context } });
  const created = new LeerrekeningStack(app, id, props);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return created;
}

afterAll(() => {
  rmSync(webAppDirectory, { recursive: true, force: true });
});

function resourcesOfType(type: string): [string, CfnResource][] {
  return Object.entries(resources).filter(([, resource]) => resource.Type === type);
}

/** The project's functions: every Lambda function except CDK's web app upload. */
function ourFunctions(): [string, CfnResource][] {
  const upload = stack.web.deployment?.handlerRole.node.scope;
  const uploadLogicalId = upload === undefined ? undefined : stack.getLogicalId(upload.node.defaultChild as CfnElement);
  return resourcesOfType('AWS::Lambda::Function').filter(([logicalId]) => logicalId !== uploadLogicalId);
}

/** Rebuilds `/v1/me/account` from a resource's PathPart and its parents up to the API root. */
function resourcePath(logicalId: string): string {
  const parts: string[] = [];
  let current: unknown = { Ref: logicalId };
  while (typeof current === 'object' && current !== null && 'Ref' in current) {
    const resource = resources[String(current.Ref)];
    if (resource?.Type !== 'AWS::ApiGateway::Resource') {
      throw new Error(`Not an API resource: ${String(current.Ref)}`);
    }
    parts.unshift(String(resource.Properties.PathPart));
    current = resource.Properties.ParentId;
  }
  // The chain must end at the API's root resource, not at some other reference.
  expect(current).toEqual({ 'Fn::GetAtt': [expect.any(String), 'RootResourceId'] });
  return `/${parts.join('/')}`;
}

function functionLogicalId(name: string): string {
  const fn = stack.functions.get(name);
  if (fn === undefined) {
    throw new Error(`No function ${name}`);
  }
  return stack.getLogicalId(fn.node.defaultChild as CfnFunction);
}

/** The policy statements of a function's role. */
function statementsOf(
  fn: { role?: { node: { defaultChild?: unknown } } } | undefined,
): { Action: string | string[]; Resource: unknown }[] {
  const roleLogicalId = stack.getLogicalId(fn?.role?.node.defaultChild as CfnRole);
  return resourcesOfType('AWS::IAM::Policy')
    .filter(([, policy]) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: roleLogicalId }]))
    .flatMap(
      ([, policy]) =>
        (policy.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] })
          .Statement,
    );
}

/** The DynamoDB actions a function's role allows. */
function dynamoActions(name: string): string[] {
  return statementsOf(stack.functions.get(name))
    .flatMap((statement) => [statement.Action].flat())
    .filter((action) => action.startsWith('dynamodb:'));
}

describe('LeerrekeningStack', () => {
  describe('the ledger table', () => {
    it('is the one table, keyed pk/sk, on demand, with PITR and deletion protection, retained', () => {
      template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
      template.resourceCountIs('AWS::DynamoDB::Table', 0);
      template.hasResource('AWS::DynamoDB::GlobalTable', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: Match.objectLike({
          BillingMode: 'PAY_PER_REQUEST',
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
          AttributeDefinitions: Match.arrayWith([
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: 'sk', AttributeType: 'S' },
          ]),
          SSESpecification: Match.objectLike({ SSEEnabled: true }),
          Replicas: [
            Match.objectLike({
              DeletionProtectionEnabled: true,
              PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            }),
          ],
        }),
      });
    });
  });

  describe('the REST API', () => {
    it.each(routes)('serves $method $path with $functionName', (route) => {
      const methods = resourcesOfType('AWS::ApiGateway::Method').filter(([, method]) => {
        const resourceId = method.Properties.ResourceId as { Ref?: string };
        return (
          method.Properties.HttpMethod === route.method &&
          resourceId.Ref !== undefined &&
          resourcePath(resourceId.Ref) === route.path
        );
      });
      expect(methods).toHaveLength(1);
      const [, method] = methods[0] ?? [];
      expect(JSON.stringify(method?.Properties.Integration)).toContain(`"${functionLogicalId(route.functionName)}"`);
      expect(method?.Properties.Integration).toMatchObject({ Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST' });
      if (route.roles.length === 0) {
        expect(method?.Properties.AuthorizationType).toBe('NONE');
      } else {
        expect(method?.Properties.AuthorizationType).toBe('CUSTOM');
        expect(method?.Properties.AuthorizerId).toBeDefined();
      }
    });

    it('has no methods beyond the route table and the CORS preflights', () => {
      const browserPaths = new Set(browserRoutes.map((route) => route.path));
      template.resourceCountIs('AWS::ApiGateway::Method', routes.length + browserPaths.size);
    });

    it('verifies tokens with the authorizer function, from the Authorization header, uncached', () => {
      template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
        Type: 'REQUEST',
        IdentitySource: 'method.request.header.Authorization',
        AuthorizerResultTtlInSeconds: 0,
      });
      const authorizer = resourcesOfType('AWS::ApiGateway::Authorizer')[0]?.[1];
      expect(JSON.stringify(authorizer?.Properties.AuthorizerUri)).toContain(
        `"${functionLogicalId(authorizerFunctionName)}"`,
      );
    });

    it('deploys stage prod with tracing, access logs and no data trace', () => {
      template.hasResourceProperties('AWS::ApiGateway::Stage', {
        StageName: 'prod',
        TracingEnabled: true,
        AccessLogSetting: Match.objectLike({ DestinationArn: Match.anyValue() }),
        MethodSettings: [Match.objectLike({ DataTraceEnabled: false, LoggingLevel: 'ERROR' })],
      });
    });

    it.each([
      ['UNAUTHORIZED', '401'],
      ['ACCESS_DENIED', '403'],
    ])('answers %s with a %s problem document', (responseType, statusCode) => {
      template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: responseType,
        StatusCode: statusCode,
        ResponseParameters: { 'gatewayresponse.header.Content-Type': "'application/problem+json'" },
        ResponseTemplates: {
          'application/json': Match.serializedJson(
            Match.objectLike({ type: 'about:blank', status: Number(statusCode), code: Match.anyValue() }),
          ),
        },
      });
    });

    it('answers UNAUTHORIZED with a Bearer challenge in WWW-Authenticate (RFC 6750 §3)', () => {
      template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: 'UNAUTHORIZED',
        ResponseParameters: Match.objectLike({
          'gatewayresponse.header.WWW-Authenticate': gatewayHeaderValue(
            'Bearer realm="leerrekening", error="invalid_token"',
          ),
        }),
      });
    });

    it('answers AUTHORIZER_FAILURE (the registry could not be read) with 503 and Retry-After, not 500', () => {
      template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: 'AUTHORIZER_FAILURE',
        StatusCode: '503',
        ResponseParameters: Match.objectLike({ 'gatewayresponse.header.Retry-After': "'2'" }),
        ResponseTemplates: {
          'application/json': Match.serializedJson(Match.objectLike({ status: 503, code: 'service_unavailable' })),
        },
      });
    });

    it.each(['DEFAULT_4XX', 'DEFAULT_5XX'])('answers %s with a problem document', (responseType) => {
      template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: responseType,
        ResponseParameters: { 'gatewayresponse.header.Content-Type': "'application/problem+json'" },
      });
    });
  });

  describe('the functions', () => {
    it('are one per route function, the authorizer, each scheduled job, the batch worker, the usage aggregator', () => {
      const names = new Set([...routes.map((route) => route.functionName), authorizerFunctionName]);
      // Plus CDK's own function that uploads the web app during a deploy.
      expect(ourFunctions()).toHaveLength(names.size + scheduledJobs.length + 2);
      template.resourceCountIs('AWS::Lambda::Function', names.size + scheduledJobs.length + 3);
      expect([...stack.functions.keys()].sort()).toEqual([...names].sort());
    });

    it('all run Node.js 22 on arm64 with active tracing', () => {
      for (const [, fn] of ourFunctions()) {
        expect(fn.Properties).toMatchObject({
          Runtime: 'nodejs22.x',
          Architectures: ['arm64'],
          TracingConfig: { Mode: 'Active' },
        });
      }
    });

    it('may write the table only when they serve a POST route that writes, or note a first visit', () => {
      const writes = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
      for (const name of stack.functions.keys()) {
        const served = routes.filter((route) => route.functionName === name);
        const actions = dynamoActions(name);
        if (served.length > 0 && served.every((route) => route.roles.length === 0)) {
          expect(actions, name).toEqual([]);
        } else if (
          served.some(
            (route) => (route.method === 'POST' && route.readsOnly !== true) || route.notesFirstVisit === true,
          )
        ) {
          expect(actions, name).toEqual(expect.arrayContaining(writes));
        } else {
          expect(actions, name).toContain('dynamodb:Query');
          expect(
            actions.filter((action) => writes.includes(action)),
            name,
          ).toEqual([]);
        }
      }
    });
  });

  describe('the scheduled jobs', () => {
    function jobLogicalId(name: (typeof scheduledJobs)[number]['name']): string {
      const fn = stack.jobFunctions.get(name);
      if (fn === undefined) throw new Error(`No job ${name}`);
      return stack.getLogicalId(fn.node.defaultChild as CfnFunction);
    }

    it.each([
      ['release-expired-reservations', 'rate(15 minutes)'],
      ['expire-stale-claims', 'rate(15 minutes)'],
      ['expire-pots', 'rate(15 minutes)'],
      ['payouts', 'cron(0 2 * * ? *)'],
    ] as const)('runs %s on the schedule %s, without EventBridge retries', (name, expression) => {
      const rules = resourcesOfType('AWS::Events::Rule').filter(([, rule]) =>
        JSON.stringify(rule.Properties.Targets).includes(JSON.stringify({ 'Fn::GetAtt': [jobLogicalId(name), 'Arn'] })),
      );
      expect(rules).toHaveLength(1);
      expect(rules[0]?.[1].Properties).toMatchObject({
        ScheduleExpression: expression,
        State: 'ENABLED',
        Targets: [{ RetryPolicy: { MaximumRetryAttempts: 0 } }],
      });
    });

    it('are not behind the API, and may read and write the table', () => {
      const apiFunctions = new Set(
        Object.values(resources)
          .filter(
            (resource) =>
              resource.Type === 'AWS::Lambda::Permission' && JSON.stringify(resource.Properties).includes('apigateway'),
          )
          .map((resource) => JSON.stringify(resource.Properties.FunctionName)),
      );
      for (const job of scheduledJobs) {
        expect(apiFunctions.has(JSON.stringify({ 'Fn::GetAtt': [jobLogicalId(job.name), 'Arn'] })), job.name).toBe(
          false,
        );
        const actions = statementsOf(stack.jobFunctions.get(job.name)).flatMap((statement) =>
          [statement.Action].flat(),
        );
        expect(actions, job.name).toEqual(
          expect.arrayContaining(['dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:PutItem']),
        );
        expect(resources[jobLogicalId(job.name)]?.Properties).toMatchObject({
          Handler: 'index.handler',
          Timeout: job.timeout.toSeconds(),
        });
      }
    });

    it('gives only the payouts job the bucket, and only PutObject under payouts/', () => {
      const bucketLogicalId = stack.getLogicalId(stack.payoutBucket.node.defaultChild as CfnElement);
      for (const job of scheduledJobs) {
        const s3 = statementsOf(stack.jobFunctions.get(job.name)).filter((statement) =>
          [statement.Action].flat().some((action) => action.startsWith('s3:')),
        );
        if (job.name === 'payouts') {
          expect(s3).toEqual([
            expect.objectContaining({
              Action: 's3:PutObject',
              Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketLogicalId, 'Arn'] }, '/payouts/*']] },
            }),
          ]);
          expect(
            (resources[jobLogicalId(job.name)]!.Properties as { Environment: { Variables: Record<string, unknown> } })
              .Environment.Variables,
          ).toMatchObject({ PAYOUT_BUCKET: { Ref: bucketLogicalId } });
        } else {
          expect(s3, job.name).toEqual([]);
        }
      }
      for (const name of stack.functions.keys()) {
        expect(
          statementsOf(stack.functions.get(name))
            .flatMap((statement) => [statement.Action].flat())
            .filter((action) => action.startsWith('s3:')),
          name,
        ).toEqual([]);
      }
    });
  });

  describe('the scheduled jobs’ alarms', () => {
    function logGroupOf(name: (typeof scheduledJobs)[number]['name']): string {
      const fn = stack.jobFunctions.get(name);
      if (fn === undefined) throw new Error(`No job ${name}`);
      const properties = resources[stack.getLogicalId(fn.node.defaultChild as CfnFunction)]?.Properties as
        | { LoggingConfig?: { LogGroup?: unknown } }
        | undefined;
      return JSON.stringify(properties?.LoggingConfig?.LogGroup);
    }

    it.each(scheduledJobs.map((job) => [job.name, job.id] as const))(
      'counts the failed items %s logs, and alarms on them and on the function failing',
      (name, id) => {
        const filters = resourcesOfType('AWS::Logs::MetricFilter').filter(
          ([, filter]) => JSON.stringify(filter.Properties.LogGroupName) === logGroupOf(name),
        );
        expect(filters).toHaveLength(1);
        expect(filters[0]?.[1].Properties).toMatchObject({
          FilterPattern: `{ ($.job = "${name}") && ($.failed > 0) }`,
          MetricTransformations: [
            { MetricNamespace: 'Leerrekening', MetricName: `${id}FailedItems`, MetricValue: '$.failed' },
          ],
        });
        const alarms = resourcesOfType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties);
        expect(alarms).toContainEqual(
          expect.objectContaining({
            MetricName: `${id}FailedItems`,
            Namespace: 'Leerrekening',
            ComparisonOperator: 'GreaterThanOrEqualToThreshold',
            Threshold: 1,
            TreatMissingData: 'notBreaching',
          }),
        );
        expect(alarms).toContainEqual(
          expect.objectContaining({
            MetricName: 'Errors',
            Namespace: 'AWS/Lambda',
            Dimensions: [
              {
                Name: 'FunctionName',
                Value: { Ref: stack.getLogicalId(stack.jobFunctions.get(name)?.node.defaultChild as CfnFunction) },
              },
            ],
            Threshold: 1,
          }),
        );
      },
    );
  });

  describe('the usage aggregator', () => {
    const aggregatorLogicalId = () => stack.getLogicalId(stack.usageAggregator.fn.node.defaultChild as CfnFunction);
    const tableLogicalId = () => stack.getLogicalId(stack.table.node.defaultChild as CfnElement);

    it('reads the table’s stream of new images', () => {
      template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
      });
    });

    it('takes the stream from its oldest record, inserts of movement records only, in large batches', () => {
      const mappings = resourcesOfType('AWS::Lambda::EventSourceMapping').filter(
        ([, mapping]) =>
          JSON.stringify(mapping.Properties.FunctionName) === JSON.stringify({ Ref: aggregatorLogicalId() }),
      );
      expect(mappings).toHaveLength(1);
      const queueLogicalId = stack.getLogicalId(stack.usageAggregator.deadLetterQueue.node.defaultChild as CfnElement);
      const properties = mappings[0]![1].Properties;
      expect(properties).toMatchObject({
        EventSourceArn: { 'Fn::GetAtt': [tableLogicalId(), 'StreamArn'] },
        StartingPosition: 'TRIM_HORIZON',
        BatchSize: 1_000,
        MaximumBatchingWindowInSeconds: 5,
        ParallelizationFactor: 1,
        TumblingWindowInSeconds: 60,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: 10,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueLogicalId, 'Arn'] } } },
      });
      const filters = (properties['FilterCriteria'] as { Filters: { Pattern: string }[] }).Filters;
      expect(filters.map((filter) => JSON.parse(filter.Pattern))).toEqual([
        { eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['movement'] } } } },
      ]);
    });

    it('may get and put only the usage items, and read the stream', () => {
      const statements = statementsOf(stack.usageAggregator.fn);
      const dynamo = statements.filter((statement) =>
        [statement.Action].flat().some((action) => action.startsWith('dynamodb:')),
      );
      expect(dynamo).toContainEqual(
        expect.objectContaining({
          Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
          Resource: { 'Fn::GetAtt': [tableLogicalId(), 'Arn'] },
          Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['USAGE#*', 'USAGEPROGRESS'] } },
        }),
      );
      const actions = dynamo.flatMap((statement) => [statement.Action].flat()).sort();
      expect(actions).toEqual(
        [
          'dynamodb:DescribeStream',
          'dynamodb:GetItem',
          'dynamodb:GetRecords',
          'dynamodb:GetShardIterator',
          'dynamodb:ListStreams',
          'dynamodb:PutItem',
        ].sort(),
      );
      const properties = resources[aggregatorLogicalId()]!.Properties as { Environment: { Variables: object } };
      const variables = properties.Environment.Variables;
      expect(variables).toMatchObject({ TABLE_NAME: { Ref: tableLogicalId() } });
      expect(variables).not.toHaveProperty('PERSON_ID_SECRET_PARAMETER');
    });

    it('is not behind the API', () => {
      const invokedByApi = resourcesOfType('AWS::Lambda::Permission').some(
        ([, permission]) =>
          JSON.stringify(permission.Properties.FunctionName).includes(aggregatorLogicalId()) &&
          JSON.stringify(permission.Properties).includes('apigateway'),
      );
      expect(invokedByApi).toBe(false);
    });

    it('has an encrypted, TLS-only dead-letter queue, and an alarm as soon as anything is in it', () => {
      const queueLogicalId = stack.getLogicalId(stack.usageAggregator.deadLetterQueue.node.defaultChild as CfnElement);
      expect(resources[queueLogicalId]?.Properties).toMatchObject({
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 14 * 24 * 3_600,
      });
      const policies = resourcesOfType('AWS::SQS::QueuePolicy').filter(([, policy]) =>
        JSON.stringify(policy.Properties.Queues).includes(queueLogicalId),
      );
      expect(JSON.stringify(policies[0]?.[1].Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
      expect(resourcesOfType('AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties)).toContainEqual(
        expect.objectContaining({
          MetricName: 'ApproximateNumberOfMessagesVisible',
          Namespace: 'AWS/SQS',
          Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueLogicalId, 'QueueName'] } }],
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        }),
      );
    });
  });

  describe('the payout bucket', () => {
    it('is private, encrypted, versioned, TLS-only, logged and retained', () => {
      const bucketLogicalId = stack.getLogicalId(stack.payoutBucket.node.defaultChild as CfnElement);
      const logsLogicalId = stack.getLogicalId(stack.accessLogBucket.node.defaultChild as CfnElement);
      template.hasResource('AWS::S3::Bucket', {
        Properties: Match.objectLike({
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
          },
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            BlockPublicPolicy: true,
            IgnorePublicAcls: true,
            RestrictPublicBuckets: true,
          },
          VersioningConfiguration: { Status: 'Enabled' },
          LoggingConfiguration: { DestinationBucketName: { Ref: logsLogicalId }, LogFilePrefix: 'payout-bucket/' },
        }),
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
      expect(resources[bucketLogicalId]?.Type).toBe('AWS::S3::Bucket');
      const policies = resourcesOfType('AWS::S3::BucketPolicy').filter(
        ([, policy]) => JSON.stringify(policy.Properties.Bucket) === JSON.stringify({ Ref: bucketLogicalId }),
      );
      expect(JSON.stringify(policies[0]?.[1].Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    });
  });

  describe('deposit batches', () => {
    const queueId = () => stack.getLogicalId(stack.depositBatches.queue.node.defaultChild as CfnElement);
    const deadLetterId = () => stack.getLogicalId(stack.depositBatches.deadLetterQueue.node.defaultChild as CfnElement);
    const sqsActions = (fn: Parameters<typeof statementsOf>[0]) =>
      statementsOf(fn)
        .filter((statement) => JSON.stringify(statement.Resource).includes(queueId()))
        .flatMap((statement) => [statement.Action].flat());

    it('go through an encrypted SQS queue, visible again after six worker timeouts, with a dead-letter queue', () => {
      const queue = resourcesOfType('AWS::SQS::Queue').find(([logicalId]) => logicalId === queueId())?.[1];
      expect(queue?.Properties).toMatchObject({
        SqsManagedSseEnabled: true,
        VisibilityTimeout: 360,
        RedrivePolicy: { maxReceiveCount: 5, deadLetterTargetArn: { 'Fn::GetAtt': [deadLetterId(), 'Arn'] } },
      });
      const worker = resourcesOfType('AWS::Lambda::Function').find(
        ([logicalId]) => logicalId === stack.getLogicalId(stack.depositBatches.worker.node.defaultChild as CfnElement),
      )?.[1];
      expect(worker?.Properties).toMatchObject({ Timeout: 60 });
      for (const id of [queueId(), deadLetterId()]) {
        const policy = resourcesOfType('AWS::SQS::QueuePolicy').find(([, resource]) =>
          JSON.stringify(resource.Properties['Queues']).includes(id),
        );
        expect(JSON.stringify(policy?.[1].Properties), id).toContain('aws:SecureTransport');
      }
    });

    it('are read by the worker through an event source that reports partial batch failures', () => {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        BatchSize: 1,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        EventSourceArn: { 'Fn::GetAtt': [queueId(), 'Arn'] },
        ScalingConfig: { MaximumConcurrency: 50 },
      });
      expect(sqsActions(stack.depositBatches.worker)).toEqual(expect.arrayContaining(['sqs:ReceiveMessage']));
    });

    it('may be sent only by the upload, the worker and the resume job, which know the queue by its URL', () => {
      const senders = [
        stack.functions.get('create-deposit-batch'),
        stack.jobFunctions.get('resume-deposit-batches'),
        stack.depositBatches.worker,
      ];
      for (const sender of senders) {
        expect(sqsActions(sender)).toContain('sqs:SendMessage');
        const properties = resourcesOfType('AWS::Lambda::Function').find(
          ([logicalId]) => logicalId === stack.getLogicalId(sender?.node.defaultChild as CfnElement),
        )?.[1].Properties as { Environment: { Variables: Record<string, unknown> } };
        expect(properties.Environment.Variables['DEPOSIT_BATCH_QUEUE_URL']).toEqual({ Ref: queueId() });
      }
      for (const [name, fn] of [...stack.functions, ...stack.jobFunctions]) {
        if (senders.includes(fn)) continue;
        expect(sqsActions(fn), name).toEqual([]);
      }
      expect(sqsActions(stack.functions.get('create-deposit-batch'))).not.toContain('sqs:ReceiveMessage');
    });

    it('raise an alarm when a message reaches the dead-letter queue', () => {
      const alarm = resourcesOfType('AWS::CloudWatch::Alarm').find(([, resource]) =>
        String(JSON.stringify(resource.Properties['Dimensions'])).includes(deadLetterId()),
      );
      expect(alarm?.[1].Properties).toMatchObject({
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
    });
  });

  it('has exactly the fixed monthly resources the cost model counts (test/bench/cost.ts)', () => {
    const acls = resourcesOfType('AWS::WAFv2::WebACL');
    expect(acls).toHaveLength(fixedResources.webAcls);
    expect(acls.flatMap(([, acl]) => acl.Properties['Rules'] as unknown[])).toHaveLength(fixedResources.wafRules);
    expect(resourcesOfType('AWS::CloudWatch::Alarm')).toHaveLength(fixedResources.alarms);
  });

  describe('AWS WAF on the API', () => {
    function webAcl(): CfnResource {
      const acls = resourcesOfType('AWS::WAFv2::WebACL');
      expect(acls).toHaveLength(1);
      return acls[0]![1];
    }

    it('is a regional web ACL with the common and known-bad-inputs rule groups, metrics and samples on', () => {
      const acl = webAcl();
      expect(acl.Properties).toMatchObject({
        Scope: 'REGIONAL',
        DefaultAction: { Allow: {} },
        VisibilityConfig: { CloudWatchMetricsEnabled: true, SampledRequestsEnabled: true },
      });
      const rules = acl.Properties.Rules as {
        Name: string;
        Statement: Record<string, unknown>;
        VisibilityConfig: unknown;
        OverrideAction?: unknown;
      }[];
      const managed = rules.filter((rule) => 'ManagedRuleGroupStatement' in rule.Statement);
      expect(managed.map((rule) => (rule.Statement.ManagedRuleGroupStatement as { Name: string }).Name)).toEqual([
        'AWSManagedRulesCommonRuleSet',
        'AWSManagedRulesKnownBadInputsRuleSet',
      ]);
      for (const rule of managed) {
        expect(rule.OverrideAction).toEqual({ None: {} });
        expect(rule.Statement.ManagedRuleGroupStatement).toMatchObject({ VendorName: 'AWS' });
      }
      for (const rule of rules) {
        expect(rule.VisibilityConfig, rule.Name).toMatchObject({
          CloudWatchMetricsEnabled: true,
          SampledRequestsEnabled: true,
        });
      }
      expect(managedRuleGroups.map((group) => group.name)).toEqual([
        'AWSManagedRulesCommonRuleSet',
        'AWSManagedRulesKnownBadInputsRuleSet',
      ]);
    });

    it(
      'rate-limits per viewer address through CloudFront and per connecting address otherwise, ' +
        'before the managed rules',
      () => {
        const rules = webAcl().Properties.Rules as {
          Name: string;
          Priority: number;
          Action?: unknown;
          Statement: { RateBasedStatement?: Record<string, unknown> };
        }[];
        const rateRules = rules.filter((rule) => rule.Statement.RateBasedStatement !== undefined);
        expect(rateRules).toHaveLength(2);
        const managedPriorities = rules
          .filter((rule) => rule.Statement.RateBasedStatement === undefined)
          .map((rule) => rule.Priority);
        for (const rule of rateRules) {
          expect(rule.Statement.RateBasedStatement).toMatchObject({
            Limit: rateLimitRequestsPerWindow,
            EvaluationWindowSec: rateLimitWindowSeconds,
          });
          expect(rule.Action).toMatchObject({ Block: { CustomResponse: { ResponseCode: 429 } } });
          expect(rule.Priority).toBeLessThan(Math.min(...managedPriorities));
        }
        const [viaCloudFront, direct] = rateRules.map((rule) => rule.Statement.RateBasedStatement!);
        expect(viaCloudFront).toMatchObject({
          AggregateKeyType: 'FORWARDED_IP',
          ForwardedIPConfig: { HeaderName: viewerIpHeader, FallbackBehavior: 'MATCH' },
          ScopeDownStatement: {
            ByteMatchStatement: {
              FieldToMatch: { SingleHeader: { Name: originVerifyHeader } },
              PositionalConstraint: 'EXACTLY',
            },
          },
        });
        expect(direct).toMatchObject({
          AggregateKeyType: 'IP',
          ScopeDownStatement: { NotStatement: { Statement: viaCloudFront?.ScopeDownStatement } },
        });
        // The shared secret is a Secrets Manager dynamic reference, never a literal in the template.
        const secretLogicalId = stack.getLogicalId(stack.originVerifySecret.node.defaultChild as CfnElement);
        expect(JSON.stringify(viaCloudFront?.ScopeDownStatement)).toContain(`{"Ref":"${secretLogicalId}"}`);
        expect(JSON.stringify(viaCloudFront?.ScopeDownStatement)).toContain('{{resolve:secretsmanager:');
      },
    );

    it('is associated with the prod stage', () => {
      const stageLogicalId = stack.getLogicalId(stack.api.deploymentStage.node.defaultChild as CfnElement);
      const aclLogicalId = resourcesOfType('AWS::WAFv2::WebACL')[0]?.[0];
      const associations = resourcesOfType('AWS::WAFv2::WebACLAssociation');
      expect(associations).toHaveLength(1);
      expect(associations[0]?.[1].Properties.WebACLArn).toEqual({ 'Fn::GetAtt': [aclLogicalId, 'Arn'] });
      expect(JSON.stringify(associations[0]?.[1].Properties.ResourceArn)).toContain(`{"Ref":"${stageLogicalId}"}`);
    });

    it('logs to an aws-waf-logs- log group, with tokens and the CloudFront secret redacted', () => {
      const configs = resourcesOfType('AWS::WAFv2::LoggingConfiguration');
      expect(configs).toHaveLength(1);
      const config = configs[0]![1].Properties;
      expect(config.RedactedFields).toEqual(
        expect.arrayContaining([
          { SingleHeader: { Name: 'authorization' } },
          { SingleHeader: { Name: originVerifyHeader } },
        ]),
      );
      const logGroupLogicalId = stack.getLogicalId(stack.firewall.logGroup.node.defaultChild as CfnElement);
      expect(JSON.stringify(config.LogDestinationConfigs)).toContain(`{"Ref":"${logGroupLogicalId}"}`);
      expect(JSON.stringify(config.LogDestinationConfigs)).not.toContain(':*');
      expect(String(resources[logGroupLogicalId]?.Properties.LogGroupName)).toMatch(/^aws-waf-logs-/);
    });
  });

  describe('the citizen token key', () => {
    it('only the authorizer may read it, from the SecureString its environment names', () => {
      const authorizer = resources[functionLogicalId(authorizerFunctionName)]?.Properties as {
        Environment: { Variables: Record<string, unknown> };
      };
      expect(authorizer.Environment.Variables.CITIZEN_TOKEN_DECRYPTION_KEY_PARAMETER).toBe(
        '/leerrekening/citizen-token-key',
      );
      const readsKey = (name: string) =>
        statementsOf(stack.functions.get(name)).some(
          (statement) =>
            [statement.Action].flat().includes('ssm:GetParameter') &&
            JSON.stringify(statement.Resource).includes('/leerrekening/citizen-token-key'),
        );
      expect(readsKey(authorizerFunctionName)).toBe(true);
      for (const route of routes) expect(readsKey(route.functionName), route.functionName).toBe(false);
    });
  });

  describe('the Parameters and Secrets Lambda Extension', () => {
    it('is a layer of exactly the functions that may read a parameter, and of no other', () => {
      let readersCount = 0;
      for (const [name, fn] of [...stack.functions, ...stack.jobFunctions]) {
        const properties = resources[stack.getLogicalId(fn.node.defaultChild as CfnFunction)]?.Properties as {
          Layers?: unknown[];
          Environment: { Variables: Record<string, unknown> };
        };
        const readsParameter = statementsOf(fn).some((statement) =>
          [statement.Action].flat().includes('ssm:GetParameter'),
        );
        expect(properties.Layers ?? [], name).toEqual(readsParameter ? [parametersExtensionLayerArn] : []);
        if (readsParameter) {
          readersCount += 1;
          expect(properties.Environment.Variables.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT, name).toBe('2773');
        }
      }
      expect(parametersExtensionLayerArn).toMatch(
        /^arn:aws:lambda:eu-central-1:\d{12}:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:\d+$/,
      );
      // The person-id secret and the citizen token key are read this way, so some functions carry it.
      expect(readersCount).toBeGreaterThan(1);
    });
  });

  describe('usage plans per business client', () => {
    const keyPrefix = usageIdentifierKeyPrefix('Leerrekening');

    it('takes the API key from the authorizer, which learns the key prefix from its environment', () => {
      template.hasResourceProperties('AWS::ApiGateway::RestApi', { ApiKeySourceType: 'AUTHORIZER' });
      const authorizer = resources[functionLogicalId(authorizerFunctionName)]?.Properties as {
        Environment: { Variables: Record<string, unknown> };
      };
      expect(authorizer.Environment.Variables.USAGE_IDENTIFIER_KEY_PREFIX).toBe(keyPrefix);
    });

    it('has one plan per tier in use, with throttle and a daily quota, on the prod stage', () => {
      const plans = resourcesOfType('AWS::ApiGateway::UsagePlan');
      expect(plans).toHaveLength(1);
      const stageLogicalId = stack.getLogicalId(stack.api.deploymentStage.node.defaultChild as CfnElement);
      expect(plans[0]?.[1].Properties).toMatchObject({
        UsagePlanName: 'leerrekening-standard',
        Throttle: {
          RateLimit: usageTiers.standard.rateLimitPerSecond,
          BurstLimit: usageTiers.standard.burstLimitRequests,
        },
        Quota: { Limit: usageTiers.standard.quotaPerDay, Period: 'DAY' },
        ApiStages: [expect.objectContaining({ Stage: { Ref: stageLogicalId } })],
      });
    });

    it("gives every configured client a key named after it, in its tier's plan", () => {
      const keys = resourcesOfType('AWS::ApiGateway::ApiKey');
      expect(keys.map(([, key]) => key.Properties.Value).sort()).toEqual(
        Object.keys(defaultBusinessClients)
          .map((clientId) => `${keyPrefix}${clientId}`)
          .sort(),
      );
      for (const [, key] of keys) {
        expect(key.Properties.Enabled).toBe(true);
        expect(String(key.Properties.Value).length).toBeGreaterThanOrEqual(20);
      }
      const planLogicalId = resourcesOfType('AWS::ApiGateway::UsagePlan')[0]?.[0];
      const planKeys = resourcesOfType('AWS::ApiGateway::UsagePlanKey');
      expect(planKeys).toHaveLength(keys.length);
      for (const [, planKey] of planKeys) {
        expect(planKey.Properties).toMatchObject({ KeyType: 'API_KEY', UsagePlanId: { Ref: planLogicalId } });
      }
    });

    it('requires the key on business-only routes, and not where a citizen or anyone may call', () => {
      for (const [, method] of resourcesOfType('AWS::ApiGateway::Method')) {
        const resourceId = method.Properties.ResourceId as { Ref?: string };
        const path = resourceId.Ref === undefined ? '/' : resourcePath(resourceId.Ref);
        const route = routes.find(
          (candidate) => candidate.path === path && candidate.method === method.Properties.HttpMethod,
        );
        const businessOnly = route !== undefined && route.roles.length > 0 && !route.roles.includes('citizen');
        expect(method.Properties.ApiKeyRequired === true, `${String(method.Properties.HttpMethod)} ${path}`).toBe(
          businessOnly,
        );
      }
    });

    it('reads the client list from context, as an object or JSON text, and refuses unknown tiers', () => {
      expect(parseBusinessClients(undefined)).toEqual(defaultBusinessClients);
      expect(parseBusinessClients({ 'acme-bv': 'bulk' })).toEqual({ 'acme-bv': 'bulk' });
      expect(parseBusinessClients('{"acme-bv":"standard"}')).toEqual({ 'acme-bv': 'standard' });
      expect(() => parseBusinessClients({ 'acme-bv': 'gold' })).toThrow(/tier/);
      expect(() => parseBusinessClients({ 'acme/bv': 'standard' })).toThrow(/client id/);
    });
  });

  describe('CORS', () => {
    const distributionOrigin = () => ({
      'Fn::Join': [
        '',
        [
          "'https://",
          { 'Fn::GetAtt': [stack.getLogicalId(stack.web.distribution.node.defaultChild as CfnElement), 'DomainName'] },
          "'",
        ],
      ],
    });

    it('answers preflight on exactly the citizen routes (/v1/me/*, /v1/courses), for the web origin only', () => {
      const options = resourcesOfType('AWS::ApiGateway::Method').filter(
        ([, method]) => method.Properties.HttpMethod === 'OPTIONS',
      );
      const paths = options
        .map(([, method]) => resourcePath((method.Properties.ResourceId as { Ref: string }).Ref))
        .sort();
      expect(paths).toEqual([...new Set(browserRoutes.map((route) => route.path))].sort());
      expect(paths.every((path) => path.startsWith('/v1/me/') || path === '/v1/courses')).toBe(true);
      for (const [, method] of options) {
        const path = resourcePath((method.Properties.ResourceId as { Ref: string }).Ref);
        const response = (
          method.Properties.Integration as { IntegrationResponses: { ResponseParameters: Record<string, unknown> }[] }
        ).IntegrationResponses[0]?.ResponseParameters;
        expect(response?.['method.response.header.Access-Control-Allow-Origin'], path).toEqual(distributionOrigin());
        expect(response?.['method.response.header.Access-Control-Allow-Headers'], path).toBe(
          `'${corsAllowedHeaders.join(',')}'`,
        );
        expect(response?.['method.response.header.Access-Control-Allow-Methods'], path).toBe(
          `'${browserRoutes
            .filter((route) => route.path === path)
            .map((route) => route.method)
            .join(',')}'`,
        );
        expect(response?.['method.response.header.Access-Control-Allow-Credentials'], path).toBeUndefined();
      }
      // A provider's POST /v1/courses is not offered to browsers.
      expect(browserRoutes.some((route) => route.path === '/v1/courses' && route.method === 'POST')).toBe(false);
    });

    it('never allows any origin', () => {
      expect(JSON.stringify(template.toJSON())).not.toMatch(/Access-Control-Allow-Origin":"'\*'/);
    });
  });

  describe('gateway responses', () => {
    it.each([
      'UNAUTHORIZED',
      'ACCESS_DENIED',
      'THROTTLED',
      'QUOTA_EXCEEDED',
      'INVALID_API_KEY',
      'WAF_FILTERED',
      'MISSING_AUTHENTICATION_TOKEN',
      'AUTHORIZER_FAILURE',
      'DEFAULT_4XX',
      'DEFAULT_5XX',
    ])('%s carries the security headers and the web origin', (responseType) => {
      const responses = resourcesOfType('AWS::ApiGateway::GatewayResponse').filter(
        ([, response]) => response.Properties.ResponseType === responseType,
      );
      expect(responses).toHaveLength(1);
      const parameters = responses[0]![1].Properties.ResponseParameters as Record<string, unknown>;
      for (const [name, value] of Object.entries(apiSecurityHeaders)) {
        expect(parameters[`gatewayresponse.header.${name}`], name).toBe(gatewayHeaderValue(value));
      }
      expect(parameters['gatewayresponse.header.Content-Security-Policy']).toBe(
        "'default-src \\'none\\'; frame-ancestors \\'none\\''",
      );
      expect(JSON.stringify(parameters['gatewayresponse.header.Access-Control-Allow-Origin'])).toContain(
        stack.getLogicalId(stack.web.distribution.node.defaultChild as CfnElement),
      );
      expect(parameters['gatewayresponse.header.Vary']).toBe("'Origin'");
    });
  });

  describe('the web app', () => {
    function distribution(): Record<string, unknown> {
      const distributions = resourcesOfType('AWS::CloudFront::Distribution');
      expect(distributions).toHaveLength(1);
      return distributions[0]![1].Properties.DistributionConfig as Record<string, unknown>;
    }
    function functionCode(logicalId: string): string {
      const fn = resources[logicalId];
      expect(fn?.Type).toBe('AWS::CloudFront::Function');
      return String(fn?.Properties.FunctionCode);
    }
    /** Runs a CloudFront Function's code on a viewer request, the way CloudFront would. */
    function runViewerRequest(
      code: string,
      request: { uri: string; headers: Record<string, { value: string }> },
      viewerIp = '203.0.113.7',
    ) {
      return runInNewContext(`${code}\nhandler(event);`, {
        event: { request, viewer: { ip: viewerIp } },
      }) as typeof request;
    }

    it(
      'lives in a private, encrypted, versioned, TLS-only, ' + 'logged bucket that only CloudFront reads, through OAC',
      () => {
        const bucketLogicalId = stack.getLogicalId(stack.web.bucket.node.defaultChild as CfnElement);
        const logsLogicalId = stack.getLogicalId(stack.accessLogBucket.node.defaultChild as CfnElement);
        expect(resources[bucketLogicalId]?.Properties).toMatchObject({
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
          },
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            BlockPublicPolicy: true,
            IgnorePublicAcls: true,
            RestrictPublicBuckets: true,
          },
          VersioningConfiguration: { Status: 'Enabled' },
          LoggingConfiguration: { DestinationBucketName: { Ref: logsLogicalId }, LogFilePrefix: 'web-bucket/' },
        });
        expect(resources[bucketLogicalId]?.Properties.WebsiteConfiguration).toBeUndefined();
        const policy = resourcesOfType('AWS::S3::BucketPolicy').find(
          ([, candidate]) => JSON.stringify(candidate.Properties.Bucket) === JSON.stringify({ Ref: bucketLogicalId }),
        )?.[1];
        const statements = (
          policy!.Properties.PolicyDocument as {
            Statement: { Effect: string; Principal: unknown; Condition?: unknown }[];
          }
        ).Statement;
        expect(JSON.stringify(statements)).toContain('"aws:SecureTransport":"false"');
        const allows = statements.filter((statement) => statement.Effect === 'Allow');
        expect(allows).toEqual([
          expect.objectContaining({
            Action: 's3:GetObject',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
          }),
        ]);
        template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
        template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
        const s3Origin = (
          distribution().Origins as { S3OriginConfig?: unknown; OriginAccessControlId?: unknown; DomainName: unknown }[]
        ).find((origin) => origin.S3OriginConfig !== undefined);
        expect(s3Origin).toMatchObject({
          OriginAccessControlId: expect.anything(),
          DomainName: { 'Fn::GetAtt': [bucketLogicalId, 'RegionalDomainName'] },
        });
      },
    );

    it(
      'is served by CloudFront over HTTPS, with index.html at the root, ' +
        'logged, and with the security headers policy',
      () => {
        const config = distribution();
        expect(config).toMatchObject({
          DefaultRootObject: 'index.html',
          Enabled: true,
          Logging: { Prefix: 'web-distribution/' },
          DefaultCacheBehavior: {
            ViewerProtocolPolicy: 'redirect-to-https',
            AllowedMethods: ['GET', 'HEAD'],
            ResponseHeadersPolicyId: { Ref: stack.getLogicalId(stack.web.webHeaders.node.defaultChild as CfnElement) },
          },
        });
        const policy = resources[stack.getLogicalId(stack.web.webHeaders.node.defaultChild as CfnElement)]?.Properties
          .ResponseHeadersPolicyConfig as { SecurityHeadersConfig: Record<string, Record<string, unknown>> };
        expect(policy.SecurityHeadersConfig).toMatchObject({
          StrictTransportSecurity: { AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true, Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ContentTypeOptions: { Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'no-referrer', Override: true },
        });
        const csp = String(policy.SecurityHeadersConfig.ContentSecurityPolicy?.ContentSecurityPolicy);
        expect(csp).toContain("default-src 'none'");
        expect(csp).toContain("script-src 'self'");
        expect(csp).toContain('upgrade-insecure-requests');
        expect(csp).toContain("connect-src 'self'");
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      },
    );

    it('routes app paths without a file extension to index.html, and leaves files and API errors alone', () => {
      const config = distribution();
      // No distribution-wide error pages: they would turn the API's own 403 and 404 into index.html.
      expect(config.CustomErrorResponses).toBeUndefined();
      const association = (
        config.DefaultCacheBehavior as {
          FunctionAssociations: { EventType: string; FunctionARN: { 'Fn::GetAtt': [string, string] } }[];
        }
      ).FunctionAssociations;
      expect(association).toHaveLength(1);
      expect(association[0]?.EventType).toBe('viewer-request');
      const code = functionCode(association[0]!.FunctionARN['Fn::GetAtt'][0]);
      for (const [uri, expected] of [
        ['/auth/callback', '/index.html'],
        ['/', '/index.html'],
        ['/claims/c-123', '/index.html'],
        ['/assets/index-D8w8qly7.js', '/assets/index-D8w8qly7.js'],
        ['/favicon.ico', '/favicon.ico'],
        // The business portal has an index.html of its own.
        ['/zakelijk', '/zakelijk/index.html'],
        ['/zakelijk/', '/zakelijk/index.html'],
        ['/zakelijk/auth/callback', '/zakelijk/index.html'],
        ['/zakelijk/claims/c-123', '/zakelijk/index.html'],
        ['/zakelijkheid', '/index.html'],
      ]) {
        expect(runViewerRequest(code, { uri: uri!, headers: {} }).uri, uri).toBe(expected);
      }
    });

    it('serves the business portal under /zakelijk/* from the same bucket, headers, CSP and routing as the app', () => {
      const config = distribution();
      // No behavior but the API's matches /zakelijk/*, so the portal gets the default one: the
      // citizen app's origin, HTTPS, caching, security headers policy (the same CSP without inline
      // scripts) and routing function, which serves the portal's index for its paths (tested above).
      const patterns = (config.CacheBehaviors as Record<string, unknown>[]).map((behavior) => behavior['PathPattern']);
      expect(patterns).toEqual([apiPathPattern]);
      const main = config.DefaultCacheBehavior as Record<string, unknown>;
      expect(main['ResponseHeadersPolicyId']).toEqual({
        Ref: stack.getLogicalId(stack.web.webHeaders.node.defaultChild as CfnElement),
      });
    });

    it(
      'forwards /v1/* to the API stage uncached, HTTPS only, ' +
        'with the viewer address CloudFront saw and the origin secret',
      () => {
        const config = distribution();
        const behaviors = config.CacheBehaviors as {
          PathPattern: string;
          TargetOriginId: string;
          ViewerProtocolPolicy: string;
          CachePolicyId: string;
          OriginRequestPolicyId: string;
          AllowedMethods: string[];
          FunctionAssociations: { FunctionARN: { 'Fn::GetAtt': [string, string] } }[];
        }[];
        expect(behaviors.map((behavior) => behavior.PathPattern)).toEqual([apiPathPattern]);
        const api = behaviors.find((behavior) => behavior.PathPattern === apiPathPattern)!;
        expect(api).toMatchObject({
          PathPattern: apiPathPattern,
          ViewerProtocolPolicy: 'https-only',
          CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
          OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
          ResponseHeadersPolicyId: { Ref: stack.getLogicalId(stack.web.apiHeaders.node.defaultChild as CfnElement) },
        });
        expect(api.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'POST', 'OPTIONS']));
        const origin = (
          config.Origins as {
            Id: string;
            OriginPath?: string;
            DomainName: unknown;
            CustomOriginConfig?: Record<string, unknown>;
            OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[];
          }[]
        ).find((candidate) => candidate.Id === api.TargetOriginId);
        const apiLogicalId = stack.getLogicalId(stack.api.node.defaultChild as CfnElement);
        expect(origin).toMatchObject({
          OriginPath: '/prod',
          CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
        });
        expect(JSON.stringify(origin?.DomainName)).toContain(`{"Ref":"${apiLogicalId}"}`);
        expect(JSON.stringify(origin?.DomainName)).toContain('.execute-api.');
        expect(origin?.OriginCustomHeaders).toEqual([
          { HeaderName: originVerifyHeader, HeaderValue: expect.objectContaining({ 'Fn::Join': expect.anything() }) },
        ]);
        expect(JSON.stringify(origin?.OriginCustomHeaders)).toContain('{{resolve:secretsmanager:');

        const code = functionCode(api.FunctionAssociations[0]!.FunctionARN['Fn::GetAtt'][0]);
        const forged = runViewerRequest(
          code,
          { uri: '/v1/me/account', headers: { [viewerIpHeader]: { value: '198.51.100.1' } } },
          '203.0.113.7',
        );
        expect(forged.headers[viewerIpHeader]).toEqual({ value: '203.0.113.7' });
        expect(forged.uri).toBe('/v1/me/account');

        const apiHeaders = resources[stack.getLogicalId(stack.web.apiHeaders.node.defaultChild as CfnElement)]
          ?.Properties.ResponseHeadersPolicyConfig as {
          SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: string; Override: boolean } };
        };
        expect(apiHeaders.SecurityHeadersConfig.ContentSecurityPolicy).toEqual({
          ContentSecurityPolicy: apiSecurityHeaders['Content-Security-Policy'],
          Override: false,
        });
      },
    );

    it('uploads the built app and refreshes CloudFront', () => {
      const deployments = resourcesOfType('Custom::CDKBucketDeployment');
      expect(deployments).toHaveLength(1);
      const bucketLogicalId = stack.getLogicalId(stack.web.bucket.node.defaultChild as CfnElement);
      expect(deployments[0]?.[1].Properties).toMatchObject({
        DestinationBucketName: { Ref: bucketLogicalId },
        Prune: true,
        DistributionPaths: ['/*'],
        SystemMetadata: { 'cache-control': 'no-cache' },
      });
    });
  });

  describe('outputs', () => {
    it('name the API, the web app, its bucket and distribution, and the web ACL', () => {
      const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
      expect(Object.keys(outputs)).toEqual(
        expect.arrayContaining([
          'ApiUrl',
          'TableName',
          'PayoutBucketName',
          'WebUrl',
          'WebBucketName',
          'WebDistributionId',
          'WebAclArn',
        ]),
      );
      expect(outputs.WebUrl?.Value).toEqual({
        'Fn::Join': [
          '',
          [
            'https://',
            {
              'Fn::GetAtt': [stack.getLogicalId(stack.web.distribution.node.defaultChild as CfnElement), 'DomainName'],
            },
          ],
        ],
      });
    });
  });

  describe('cdk-nag AwsSolutions', () => {
    it('finds nothing unacknowledged', () => {
      const report = new AwsSolutionsChecks().validateScope(stack);
      const findings = report.violations.map(
        (violation) =>
          `${violation.ruleName}: ${violation.violatingResources.map((resource) => resource.constructPath).join(', ')}`,
      );
      expect(findings).toEqual([]);
    });
  });
});

describe('WebHosting without a built app', () => {
  it('synthesizes without uploading anything, so a fresh clone synths offline', () => {
    const stack = new Stack(new App(), 'WebOnly');
    const api = new RestApi(stack, 'Api', { deploy: true });
    api.root.addMethod('GET', new MockIntegration());
    const web = new WebHosting(stack, 'Web', {
      api,
      stageName: 'prod',
      accessLogBucket: new Bucket(stack, 'Logs'),
      originVerifySecret: 'test-secret',
      appDirectory: join(tmpdir(), 'leerrekening-no-such-app'),
    });
    expect(web.deployment).toBeUndefined();
    const webTemplate = Template.fromStack(stack);
    webTemplate.resourceCountIs('Custom::CDKBucketDeployment', 0);
    webTemplate.resourceCountIs('AWS::CloudFront::Distribution', 1);
  });

  it('requires TLS 1.2 from browsers once a custom domain is configured', () => {
    const stack = new Stack(new App(), 'WebDomain', { env: { account: '123456789012', region: 'eu-west-1' } });
    const api = new RestApi(stack, 'Api');
    api.root.addMethod('GET', new MockIntegration());
    new WebHosting(stack, 'Web', {
      api,
      stageName: 'prod',
      accessLogBucket: new Bucket(stack, 'Logs'),
      originVerifySecret: 'test-secret',
      customDomain: {
        domainName: 'mijn.leerrekening.example',
        certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
      },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['mijn.leerrekening.example'],
        ViewerCertificate: Match.objectLike({ MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' }),
      }),
    });
  });
});

describe('the stack in a known account and region, as `cdk deploy` synthesizes it', () => {
  it(
    'passes cdk-nag: the web app upload grant names the bootstrap bucket with the real account and region',
    () => {
      const deployed = stackWithNag(
        'LeerrekeningDeployed',
        { webAppDirectory, env: { account: '123456789012', region: 'eu-west-1' } },
        // The functions' code is not what this checks: skip bundling them a second time.
        { 'aws:cdk:bundling-stacks': [] },
      );
      // An unacknowledged cdk-nag finding makes this throw.
      expect(() => Template.fromStack(deployed)).not.toThrow();
    },
    synthTimeoutMs,
  );
});

/**
 * The deployed shape, read from the synthesized template: what the route table promises is what
 * API Gateway serves, the table keeps the money safe, and every function gets only what it needs.
 * The app is built once, with real esbuild bundles of every handler and the context of cdk.json,
 * so this is the same synth `npx cdk synth` runs, cdk-nag included.
 */
import { readFileSync } from 'node:fs';
import { App, Validations, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { authorizerFunctionName, routes } from '../../functions/routes.ts';
import { LeerrekeningStack, scheduledJobs } from '../../infra/stack.ts';

/** Bundling eleven functions with esbuild takes a while on a busy machine. */
const synthTimeoutMs = 180_000;

interface CfnResource {
  readonly Type: string;
  readonly Properties: Record<string, unknown>;
}

let stack: LeerrekeningStack;
let template: Template;
let resources: Record<string, CfnResource>;

beforeAll(() => {
  const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  };
  const app = new App({ context: cdkJson.context });
  stack = new LeerrekeningStack(app, 'Leerrekening');
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  // Synthesizes the whole app; an unacknowledged cdk-nag finding makes this throw.
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources as Record<string, CfnResource>;
}, synthTimeoutMs);

function resourcesOfType(type: string): [string, CfnResource][] {
  return Object.entries(resources).filter(([, resource]) => resource.Type === type);
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
function statementsOf(fn: { role?: { node: { defaultChild?: unknown } } } | undefined): { Action: string | string[]; Resource: unknown }[] {
  const roleLogicalId = stack.getLogicalId(fn?.role?.node.defaultChild as CfnRole);
  return resourcesOfType('AWS::IAM::Policy')
    .filter(([, policy]) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: roleLogicalId }]))
    .flatMap(([, policy]) => (policy.Properties.PolicyDocument as { Statement: { Action: string | string[]; Resource: unknown }[] }).Statement);
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

    it('has no methods beyond the route table', () => {
      template.resourceCountIs('AWS::ApiGateway::Method', routes.length);
    });

    it('verifies tokens with the authorizer function, from the Authorization header, uncached', () => {
      template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
        Type: 'REQUEST',
        IdentitySource: 'method.request.header.Authorization',
        AuthorizerResultTtlInSeconds: 0,
      });
      const authorizer = resourcesOfType('AWS::ApiGateway::Authorizer')[0]?.[1];
      expect(JSON.stringify(authorizer?.Properties.AuthorizerUri)).toContain(`"${functionLogicalId(authorizerFunctionName)}"`);
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

    it.each(['DEFAULT_4XX', 'DEFAULT_5XX'])('answers %s with a problem document', (responseType) => {
      template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
        ResponseType: responseType,
        ResponseParameters: { 'gatewayresponse.header.Content-Type': "'application/problem+json'" },
      });
    });
  });

  describe('the functions', () => {
    it('are one per distinct route function plus the authorizer, and one per scheduled job', () => {
      const names = new Set([...routes.map((route) => route.functionName), authorizerFunctionName]);
      template.resourceCountIs('AWS::Lambda::Function', names.size + scheduledJobs.length);
      expect([...stack.functions.keys()].sort()).toEqual([...names].sort());
    });

    it('all run Node.js 22 on arm64 with active tracing', () => {
      for (const [, fn] of resourcesOfType('AWS::Lambda::Function')) {
        expect(fn.Properties).toMatchObject({
          Runtime: 'nodejs22.x',
          Architectures: ['arm64'],
          TracingConfig: { Mode: 'Active' },
        });
      }
    });

    it('may write the table only when they serve a POST route', () => {
      const writes = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
      for (const name of stack.functions.keys()) {
        const served = routes.filter((route) => route.functionName === name);
        const actions = dynamoActions(name);
        if (served.length > 0 && served.every((route) => route.roles.length === 0)) {
          expect(actions, name).toEqual([]);
        } else if (served.some((route) => route.method === 'POST')) {
          expect(actions, name).toEqual(expect.arrayContaining(writes));
        } else {
          expect(actions, name).toContain('dynamodb:Query');
          expect(actions.filter((action) => writes.includes(action)), name).toEqual([]);
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
      expect(rules[0]?.[1].Properties).toMatchObject({ ScheduleExpression: expression, State: 'ENABLED', Targets: [{ RetryPolicy: { MaximumRetryAttempts: 0 } }] });
    });

    it('are not behind the API, and may read and write the table', () => {
      const apiFunctions = new Set(Object.values(resources).filter((resource) => resource.Type === 'AWS::Lambda::Permission' && JSON.stringify(resource.Properties).includes('apigateway')).map((resource) => JSON.stringify(resource.Properties.FunctionName)));
      for (const job of scheduledJobs) {
        expect(apiFunctions.has(JSON.stringify({ 'Fn::GetAtt': [jobLogicalId(job.name), 'Arn'] })), job.name).toBe(false);
        const actions = statementsOf(stack.jobFunctions.get(job.name)).flatMap((statement) => [statement.Action].flat());
        expect(actions, job.name).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:PutItem']));
        expect(resources[jobLogicalId(job.name)]?.Properties).toMatchObject({ Handler: 'index.handler', Timeout: job.timeout.toSeconds() });
      }
    });

    it('gives only the payouts job the bucket, and only PutObject under payouts/', () => {
      const bucketLogicalId = stack.getLogicalId(stack.payoutBucket.node.defaultChild as CfnElement);
      for (const job of scheduledJobs) {
        const s3 = statementsOf(stack.jobFunctions.get(job.name)).filter((statement) => [statement.Action].flat().some((action) => action.startsWith('s3:')));
        if (job.name === 'payouts') {
          expect(s3).toEqual([expect.objectContaining({ Action: 's3:PutObject', Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketLogicalId, 'Arn'] }, '/payouts/*']] } })]);
          expect((resources[jobLogicalId(job.name)]?.Properties as { Environment: { Variables: Record<string, unknown> } }).Environment.Variables).toMatchObject({ PAYOUT_BUCKET: { Ref: bucketLogicalId } });
        } else {
          expect(s3, job.name).toEqual([]);
        }
      }
      for (const name of stack.functions.keys()) {
        expect(statementsOf(stack.functions.get(name)).flatMap((statement) => [statement.Action].flat()).filter((action) => action.startsWith('s3:')), name).toEqual([]);
      }
    });
  });

  describe('the payout bucket', () => {
    it('is private, encrypted, versioned, TLS-only, logged and retained', () => {
      const bucketLogicalId = stack.getLogicalId(stack.payoutBucket.node.defaultChild as CfnElement);
      const logsLogicalId = stack.getLogicalId(stack.accessLogBucket.node.defaultChild as CfnElement);
      template.hasResource('AWS::S3::Bucket', {
        Properties: Match.objectLike({
          BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
          PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
          VersioningConfiguration: { Status: 'Enabled' },
          LoggingConfiguration: { DestinationBucketName: { Ref: logsLogicalId }, LogFilePrefix: 'payout-bucket/' },
        }),
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
      expect(resources[bucketLogicalId]?.Type).toBe('AWS::S3::Bucket');
      const policies = resourcesOfType('AWS::S3::BucketPolicy').filter(([, policy]) => JSON.stringify(policy.Properties.Bucket) === JSON.stringify({ Ref: bucketLogicalId }));
      expect(JSON.stringify(policies[0]?.[1].Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    });
  });

  describe('cdk-nag AwsSolutions', () => {
    it('finds nothing unacknowledged', () => {
      const report = new AwsSolutionsChecks().validateScope(stack);
      const findings = report.violations.map(
        (violation) => `${violation.ruleName}: ${violation.violatingResources.map((resource) => resource.constructPath).join(', ')}`,
      );
      expect(findings).toEqual([]);
    });
  });
});

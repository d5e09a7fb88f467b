/**
 * The Leerrekening stack: the ledger table, one Lambda per route function plus the authorizer,
 * and the REST API that puts the route table of `functions/routes.ts` in front of them.
 *
 * The scheduled jobs (releasing reservations, expiring claims and pots, payouts) are one function
 * each with an EventBridge schedule; payouts write SEPA files to their own bucket.
 *
 * Planned parts (WAF, usage plans per business client, CloudFront for the web app) each get their
 * own private method next to the ones below, called from the constructor, so adding one does not
 * reshuffle the others.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import {
  AccessLogField,
  AccessLogFormat,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  RequestAuthorizer,
  ResponseType,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { IResource, Method } from 'aws-cdk-lib/aws-apigateway';
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { IStringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { authorizerFunctionName, routes } from '../functions/routes.ts';
import type { RouteDefinition } from '../functions/routes.ts';
import { tableDefinition } from '../shared/store/table-definition.ts';
import { ApiFunction } from './api-function.ts';
import type { TableAccess } from './api-function.ts';
import { acknowledgeNagFindings } from './nag-suppressions.ts';

/** Where the pseudonymisation key lives unless the deployment says otherwise. */
export const defaultPersonIdSecretParameterName = '/leerrekening/person-id-secret';

/** The API Gateway stage. Paths already carry the version (`/v1/...`), so the stage does not. */
export const stageName = 'prod';

/**
 * Steady-state requests per second and burst for every method of the stage. Usage plans will
 * narrow this per business client; this is the ceiling that protects the table meanwhile.
 */
const throttlingRateLimitPerSecond = 100;
const throttlingBurstLimitRequests = 200;

export interface LeerrekeningStackProps extends StackProps {
  /**
   * Name of the SecureString parameter with the pseudonymisation key. An operator creates it
   * (CloudFormation cannot create SecureStrings), so the stack only refers to it by name.
   */
  readonly personIdSecretParameterName?: string;
  /** Environment for the authorizer only, such as the issuers it trusts. */
  readonly authorizerEnvironment?: Readonly<Record<string, string>>;
  /**
   * The Leerrekening bank account that pays providers, named in every SEPA file. Left out, the
   * payouts job refuses to run (and says so in its log) until a deployment configures it.
   */
  readonly payer?: { readonly name: string; readonly iban: string; readonly bic?: string };
}

/** The scheduled jobs: handler folder under `functions/jobs/`, construct id, schedule, and timeout. */
export const scheduledJobs = [
  { name: 'release-expired-reservations', id: 'ReleaseExpiredReservationsJob', schedule: Schedule.rate(Duration.minutes(15)), timeout: Duration.minutes(5) },
  { name: 'expire-stale-claims', id: 'ExpireStaleClaimsJob', schedule: Schedule.rate(Duration.minutes(15)), timeout: Duration.minutes(5) },
  { name: 'expire-pots', id: 'ExpirePotsJob', schedule: Schedule.rate(Duration.minutes(15)), timeout: Duration.minutes(5) },
  // Once a day, at night, so the bank gets one file a day; 02:00 UTC is 03:00 or 04:00 in Amsterdam.
  { name: 'payouts', id: 'PayoutsJob', schedule: Schedule.cron({ minute: '0', hour: '2' }), timeout: Duration.minutes(10) },
] as const;

export type ScheduledJobName = (typeof scheduledJobs)[number]['name'];

export class LeerrekeningStack extends Stack {
  readonly table: TableV2;
  readonly api: RestApi;
  /** Every function by its folder name under `functions/`, the authorizer included. */
  readonly functions: ReadonlyMap<string, ApiFunction>;
  /** The methods anyone may call without a token. */
  readonly publicMethods: readonly Method[];
  /** Where the payouts job writes SEPA files. */
  readonly payoutBucket: Bucket;
  /** Receives the payout bucket's server access logs. */
  readonly accessLogBucket: Bucket;
  /** One function per scheduled job, by job name. */
  readonly jobFunctions: ReadonlyMap<ScheduledJobName, ApiFunction>;

  constructor(scope: Construct, id: string, props: LeerrekeningStackProps = {}) {
    super(scope, id, props);

    this.table = this.createTable();
    const personIdSecret = StringParameter.fromSecureStringParameterAttributes(this, 'PersonIdSecret', {
      parameterName: props.personIdSecretParameterName ?? defaultPersonIdSecretParameterName,
    });
    this.functions = this.createFunctions(personIdSecret, props.authorizerEnvironment ?? {});
    this.api = this.createApi();
    this.publicMethods = this.addRoutes();
    this.addProblemResponses();
    [this.payoutBucket, this.accessLogBucket] = this.createPayoutBucket();
    this.jobFunctions = this.createJobs(props.payer);

    // RestApi adds an `Endpoint` output with a generated name; one output under a stable name
    // is what scripts and the end-to-end tests read.
    this.api.node.tryRemoveChild('Endpoint');
    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the REST API stage' });
    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'The ledger table' });
    new CfnOutput(this, 'PayoutBucketName', { value: this.payoutBucket.bucketName, description: 'SEPA payout files (pain.001)' });

    acknowledgeNagFindings(this);
  }

  /** The single table of DESIGN.md "Storage". */
  private createTable(): TableV2 {
    return new TableV2(this, 'Table', {
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
      globalSecondaryIndexes: tableDefinition.globalSecondaryIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      })),
    });
  }

  /**
   * One function per distinct `functionName` in the route table, plus the authorizer. A
   * function's table access follows from its routes: any POST writes, GET-only reads, and the
   * public routes (health, OpenAPI document) get none.
   */
  private createFunctions(
    personIdSecret: IStringParameter,
    authorizerEnvironment: Readonly<Record<string, string>>,
  ): ReadonlyMap<string, ApiFunction> {
    const routesByFunction = new Map<string, RouteDefinition[]>();
    for (const route of routes) {
      routesByFunction.set(route.functionName, [...(routesByFunction.get(route.functionName) ?? []), route]);
    }

    const functions = new Map<string, ApiFunction>();
    for (const [name, functionRoutes] of routesByFunction) {
      const isPublic = functionRoutes.every((route) => route.roles.length === 0);
      functions.set(
        name,
        new ApiFunction(this, constructId(name), {
          name,
          table: this.table,
          tableAccess: tableAccessFor(functionRoutes),
          // Every function behind the authorizer may receive a BSN (deposits, employees, and
          // claims later), so each may read the key; public functions never see one.
          ...(isPublic ? {} : { personIdSecret }),
        }),
      );
    }

    // The authorizer reads the client registry from the table and turns a citizen's BSN claim
    // into a person id, so it reads the table and the key, and writes nothing.
    functions.set(
      authorizerFunctionName,
      new ApiFunction(this, constructId(authorizerFunctionName), {
        name: authorizerFunctionName,
        table: this.table,
        tableAccess: 'read',
        personIdSecret,
        environment: authorizerEnvironment,
      }),
    );
    return functions;
  }

  private createApi(): RestApi {
    const accessLogGroup = new LogGroup(this, 'ApiAccessLogs', {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    return new RestApi(this, 'Api', {
      restApiName: 'leerrekening',
      description: 'Leerrekening: personal learning accounts',
      // Regional, because CloudFront will sit in front of it; an edge-optimised API would put a
      // second, unmanaged distribution in between.
      endpointConfiguration: { types: [EndpointType.REGIONAL] },
      // Execution and access logging need the account-level CloudWatch role. It is shared by
      // every API in the account and region, so it outlives this stack.
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName,
        tracingEnabled: true,
        metricsEnabled: true,
        // Errors only, and never request or response bodies: those carry BSNs and amounts.
        loggingLevel: MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        throttlingRateLimit: throttlingRateLimitPerSecond,
        throttlingBurstLimit: throttlingBurstLimitRequests,
        accessLogDestination: new LogGroupLogDestination(accessLogGroup),
        // The standard fields without the caller's user or account, plus what explains a
        // refusal or a slow answer: the authorizer's error and the integration's latency.
        accessLogFormat: AccessLogFormat.custom(
          JSON.stringify({
            requestId: AccessLogField.contextRequestId(),
            extendedRequestId: AccessLogField.contextExtendedRequestId(),
            requestTime: AccessLogField.contextRequestTime(),
            ip: AccessLogField.contextIdentitySourceIp(),
            httpMethod: AccessLogField.contextHttpMethod(),
            resourcePath: AccessLogField.contextResourcePath(),
            status: AccessLogField.contextStatus(),
            protocol: AccessLogField.contextProtocol(),
            responseLength: AccessLogField.contextResponseLength(),
            responseLatency: AccessLogField.contextResponseLatency(),
            integrationLatency: AccessLogField.contextIntegrationLatency(),
            errorResponseType: AccessLogField.contextErrorResponseType(),
            authorizerError: AccessLogField.contextAuthorizerError(),
            xrayTraceId: AccessLogField.contextXrayTraceId(),
          }),
        ),
      },
    });
  }

  /**
   * Adds every route of the route table, building nested resources from the path. Returns the
   * public methods, which are the only ones without the authorizer.
   */
  private addRoutes(): Method[] {
    const authorizerFunction = this.functionNamed(authorizerFunctionName);
    const authorizer = new RequestAuthorizer(this, 'Authorizer', {
      handler: authorizerFunction,
      identitySources: ['method.request.header.Authorization'],
      // No caching. API Gateway would reuse a cached policy for every method the same token
      // calls, so the authorizer could not decide per route, and a client disabled in the
      // registry would keep access until the entry expired. Verifying a JWT against a JWKS
      // that the function caches at module scope costs a few milliseconds per request.
      resultsCacheTtl: Duration.seconds(0),
    });

    const publicMethods: Method[] = [];
    for (const route of routes) {
      const integration = new LambdaIntegration(this.functionNamed(route.functionName), {
        // One invoke permission per method instead of two: console test invocations bypass the
        // authorizer and are not how anyone should reach a ledger.
        allowTestInvoke: false,
      });
      const isPublic = route.roles.length === 0;
      const method = this.resourceFor(route.path).addMethod(
        route.method,
        integration,
        isPublic ? {} : { authorizer },
      );
      if (isPublic) {
        publicMethods.push(method);
      }
    }
    return publicMethods;
  }

  /** The resource for a path such as `/v1/me/account`, creating missing segments on the way. */
  private resourceFor(path: string): IResource {
    let resource: IResource = this.api.root;
    for (const part of path.split('/').filter((segment) => segment !== '')) {
      resource = resource.getResource(part) ?? resource.addResource(part);
    }
    return resource;
  }

  /**
   * Makes the answers API Gateway gives on its own (no token, denied, throttled, unknown route,
   * integration failure) RFC 9457 problem documents like the handlers' own, so clients parse
   * one error format. Details are fixed strings: nothing from the request is echoed back.
   */
  private addProblemResponses(): void {
    const problems: readonly ProblemResponse[] = [
      { type: ResponseType.UNAUTHORIZED, status: 401, title: 'Unauthorized', code: 'unauthorized', detail: 'A valid bearer token is required.' },
      { type: ResponseType.ACCESS_DENIED, status: 403, title: 'Forbidden', code: 'forbidden', detail: 'The token does not allow this request.' },
      // API Gateway answers an unknown route with 403 "Missing Authentication Token"; a 404 says
      // what actually happened.
      { type: ResponseType.MISSING_AUTHENTICATION_TOKEN, status: 404, title: 'Not Found', code: 'not_found', detail: 'No such route.' },
      { type: ResponseType.REQUEST_TOO_LARGE, status: 413, title: 'Content Too Large', code: 'request_too_large', detail: 'The request body is too large.' },
      { type: ResponseType.UNSUPPORTED_MEDIA_TYPE, status: 415, title: 'Unsupported Media Type', code: 'unsupported_media_type', detail: 'The request body must be JSON.' },
      { type: ResponseType.THROTTLED, status: 429, title: 'Too Many Requests', code: 'throttled', detail: 'Too many requests; retry later.' },
      { type: ResponseType.QUOTA_EXCEEDED, status: 429, title: 'Too Many Requests', code: 'quota_exceeded', detail: 'The usage quota is exhausted.' },
      { type: ResponseType.INTEGRATION_TIMEOUT, status: 504, title: 'Gateway Timeout', code: 'timeout', detail: 'The request took too long.' },
      // The default responses cover several status codes each, and API Gateway keeps the code
      // of the specific cause; the body therefore leaves `status` out (RFC 9457 makes it
      // advisory) rather than state a wrong one.
      { type: ResponseType.DEFAULT_4XX, title: 'Bad Request', code: 'bad_request', detail: 'The request was rejected.' },
      { type: ResponseType.DEFAULT_5XX, title: 'Internal Server Error', code: 'internal', detail: 'Something went wrong on our side.' },
    ];
    for (const problem of problems) {
      const body = {
        type: 'about:blank',
        title: problem.title,
        ...(problem.status === undefined ? {} : { status: problem.status }),
        detail: problem.detail,
        code: problem.code,
      };
      this.api.addGatewayResponse(problem.type.responseType, {
        type: problem.type,
        ...(problem.status === undefined ? {} : { statusCode: String(problem.status) }),
        responseHeaders: { 'Content-Type': "'application/problem+json'" },
        // API Gateway picks the template by the request's content type and falls back to the
        // `application/json` one, so this key serves every request.
        templates: { 'application/json': JSON.stringify(body) },
      });
    }
  }

  /**
   * The bucket for SEPA payout files: private, encrypted, TLS only, versioned (a file is evidence
   * of what the bank was asked to pay), retained with the stack, with server access logs in a
   * bucket of their own.
   */
  private createPayoutBucket(): [Bucket, Bucket] {
    const common = {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
    } as const;
    const accessLogs = new Bucket(this, 'AccessLogBucket', { ...common, objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED });
    const payouts = new Bucket(this, 'PayoutBucket', {
      ...common,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'payout-bucket/',
    });
    return [payouts, accessLogs];
  }

  /**
   * One function per scheduled job, each run by an EventBridge rule. Every job reads and writes
   * the table; only payouts may write to the payout bucket, and only new objects under
   * `payouts/`. No job gets the pseudonymisation key: no BSN passes through them.
   */
  private createJobs(payer: LeerrekeningStackProps['payer']): ReadonlyMap<ScheduledJobName, ApiFunction> {
    const jobs = new Map<ScheduledJobName, ApiFunction>();
    for (const job of scheduledJobs) {
      const isPayouts = job.name === 'payouts';
      const fn = new ApiFunction(this, job.id, {
        name: `jobs/${job.name}`,
        table: this.table,
        tableAccess: 'readWrite',
        invokedBy: 'schedule',
        timeout: job.timeout,
        ...(isPayouts && {
          environment: {
            PAYOUT_BUCKET: this.payoutBucket.bucketName,
            ...(payer !== undefined && { PAYER_NAME: payer.name, PAYER_IBAN: payer.iban, ...(payer.bic !== undefined && { PAYER_BIC: payer.bic }) }),
          },
        }),
      });
      if (isPayouts) {
        // PutObject only: the job creates files and never reads, lists, replaces or deletes them.
        fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:PutObject'], resources: [this.payoutBucket.arnForObjects('payouts/*')] }));
      }
      new Rule(this, `${job.id}Schedule`, {
        description: `Runs the ${job.name} job`,
        schedule: job.schedule,
        // A failed run is not retried by EventBridge: the next scheduled run takes what is left.
        targets: [new LambdaFunction(fn, { retryAttempts: 0 })],
      });
      jobs.set(job.name, fn);
    }
    return jobs;
  }

  private functionNamed(name: string): ApiFunction {
    const fn = this.functions.get(name);
    if (fn === undefined) {
      throw new Error(`No function ${name}`);
    }
    return fn;
  }
}

interface ProblemResponse {
  readonly type: ResponseType;
  /** Absent for the default responses, which keep the status of the specific cause. */
  readonly status?: number;
  readonly title: string;
  readonly code: string;
  readonly detail: string;
}

/** Writes only for functions with a POST route; everything else behind the authorizer reads. */
function tableAccessFor(functionRoutes: readonly RouteDefinition[]): TableAccess {
  if (functionRoutes.every((route) => route.roles.length === 0)) {
    return 'none';
  }
  return functionRoutes.some((route) => route.method === 'POST') ? 'readWrite' : 'read';
}

/** `create-scheme` becomes `CreateSchemeFunction`, a stable construct id. */
function constructId(name: string): string {
  const pascal = name
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
  return `${pascal}Function`;
}

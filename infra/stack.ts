/**
 * The Leerrekening stack: the ledger table, one Lambda per route function plus the authorizer,
 * and the REST API that puts the route table of `shared/api/routes.ts` in front of them.
 *
 * The scheduled jobs (releasing reservations, expiring claims and pots, payouts) are one function
 * each with an EventBridge schedule; payouts write SEPA files to their own bucket.
 *
 * In front of the API: AWS WAF on the stage (`api-firewall.ts`), usage plans per business client
 * (`usage-plans.ts`), and CloudFront (`web-hosting.ts`), which serves the web app from S3 and
 * the API under `/v1/*` on one origin. Each part has its own private method or construct.
 */

import type { StackProps } from 'aws-cdk-lib';
import { Annotations, CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { IResource, Method } from 'aws-cdk-lib/aws-apigateway';
import {
  AccessLogField,
  AccessLogFormat,
  ApiKeySourceType,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  RequestAuthorizer,
  ResponseType,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IStringParameter } from 'aws-cdk-lib/aws-ssm';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import type { RouteDefinition } from '../shared/api/routes.ts';
import { authorizerFunctionName, routes } from '../shared/api/routes.ts';
import { apiSecurityHeaders, corsAllowedHeaders, gatewayHeaderValue } from '../shared/http/security-headers.ts';
import { tableDefinition } from '../shared/store/table-definition.ts';
import { ApiFirewall } from './api-firewall.ts';
import type { TableAccess } from './api-function.ts';
import { ApiFunction, projectRoot } from './api-function.ts';
import { acknowledgeNagFindings } from './nag-suppressions.ts';
import type { BusinessClients } from './usage-plans.ts';
import { BusinessUsagePlans, defaultBusinessClients, usageIdentifierKeyPrefix } from './usage-plans.ts';
import { WebHosting } from './web-hosting.ts';

/** Where the pseudonymisation key lives unless the deployment says otherwise. */
export const defaultPersonIdSecretParameterName = '/leerrekening/person-id-secret';

/** The API Gateway stage. Paths already carry the version (`/v1/...`), so the stage does not. */
export const stageName = 'prod';

/**
 * Steady-state requests per second and burst for every method of the stage: the ceiling that
 * protects the table whoever calls. Usage plans narrow it per business client.
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
  /** Business client id to usage tier; defaults to the demo clients, all `standard`. */
  readonly businessClients?: BusinessClients;
  /**
   * The origin browsers load the web app from, the only one CORS allows. Defaults to the custom
   * domain, else the CloudFront distribution's own domain.
   */
  readonly webOrigin?: string;
  /** A custom domain for the distribution with its ACM certificate (us-east-1). */
  readonly webDomain?: { readonly domainName: string; readonly certificateArn: string };
  /**
   * The built web app to upload. Defaults to `web/dist`; when that has no `index.html` the
   * upload is left out (see `web-hosting.ts`).
   */
  readonly webAppDirectory?: string;
}

/**
 * The routes a browser calls: the web app is the citizen's, so every route a citizen may call
 * (their own data under `/v1/me/`, and `GET /v1/courses`). Business clients are servers and
 * need no CORS, so their routes get no preflight and other methods on a shared resource (such
 * as a provider's `POST /v1/courses`) are not offered to browsers.
 */
export const browserRoutes: readonly RouteDefinition[] = routes.filter((route) => route.roles.includes('citizen'));

/** How long a browser may reuse a preflight answer. */
const corsMaxAge = Duration.minutes(10);

/** Where `npm run build:web` puts the app. */
const defaultWebAppDirectory = `${projectRoot}web/dist`;

/** The scheduled jobs: handler folder under `functions/jobs/`, construct id, schedule, and timeout. */
export const scheduledJobs = [
  {
    name: 'release-expired-reservations',
    id: 'ReleaseExpiredReservationsJob',
    schedule: Schedule.rate(Duration.minutes(15)),
    timeout: Duration.minutes(5),
  },
  {
    name: 'expire-stale-claims',
    id: 'ExpireStaleClaimsJob',
    schedule: Schedule.rate(Duration.minutes(15)),
    timeout: Duration.minutes(5),
  },
  {
    name: 'expire-pots',
    id: 'ExpirePotsJob',
    schedule: Schedule.rate(Duration.minutes(15)),
    timeout: Duration.minutes(5),
  },
  // Once a day, at night, so the bank gets one file a day; 02:00 UTC is 03:00 or 04:00 in Amsterdam.
  {
    name: 'payouts',
    id: 'PayoutsJob',
    schedule: Schedule.cron({ minute: '0', hour: '2' }),
    timeout: Duration.minutes(10),
  },
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
  /** Receives the server access logs of the payout and web buckets and CloudFront's logs. */
  readonly accessLogBucket: Bucket;
  /** One function per scheduled job, by job name. */
  readonly jobFunctions: ReadonlyMap<ScheduledJobName, ApiFunction>;
  /** AWS WAF on the API stage. */
  readonly firewall: ApiFirewall;
  /** Marks requests that came through CloudFront, for the WAF rate rules. */
  readonly originVerifySecret: Secret;
  /** Usage plans and API keys per business client. */
  readonly usagePlans: BusinessUsagePlans;
  /** The web app's bucket and the CloudFront distribution in front of app and API. */
  readonly web: WebHosting;
  /** The one origin CORS allows. */
  readonly webOrigin: string;
  /** The CORS preflight methods, which take no token by design. */
  readonly corsPreflightMethods: readonly Method[];

  constructor(scope: Construct, id: string, props: LeerrekeningStackProps = {}) {
    super(scope, id, props);

    this.table = this.createTable();
    const personIdSecret = StringParameter.fromSecureStringParameterAttributes(this, 'PersonIdSecret', {
      parameterName: props.personIdSecretParameterName ?? defaultPersonIdSecretParameterName,
    });
    const keyPrefix = usageIdentifierKeyPrefix(this.stackName);
    this.functions = this.createFunctions(personIdSecret, {
      ...props.authorizerEnvironment,
      // The authorizer returns this + the client id as `usageIdentifierKey` (usage-plans.ts).
      USAGE_IDENTIFIER_KEY_PREFIX: keyPrefix,
    });
    this.api = this.createApi();
    this.publicMethods = this.addRoutes();
    [this.payoutBucket, this.accessLogBucket] = this.createPayoutBucket();
    this.jobFunctions = this.createJobs(props.payer);

    this.usagePlans = new BusinessUsagePlans(this, 'UsagePlans', {
      api: this.api,
      clients: props.businessClients ?? defaultBusinessClients,
      keyPrefix,
    });

    // CloudFront sends this with every API request it forwards, and WAF keys its rate rules on
    // it. Both read it through a dynamic reference, so the value is not in the template.
    this.originVerifySecret = new Secret(this, 'OriginVerifySecret', {
      description: 'Marks API requests forwarded by the Leerrekening CloudFront distribution (WAF rate rules)',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    const originVerifyValue = this.originVerifySecret.secretValue.unsafeUnwrap();
    this.firewall = new ApiFirewall(this, 'Firewall', {
      stage: this.api.deploymentStage,
      originVerifySecret: originVerifyValue,
    });

    const appDirectory = props.webAppDirectory ?? defaultWebAppDirectory;
    this.web = new WebHosting(this, 'Web', {
      api: this.api,
      stageName,
      accessLogBucket: this.accessLogBucket,
      originVerifySecret: originVerifyValue,
      appDirectory,
      ...(props.webDomain !== undefined && { customDomain: props.webDomain }),
      connectOrigins: originsOf(props.authorizerEnvironment?.CITIZEN_ISSUER),
    });
    if (this.web.deployment === undefined) {
      Annotations.of(this.web).addWarningV2(
        'leerrekening:web-app-not-built',
        `No built web app in ${appDirectory}: the stack deploys without uploading it. ` +
          'Run `npm run build:web` before `cdk deploy`.',
      );
    }
    this.webOrigin = props.webOrigin ?? this.web.url;
    this.corsPreflightMethods = this.addCorsPreflights();
    this.addProblemResponses();

    // RestApi adds an `Endpoint` output with a generated name; one output under a stable name
    // is what scripts and the end-to-end tests read.
    this.api.node.tryRemoveChild('Endpoint');
    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the REST API stage' });
    new CfnOutput(this, 'TableName', { value: this.table.tableName, description: 'The ledger table' });
    new CfnOutput(this, 'PayoutBucketName', {
      value: this.payoutBucket.bucketName,
      description: 'SEPA payout files (pain.001)',
    });
    new CfnOutput(this, 'WebUrl', {
      value: this.web.url,
      description: 'The web app; the API is also served under /v1 here',
    });
    new CfnOutput(this, 'WebBucketName', {
      value: this.web.bucket.bucketName,
      description: 'The built web app (web/dist)',
    });
    new CfnOutput(this, 'WebDistributionId', {
      value: this.web.distribution.distributionId,
      description: 'CloudFront distribution of the web app and API',
    });
    new CfnOutput(this, 'WebAclArn', {
      value: this.firewall.webAcl.attrArn,
      description: 'AWS WAF web ACL on the API stage',
    });

    acknowledgeNagFindings(this);
  }

  /** The single table (README, "Architecture"; key layout in `shared/store/table-definition.ts`). */
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
      // Regional, because CloudFront sits in front of it; an edge-optimised API would put a
      // second, unmanaged distribution in between.
      endpointConfiguration: { types: [EndpointType.REGIONAL] },
      // Callers never send API keys: the authorizer names the business client's usage key
      // (`usageIdentifierKey`), which selects its usage plan. See usage-plans.ts.
      apiKeySourceType: ApiKeySourceType.AUTHORIZER,
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
        isPublic ? {} : { authorizer, apiKeyRequired: isBusinessOnly(route) },
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
   * Answers browsers' CORS preflight (OPTIONS) on the resources they call, for the web app's
   * origin only: the app itself is same-origin through CloudFront and needs none, but another
   * origin (`webOrigin`) may host it. No wildcard, no credentials (tokens travel in a header).
   */
  private addCorsPreflights(): Method[] {
    const methodsByPath = new Map<string, string[]>();
    for (const route of browserRoutes) {
      methodsByPath.set(route.path, [...(methodsByPath.get(route.path) ?? []), route.method]);
    }
    return [...methodsByPath].map(([path, methods]) =>
      this.resourceFor(path).addCorsPreflight({
        allowOrigins: [this.webOrigin],
        allowHeaders: [...corsAllowedHeaders],
        allowMethods: methods,
        maxAge: corsMaxAge,
      }),
    );
  }

  /**
   * Makes the answers API Gateway gives on its own (no token, denied, throttled, unknown route,
   * integration failure) RFC 9457 problem documents like the handlers' own, so clients parse
   * one error format, with the handlers' security headers and the web app's CORS origin, so a
   * browser can read the error. Details are fixed strings: nothing from the request is echoed.
   */
  private addProblemResponses(): void {
    const problems: readonly ProblemResponse[] = [
      {
        type: ResponseType.UNAUTHORIZED,
        status: 401,
        title: 'Unauthorized',
        code: 'unauthorized',
        detail: 'A valid bearer token is required.',
      },
      {
        type: ResponseType.ACCESS_DENIED,
        status: 403,
        title: 'Forbidden',
        code: 'forbidden',
        detail: 'The token does not allow this request.',
      },
      // API Gateway answers an unknown route with 403 "Missing Authentication Token"; a 404 says
      // what actually happened.
      {
        type: ResponseType.MISSING_AUTHENTICATION_TOKEN,
        status: 404,
        title: 'Not Found',
        code: 'not_found',
        detail: 'No such route.',
      },
      {
        type: ResponseType.REQUEST_TOO_LARGE,
        status: 413,
        title: 'Content Too Large',
        code: 'request_too_large',
        detail: 'The request body is too large.',
      },
      {
        type: ResponseType.UNSUPPORTED_MEDIA_TYPE,
        status: 415,
        title: 'Unsupported Media Type',
        code: 'unsupported_media_type',
        detail: 'The request body must be JSON.',
      },
      {
        type: ResponseType.THROTTLED,
        status: 429,
        title: 'Too Many Requests',
        code: 'throttled',
        detail: 'Too many requests; retry later.',
      },
      {
        type: ResponseType.QUOTA_EXCEEDED,
        status: 429,
        title: 'Too Many Requests',
        code: 'quota_exceeded',
        detail: 'The usage quota is exhausted.',
      },
      // A business client without a usage plan key (not listed in `businessClients`).
      {
        type: ResponseType.INVALID_API_KEY,
        status: 403,
        title: 'Forbidden',
        code: 'no_usage_plan',
        detail: 'This client has no usage plan; ask the operator to add it.',
      },
      {
        type: ResponseType.WAF_FILTERED,
        status: 403,
        title: 'Forbidden',
        code: 'blocked',
        detail: 'The request was blocked by the firewall.',
      },
      {
        type: ResponseType.INTEGRATION_TIMEOUT,
        status: 504,
        title: 'Gateway Timeout',
        code: 'timeout',
        detail: 'The request took too long.',
      },
      // The default responses cover several status codes each, and API Gateway keeps the code
      // of the specific cause; the body therefore leaves `status` out (RFC 9457 makes it
      // advisory) rather than state a wrong one.
      {
        type: ResponseType.DEFAULT_4XX,
        title: 'Bad Request',
        code: 'bad_request',
        detail: 'The request was rejected.',
      },
      {
        type: ResponseType.DEFAULT_5XX,
        title: 'Internal Server Error',
        code: 'internal',
        detail: 'Something went wrong on our side.',
      },
    ];
    const headers: Record<string, string> = {
      'Content-Type': gatewayHeaderValue('application/problem+json'),
      ...Object.fromEntries(
        Object.entries(apiSecurityHeaders).map(([name, value]) => [name, gatewayHeaderValue(value)]),
      ),
      'Access-Control-Allow-Origin': gatewayHeaderValue(this.webOrigin),
      Vary: gatewayHeaderValue('Origin'),
    };
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
        responseHeaders: headers,
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
    const accessLogs = new Bucket(this, 'AccessLogBucket', {
      ...common,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
    });
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
            ...(payer !== undefined && {
              PAYER_NAME: payer.name,
              PAYER_IBAN: payer.iban,
              ...(payer.bic !== undefined && { PAYER_BIC: payer.bic }),
            }),
          },
        }),
      });
      if (isPayouts) {
        // PutObject only: the job creates files and never reads, lists, replaces or deletes them.
        fn.addToRolePolicy(
          new PolicyStatement({ actions: ['s3:PutObject'], resources: [this.payoutBucket.arnForObjects('payouts/*')] }),
        );
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

/**
 * True when only business clients may call the route: those methods require the client's usage
 * plan key. Routes a citizen may call (their own, course search) are throttled by the stage.
 */
function isBusinessOnly(route: RouteDefinition): boolean {
  return route.roles.length > 0 && !route.roles.includes('citizen');
}

/** The origin of a URL, as a list for CSP `connect-src`; nothing for an absent or bad URL. */
function originsOf(url: string | undefined): string[] {
  if (url === undefined || !URL.canParse(url)) {
    return [];
  }
  return [new URL(url).origin];
}

/**
 * Writes only for functions with a POST route or a GET route that notes the citizen's first
 * visit (`notesFirstVisit`); everything else behind the authorizer reads.
 */
function tableAccessFor(functionRoutes: readonly RouteDefinition[]): TableAccess {
  if (functionRoutes.every((route) => route.roles.length === 0)) {
    return 'none';
  }
  return functionRoutes.some((route) => route.method === 'POST' || route.notesFirstVisit === true)
    ? 'readWrite'
    : 'read';
}

/** `create-scheme` becomes `CreateSchemeFunction`, a stable construct id. */
function constructId(name: string): string {
  const pascal = name
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
  return `${pascal}Function`;
}

/**
 * The Leerrekening stack: the ledger table, one Lambda per route function plus the authorizer,
 * and the REST API that puts the route table of `shared/api/routes.ts` in front of them.
 *
 * The scheduled jobs (releasing reservations, expiring claims and pots, payouts) are one function
 * each with an EventBridge schedule; payouts write SEPA files to their own bucket.
 *
 * In front of the API: AWS WAF on the stage (`api-firewall.ts`), usage plans per business client
 * (`usage-plans.ts`), and CloudFront (`web-hosting.ts`), which serves the web app from S3 and
 * the API under `/v1/*` on one origin.
 *
 * Each concern has its own module, and this class composes them in a fixed order. The modules
 * create their resources directly in the stack, never in a construct of their own, because CDK
 * derives logical ids from construct paths: a new scope in between would rename, and so replace,
 * deployed resources such as the ledger table.
 */

import type { StackProps } from 'aws-cdk-lib';
import { Annotations, CfnOutput, Stack } from 'aws-cdk-lib';
import type { Method, RestApi } from 'aws-cdk-lib/aws-apigateway';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import type { PayerAccount } from '../shared/payouts/sepa-credit-transfer.ts';
import { ApiFirewall } from './api-firewall.ts';
import type { ApiFunction } from './api-function.ts';
import { projectRoot } from './api-function.ts';
import { addRoutes } from './api-routes.ts';
import { addCorsPreflights } from './cors-preflights.ts';
import { createDepositBatches, type DepositBatches } from './deposit-batches.ts';
import { addProblemResponses } from './gateway-problems.ts';
import { createLedgerTable } from './ledger-table.ts';
import { acknowledgeNagFindings } from './nag-suppressions.ts';
import { createPayoutBuckets } from './payout-bucket.ts';
import { createRestApi, stageName } from './rest-api.ts';
import { createRouteFunctions } from './route-functions.ts';
import type { ScheduledJobName } from './scheduled-jobs.ts';
import { createScheduledJobs } from './scheduled-jobs.ts';
import { createUsageAggregator, type UsageAggregator } from './usage-aggregator.ts';
import type { BusinessClients } from './usage-plans.ts';
import { BusinessUsagePlans, defaultBusinessClients, usageIdentifierKeyPrefix } from './usage-plans.ts';
import { WebHosting } from './web-hosting.ts';

/** Where the pseudonymisation key lives unless the deployment says otherwise. */
export const defaultPersonIdSecretParameterName = '/leerrekening/person-id-secret';

/**
 * Where the API's private key for citizen access tokens (a JWK) lives unless the deployment says
 * otherwise. The citizen issuer encrypts every citizen access token to its public half.
 */
export const defaultCitizenTokenKeyParameterName = '/leerrekening/citizen-token-key';

export interface LeerrekeningStackProps extends StackProps {
  /**
   * Name of the SecureString parameter with the pseudonymisation key. An operator creates it
   * (CloudFormation cannot create SecureStrings), so the stack only refers to it by name.
   */
  readonly personIdSecretParameterName?: string;
  /**
   * Name of the SecureString parameter with the API's private key (a JWK, EC P-256 or RSA) that
   * citizens' access tokens are encrypted to; created by an operator, like the person id key.
   */
  readonly citizenTokenKeyParameterName?: string;
  /** Environment for the authorizer only, such as the issuers it trusts. */
  readonly authorizerEnvironment?: Readonly<Record<string, string>>;
  /**
   * The Leerrekening bank account that pays providers, named in every SEPA file. Left out, the
   * payouts job refuses to run (and says so in its log) until a deployment configures it.
   */
  readonly payer?: PayerAccount;
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

/** Where `npm run build:web` puts the app. */
const defaultWebAppDirectory = `${projectRoot}web/dist`;

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
  /** The deposit batch queue, its dead-letter queue and its worker. */
  readonly depositBatches: DepositBatches;
  /** Counts the table's stream into the usage report's daily aggregates. */
  readonly usageAggregator: UsageAggregator;
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

    this.table = createLedgerTable(this);
    const personIdSecret = StringParameter.fromSecureStringParameterAttributes(this, 'PersonIdSecret', {
      parameterName: props.personIdSecretParameterName ?? defaultPersonIdSecretParameterName,
    });
    const citizenTokenKey = StringParameter.fromSecureStringParameterAttributes(this, 'CitizenTokenKey', {
      parameterName: props.citizenTokenKeyParameterName ?? defaultCitizenTokenKeyParameterName,
    });
    const keyPrefix = usageIdentifierKeyPrefix(this.stackName);
    this.functions = createRouteFunctions(this, {
      table: this.table,
      personIdSecret,
      citizenTokenKey,
      authorizerEnvironment: {
        ...props.authorizerEnvironment,
        // The authorizer returns this + the client id as `usageIdentifierKey` (usage-plans.ts).
        USAGE_IDENTIFIER_KEY_PREFIX: keyPrefix,
      },
    });
    this.api = createRestApi(this);
    this.publicMethods = addRoutes(this, this.api, this.functions);
    const buckets = createPayoutBuckets(this);
    this.payoutBucket = buckets.payoutBucket;
    this.accessLogBucket = buckets.accessLogBucket;
    this.jobFunctions = createScheduledJobs(this, {
      table: this.table,
      payoutBucket: this.payoutBucket,
      payer: props.payer,
    });
    this.usageAggregator = createUsageAggregator(this, { table: this.table });

    const uploader = this.functions.get('create-deposit-batch');
    const resumer = this.jobFunctions.get('resume-deposit-batches');
    if (uploader === undefined || resumer === undefined)
      throw new Error('stack: the deposit batch functions are missing');
    this.depositBatches = createDepositBatches(this, { table: this.table, senders: [uploader, resumer] });

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
      // The citizen app fetches the citizen issuer's discovery and token endpoints; the business
      // portal, when a portal client is configured, the business issuer's.
      connectOrigins: [
        ...originsOf(props.authorizerEnvironment?.CITIZEN_ISSUER),
        ...(props.authorizerEnvironment?.BUSINESS_PORTAL_CLIENT_ID === undefined
          ? []
          : originsOf(props.authorizerEnvironment?.BUSINESS_ISSUER)),
      ],
    });
    if (this.web.deployment === undefined) {
      Annotations.of(this.web).addWarningV2(
        'leerrekening:web-app-not-built',
        `No built web app in ${appDirectory}: the stack deploys without uploading it. ` +
          'Run `npm run build:web` before `cdk deploy`.',
      );
    }
    this.webOrigin = props.webOrigin ?? this.web.url;
    this.corsPreflightMethods = addCorsPreflights(this.api, this.webOrigin);
    addProblemResponses(this.api, this.webOrigin);

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
}

/** The origin of a URL, as a list for CSP `connect-src`; nothing for an absent or bad URL. */
function originsOf(url: string | undefined): string[] {
  if (url === undefined || !URL.canParse(url)) {
    return [];
  }
  return [new URL(url).origin];
}

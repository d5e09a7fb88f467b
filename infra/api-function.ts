/**
 * The one Lambda construct every API function uses. It owns the defaults (runtime, bundling,
 * logging, tracing, environment) and the grants, so a function differs from another only in
 * what it is allowed to touch, and that is stated where the function is declared.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, ParamsAndSecretsLayerVersion, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IStringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { apiFunctionTimeoutMs } from '../shared/runtime/deadlines.ts';

/** The repository root: bundling resolves entries, `tsconfig.json` and the lock file from here. */
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * What the bundler puts in place of the SDK's default credential chain: the environment only,
 * which is where Lambda puts the role's credentials (see the module). Absolute, so it does not
 * depend on the directory esbuild runs in.
 */
export const lambdaCredentialsModule = fileURLToPath(
  new URL('../shared/runtime/lambda-credentials.ts', import.meta.url),
);

/** What a function may do with the table. Anything not listed here it cannot do. */
export type TableAccess = 'none' | 'read' | 'readWrite';

/** The service name Powertools puts on every log line and metric. */
const serviceName = 'leerrekening';

/** The CloudWatch namespace the Powertools metrics of every function go to. */
export const metricsNamespace = 'Leerrekening';

/**
 * Memory per function (MB). Lambda gives CPU in proportion to memory, and 512 keeps cold starts of
 * an ESM bundle short.
 */
const memorySizeMb = 512;

/** Time a function may run (see `apiFunctionTimeoutMs`: the handlers answer a 503 just before it ends). */
const timeoutSeconds = apiFunctionTimeoutMs / 1_000;
const apiTimeoutSecondsMax = 29;

/**
 * The AWS Parameters and Secrets Lambda Extension for arm64 in eu-central-1, as AWS lists it in
 * "AWS Parameters and Secrets Lambda Extension ARNs" of the Systems Manager user guide, "Using
 * Parameter Store parameters in AWS Lambda functions"
 * (https://docs.aws.amazon.com/systems-manager/latest/userguide/ps-integration-lambda-extensions.html).
 * Functions that read a SecureString get it as a layer and ask it over localhost
 * (`shared/runtime/parameters-extension.ts`), so no bundle carries an SSM client. A layer is
 * regional: deploying to another region means taking that region's ARN from the same table.
 */
export const parametersExtensionLayerArn =
  'arn:aws:lambda:eu-central-1:187925254637:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:69';

/** Lambda's own ceiling, which bounds a scheduled job that nobody waits for. */
const scheduledTimeoutSecondsMax = 900;

/**
 * Gives an ESM bundle a `require`, because CommonJS dependencies bundled into it still call
 * `require` for Node built-ins. The import is renamed so it cannot clash with bundled code.
 */
const esmRequireShim =
  "import { createRequire as topLevelCreateRequire } from 'node:module'; " +
  'const require = topLevelCreateRequire(import.meta.url);';

export interface ApiFunctionProps {
  /** Folder under `functions/` whose `handler.ts` exports `handler`. */
  readonly name: string;
  /** The ledger table. */
  readonly table: ITableV2;
  /** What the function may do with the table; `none` also leaves out `TABLE_NAME`. */
  readonly tableAccess: TableAccess;
  /**
   * The SecureString holding the pseudonymisation key. Only functions that turn a BSN into a
   * person id get it; they may read this one parameter and nothing else in Parameter Store.
   */
  readonly personIdSecret?: IStringParameter;
  /** Other SecureStrings this function may read (GetParameter only), named in its own environment. */
  readonly readableParameters?: readonly IStringParameter[];
  /** Extra environment for this function only. */
  readonly environment?: Readonly<Record<string, string>>;
  /** Overrides the default timeout; never above the API Gateway limit for API functions. */
  readonly timeout?: Duration;
  /**
   * What invokes the function: the REST API (the default), a schedule, a queue or a stream. A
   * scheduled job or a queue's or stream's consumer is not bound by API Gateway's 29 seconds, only
   * by Lambda's 15 minutes.
   */
  readonly invokedBy?: 'api' | 'schedule' | 'queue' | 'stream';
}

/**
 * A Node.js 22 Lambda behind the REST API or run by a schedule, bundled locally with esbuild as an
 * ES module. `name` may name a nested folder (`jobs/payouts`).
 */
export class ApiFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    const entry = fileURLToPath(new URL(`../functions/${props.name}/handler.ts`, import.meta.url));
    // NodejsFunction would fail later with a less helpful message; name the missing file here.
    if (!existsSync(entry)) {
      throw new Error(`ApiFunction ${props.name}: no handler at ${entry}`);
    }
    const timeout = props.timeout ?? Duration.seconds(timeoutSeconds);
    const timeoutSecondsMax = (props.invokedBy ?? 'api') === 'api' ? apiTimeoutSecondsMax : scheduledTimeoutSecondsMax;
    if (timeout.toSeconds() > timeoutSecondsMax) {
      throw new Error(`ApiFunction ${props.name}: timeout above the limit of ${timeoutSecondsMax} s`);
    }

    // The function's own log group, so retention and removal are ours and not Lambda's default
    // of keeping logs forever. Retained on stack deletion because logs are audit evidence.
    const logGroup = new LogGroup(scope, `${id}LogGroup`, {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // An explicit role instead of the AWS-managed basic execution policy, which may write to any
    // log group in the account; this one may write only to the function's own log group.
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of the ${props.name} function`,
    });
    logGroup.grantWrite(role);

    const parameters = [
      ...(props.personIdSecret === undefined ? [] : [props.personIdSecret]),
      ...(props.readableParameters ?? []),
    ];

    super(scope, id, {
      entry,
      handler: 'handler',
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: memorySizeMb,
      timeout,
      role,
      logGroup,
      tracing: Tracing.ACTIVE,
      // Only functions that read a parameter carry the extension: it is a second process that
      // starts with every cold start. It reads with the function's role, granted below.
      ...(parameters.length > 0 && {
        paramsAndSecrets: ParamsAndSecretsLayerVersion.fromVersionArn(parametersExtensionLayerArn),
      }),
      projectRoot,
      depsLockFilePath: fileURLToPath(new URL('../package-lock.json', import.meta.url)),
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: serviceName,
        POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
        // The bundled SDK warns at start-up when the Node version nears its end of support.
        // The stack chooses the runtime, so in function logs the warning is noise, not news.
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ...(props.tableAccess === 'none' ? {} : { TABLE_NAME: props.table.tableName }),
        ...(props.personIdSecret === undefined
          ? {}
          : { PERSON_ID_SECRET_PARAMETER: props.personIdSecret.parameterName }),
        ...props.environment,
      },
      bundling: {
        // There is no Docker on build machines; the esbuild in node_modules is the one the
        // tests and the local server use, so the deployed bundle is built the same way.
        forceDockerBundling: false,
        format: OutputFormat.ESM,
        banner: esmRequireShim,
        // Prefer packages' ES module builds, which esbuild can tree-shake.
        mainFields: ['module', 'main'],
        target: 'node22',
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        // Stack traces need only the mappings; embedding the sources would double the asset.
        sourcesContent: false,
        // The AWS SDK is bundled, not taken from the runtime: the runtime's copy is whatever
        // version AWS installed last, while package-lock.json pins the one the tests ran
        // against. Bundling it keeps deployed behaviour identical to tested behaviour, and
        // tree-shaking keeps only the clients a function imports.
        bundleAwsSDK: true,
        externalModules: [],
        // The SDK's default credential chain (SSO, web identity, profiles, IMDS, and the STS, SSO
        // and sign-in clients they use) is never reached in Lambda, where the credentials are in
        // the environment; swapping it for an environment-only provider takes ~90 KiB off each bundle.
        esbuildArgs: { '--alias': `@aws-sdk/credential-provider-node=${lambdaCredentialsModule}` },
        // Two dozen bundles per synth: print problems, not every bundle's size.
        logLevel: LogLevel.WARNING,
      },
    });

    switch (props.tableAccess) {
      case 'none':
        break;
      case 'read':
        props.table.grantReadData(this);
        break;
      case 'readWrite':
        props.table.grantReadWriteData(this);
        break;
    }

    if (parameters.length > 0) {
      // Only GetParameter on these parameters: `grantRead` would add GetParameters,
      // GetParameterHistory and DescribeParameters, which no function uses. The default
      // `aws/ssm` key decrypts for any caller allowed to read the parameter, so no KMS grant.
      this.addToRolePolicy(
        new PolicyStatement({
          actions: ['ssm:GetParameter'],
          resources: parameters.map((parameter) => parameter.parameterArn),
        }),
      );
    }
  }
}

/**
 * The REST API itself: a regional API Gateway with its `prod` stage, throttling, tracing and
 * access logs. Its routes, CORS preflights and gateway responses are added by `api-routes.ts`,
 * `cors-preflights.ts` and `gateway-problems.ts`.
 */
import { RemovalPolicy, type Stack } from 'aws-cdk-lib';
import {
  AccessLogField,
  AccessLogFormat,
  ApiKeySourceType,
  EndpointType,
  LogGroupLogDestination,
  MethodLoggingLevel,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';

/** The API Gateway stage. Paths already carry the version (`/v1/...`), so the stage does not. */
export const stageName = 'prod';

/**
 * Steady-state requests per second and burst for every method of the stage: the ceiling that
 * protects the table whoever calls. Usage plans narrow it per business client.
 */
const throttlingRateLimitPerSecond = 100;
const throttlingBurstLimitRequests = 200;

/**
 * Creates the REST API (`Api`) and its access log group (`ApiAccessLogs`) directly in the stack,
 * so their logical ids stay those of the deployed stack.
 */
export function createRestApi(stack: Stack): RestApi {
  const accessLogGroup = new LogGroup(stack, 'ApiAccessLogs', {
    retention: RetentionDays.ONE_YEAR,
    removalPolicy: RemovalPolicy.RETAIN,
  });

  return new RestApi(stack, 'Api', {
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

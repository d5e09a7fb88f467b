/**
 * AWS WAF in front of the REST API stage: AWS's common and known-bad-input rule groups, and a
 * per-client-address rate limit, with every request's verdict logged (tokens redacted).
 *
 * The web app reaches the API through CloudFront (`/v1/*`), so for that traffic the address WAF
 * sees is a CloudFront edge's, shared by everyone behind that edge. Two rate rules therefore
 * split the traffic on a header only CloudFront can set (its value is a generated secret):
 * - through CloudFront: counted per viewer address, which a CloudFront Function writes into
 *   {@link viewerIpHeader}, overwriting anything the client sent;
 * - everything else (direct calls to execute-api): counted per connecting address.
 * Without the secret a direct caller could send any "viewer address" and pick its own bucket.
 */
import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { Stage } from 'aws-cdk-lib/aws-apigateway';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnLoggingConfiguration, CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import type { DeployedEdgeCode } from '../shared/http/problem.ts';

/**
 * Requests one client address may make in {@link rateLimitWindowSeconds} before WAF blocks it
 * for the rest of the window: 1000 per 5 minutes is 3.3 per second sustained, far above what a
 * person clicking through the app or a business client's batch (which usage plans throttle
 * anyway) needs, and low enough to stop a single address scraping or guessing.
 */
export const rateLimitRequestsPerWindow = 1000;

export const rateLimitWindowSeconds = 300;

/** The problem documents the firewall answers with itself; their codes are in the OpenAPI document. */
export const firewallProblems = {
  rateLimited: {
    type: 'about:blank',
    title: 'Too Many Requests',
    status: 429,
    detail: 'Too many requests from this address; retry later.',
    code: 'rate_limited' satisfies DeployedEdgeCode,
  },
} as const;

/** Set by CloudFront on every `/v1/*` request it forwards: the viewer's own address. */
export const viewerIpHeader = 'x-leerrekening-viewer-ip';

/** Set by CloudFront as an origin custom header: proves a request came through the distribution. */
export const originVerifyHeader = 'x-leerrekening-origin-verify';

/** AWS managed rule groups, in evaluation order after the rate rules. */
export const managedRuleGroups = [
  {
    name: 'AWSManagedRulesCommonRuleSet',
    // The API enforces its own 64 KB body limit and answers 413 with a problem document; this
    // rule's 8 KB limit would refuse large but valid courses and schemes with a bare 403. It
    // still counts (and logs) such requests.
    countOnly: ['SizeRestrictions_BODY'],
  },
  { name: 'AWSManagedRulesKnownBadInputsRuleSet', countOnly: [] },
] as const;

export interface ApiFirewallProps {
  /** The stage to protect. */
  readonly stage: Stage;
  /**
   * The value CloudFront sends in {@link originVerifyHeader}, usually a Secrets Manager dynamic
   * reference so the literal never appears in the template.
   */
  readonly originVerifySecret: string;
}

export class ApiFirewall extends Construct {
  readonly webAcl: CfnWebACL;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ApiFirewallProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const metricPrefix = `${stack.stackName}-api`;
    const visibility = (name: string): CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName: `${metricPrefix}-${name}`,
    });

    const viaCloudFront: CfnWebACL.StatementProperty = {
      byteMatchStatement: {
        fieldToMatch: { singleHeader: { Name: originVerifyHeader } },
        positionalConstraint: 'EXACTLY',
        searchString: props.originVerifySecret,
        textTransformations: [{ priority: 0, type: 'NONE' }],
      },
    };
    // The rate rules answer 429 with a problem document like the API's own, not a bare 403.
    const throttledBodyKey = 'throttled';
    const throttled: CfnWebACL.RuleActionProperty = {
      block: { customResponse: { responseCode: 429, customResponseBodyKey: throttledBodyKey } },
    };
    const rateLimit = (statement: Partial<CfnWebACL.RateBasedStatementProperty>): CfnWebACL.StatementProperty => ({
      rateBasedStatement: {
        limit: rateLimitRequestsPerWindow,
        evaluationWindowSec: rateLimitWindowSeconds,
        aggregateKeyType: 'IP',
        ...statement,
      },
    });

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      description: 'Leerrekening REST API: AWS managed rules and a per-address rate limit',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('web-acl'),
      customResponseBodies: {
        [throttledBodyKey]: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify(firewallProblems.rateLimited),
        },
      },
      rules: [
        {
          name: 'RateLimitPerViewerThroughCloudFront',
          priority: 0,
          action: throttled,
          statement: rateLimit({
            aggregateKeyType: 'FORWARDED_IP',
            // MATCH: a CloudFront request without a usable address still counts, in one bucket.
            forwardedIpConfig: { headerName: viewerIpHeader, fallbackBehavior: 'MATCH' },
            scopeDownStatement: viaCloudFront,
          }),
          visibilityConfig: visibility('rate-limit-viewer'),
        },
        {
          name: 'RateLimitPerAddressDirect',
          priority: 1,
          action: throttled,
          statement: rateLimit({ scopeDownStatement: { notStatement: { statement: viaCloudFront } } }),
          visibilityConfig: visibility('rate-limit-direct'),
        },
        ...managedRuleGroups.map(
          (group, index): CfnWebACL.RuleProperty => ({
            name: group.name,
            priority: 10 + index,
            overrideAction: { none: {} },
            statement: {
              managedRuleGroupStatement: {
                vendorName: 'AWS',
                name: group.name,
                ...(group.countOnly.length > 0 && {
                  ruleActionOverrides: group.countOnly.map((name) => ({ name, actionToUse: { count: {} } })),
                }),
              },
            },
            visibilityConfig: visibility(group.name),
          }),
        ),
      ],
    });

    new CfnWebACLAssociation(this, 'StageAssociation', {
      resourceArn: props.stage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });

    // WAF only logs to CloudWatch log groups whose name starts with `aws-waf-logs-`.
    this.logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `aws-waf-logs-${stack.stackName}-api`,
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      // WAF wants the log group's ARN without the `:*` suffix that `logGroupArn` carries.
      logDestinationConfigs: [
        stack.formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: this.logGroup.logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      // Bearer tokens and the CloudFront secret never reach the logs.
      redactedFields: [{ singleHeader: { Name: 'authorization' } }, { singleHeader: { Name: originVerifyHeader } }],
    });
  }
}

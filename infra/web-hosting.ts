/**
 * The citizen web app and the business portal (`/zakelijk/*`) on S3 + CloudFront, with the API
 * under `/v1/*` on the same distribution.
 *
 * One origin for app and API, because the app is built to call `<its own origin>/v1` (see
 * `web/src/config.ts`): no build-time API URL, no CORS preflight before every call, and a CSP
 * whose `connect-src` is just `'self'` (plus the login issuer). The REST API keeps its own URL
 * for business clients.
 *
 * Single-page routing (`/auth/callback`, `/history`, `/zakelijk/claims`, ...) is a CloudFront
 * Function on the apps' behaviors that serves `/index.html`, or `/zakelijk/index.html` below
 * `/zakelijk`, for any path without a file extension. Distribution-wide
 * custom error responses (403/404 → /index.html) would also rewrite the API's own 403 and 404
 * problem documents into a 200 HTML page, so they are not used.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import {
  apiSecurityHeaders,
  hstsMaxAgeSeconds,
  webContentSecurityPolicy,
  webSecurityHeaders,
} from '../shared/http/security-headers.ts';
import { portalPathPrefix } from '../shared/http/web-paths.ts';
import { originVerifyHeader, viewerIpHeader } from './api-firewall.ts';

/** Path pattern of the API on the distribution; every route in `shared/api/routes.ts` is under it. */
export const apiPathPattern = '/v1/*';

/** Written by `web/build.ts` to mark a finished build; not part of the app. */
const buildStampFile = '.build-stamp';

export interface WebHostingProps {
  readonly api: RestApi;
  readonly stageName: string;
  /** Receives the web bucket's server access logs and the distribution's standard logs. */
  readonly accessLogBucket: IBucket;
  /** Value of {@link originVerifyHeader} on every request CloudFront forwards to the API. */
  readonly originVerifySecret: string;
  /**
   * The built app (`web/dist`). When it has no `index.html` nothing is uploaded: synth, the
   * tests and `cdk diff` then work on a fresh clone without building the app, and a deploy
   * leaves whatever the bucket already serves. Build with `npm run build:web` before deploying.
   */
  readonly appDirectory?: string;
  /**
   * A custom domain (`mijn.leerrekening.nl`) with its ACM certificate, which must be in
   * us-east-1. Only with one can CloudFront require TLS 1.2 from browsers; the default
   * `*.cloudfront.net` certificate accepts TLS 1.0 and up.
   */
  readonly customDomain?: { readonly domainName: string; readonly certificateArn: string };
  /** Origins besides the app's own that the app fetches from, such as the login issuer. */
  readonly connectOrigins?: readonly string[];
}

export class WebHosting extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** `https://` + the custom domain or the distribution's own domain. */
  readonly url: string;
  /** Uploads the app; absent when no built app was found. */
  readonly deployment?: BucketDeployment;
  readonly webHeaders: ResponseHeadersPolicy;
  readonly apiHeaders: ResponseHeadersPolicy;
  /** True when browsers reach the app on a custom domain, which is what allows TLS 1.2+ only. */
  readonly hasCustomDomain: boolean;

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);
    const stack = Stack.of(this);

    // Private, versioned (a bad upload can be rolled back), TLS only, with access logs. Its
    // content is rebuilt from the repository, but it is retained like every bucket here.
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: 'web-bucket/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.webHeaders = new ResponseHeadersPolicy(this, 'WebHeaders', {
      comment: 'Leerrekening web app: HSTS, CSP without inline scripts, no framing, no sniffing, no referrer',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.seconds(hstsMaxAgeSeconds),
          includeSubdomains: true,
          override: true,
        },
        contentSecurityPolicy: {
          contentSecurityPolicy: webContentSecurityPolicy({
            connectOrigins: props.connectOrigins ?? [],
            upgradeInsecureRequests: true,
          }),
          override: true,
        },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          { header: 'Permissions-Policy', value: webSecurityHeaders['Permissions-Policy'], override: true },
          {
            header: 'Cross-Origin-Opener-Policy',
            value: webSecurityHeaders['Cross-Origin-Opener-Policy'],
            override: true,
          },
        ],
      },
    });
    // The handlers and gateway responses already set these; CloudFront adds them only where an
    // answer lacks them (a CloudFront error page), and never overrides the API's own.
    this.apiHeaders = new ResponseHeadersPolicy(this, 'ApiHeaders', {
      comment: 'Leerrekening API through CloudFront: the API security headers where the answer lacks them',
      securityHeadersBehavior: {
        strictTransportSecurity: {
          accessControlMaxAge: Duration.seconds(hstsMaxAgeSeconds),
          includeSubdomains: true,
          override: false,
        },
        contentSecurityPolicy: {
          contentSecurityPolicy: apiSecurityHeaders['Content-Security-Policy'],
          override: false,
        },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: false },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: false },
      },
      customHeadersBehavior: {
        customHeaders: [{ header: 'Cache-Control', value: apiSecurityHeaders['Cache-Control'], override: false }],
      },
    });

    const spaRouting = new CloudFrontFunction(this, 'SpaRouting', {
      comment: 'Serves the index.html of the citizen app or the portal for app routes (paths without a file extension)',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(`function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.lastIndexOf('.') <= uri.lastIndexOf('/')) {
    request.uri = uri === '${portalPathPrefix}' || uri.indexOf('${portalPathPrefix}/') === 0
      ? '${portalPathPrefix}/index.html'
      : '/index.html';
  }
  return request;
}`),
    });
    const viewerAddress = new CloudFrontFunction(this, 'ViewerAddress', {
      comment: 'Passes the viewer address to the API for the WAF rate limit, replacing any sent by the client',
      runtime: FunctionRuntime.JS_2_0,
      code: FunctionCode.fromInline(`function handler(event) {
  var request = event.request;
  request.headers['${viewerIpHeader}'] = { value: event.viewer.ip };
  return request;
}`),
    });

    // The stage by its parts, not `api.url`: the URL depends on the deployment, and the
    // deployment depends on CORS methods that name this distribution's domain.
    const apiOrigin = new HttpOrigin(`${props.api.restApiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
      originPath: `/${props.stageName}`,
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [OriginSslPolicy.TLS_V1_2],
      readTimeout: Duration.seconds(30),
      // CloudFront replaces a viewer header of the same name, so clients cannot forge it.
      customHeaders: { [originVerifyHeader]: props.originVerifySecret },
    });

    this.hasCustomDomain = props.customDomain !== undefined;
    const certificate =
      props.customDomain === undefined
        ? undefined
        : Certificate.fromCertificateArn(this, 'Certificate', props.customDomain.certificateArn);
    // The citizen app and the business portal (`/zakelijk/*`) alike, by the default behavior: one
    // bucket, one set of security headers, one CSP without inline scripts, and the routing function
    // above, which serves the portal's index for its paths. A behavior of its own would be a copy.
    const webBehavior = {
      origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: this.webHeaders,
      compress: true,
      functionAssociations: [{ eventType: FunctionEventType.VIEWER_REQUEST, function: spaRouting }],
    };
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Leerrekening web app, business portal and API',
      defaultRootObject: 'index.html',
      defaultBehavior: webBehavior,
      additionalBehaviors: {
        [apiPathPattern]: {
          origin: apiOrigin,
          // No redirect: a POST redirected to https would lose its body; plain HTTP gets a 403.
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          // Every answer is per caller; Host stays the execute-api host API Gateway expects.
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: this.apiHeaders,
          functionAssociations: [{ eventType: FunctionEventType.VIEWER_REQUEST, function: viewerAddress }],
        },
      },
      ...(props.customDomain !== undefined && certificate !== undefined
        ? {
            domainNames: [props.customDomain.domainName],
            certificate,
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Europe and North America: the users are in the Netherlands.
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: props.accessLogBucket,
      logFilePrefix: 'web-distribution/',
    });
    this.url = `https://${props.customDomain?.domainName ?? this.distribution.distributionDomainName}`;

    const appDirectory = props.appDirectory;
    if (appDirectory !== undefined && existsSync(join(appDirectory, 'index.html'))) {
      this.deployment = new BucketDeployment(this, 'Deployment', {
        sources: [Source.asset(appDirectory, { exclude: [buildStampFile] })],
        destinationBucket: this.bucket,
        // Browsers revalidate every file (a cheap 304 when unchanged), so a new index.html
        // and its new hashed assets take effect at once; CloudFront is invalidated below.
        cacheControl: [CacheControl.noCache()],
        prune: true,
        distribution: this.distribution,
        distributionPaths: ['/*'],
        memoryLimit: 512,
      });
    }
  }
}

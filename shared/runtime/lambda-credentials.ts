/**
 * The credential provider of the deployed functions' DynamoDB client, in place of the SDK's
 * default chain (`@aws-sdk/credential-provider-node`): the bundler swaps it in (`--alias`, see
 * `infra/api-function.ts`), while tests and the local server keep the SDK's own chain.
 *
 * Lambda always hands a function its execution role's credentials in `AWS_ACCESS_KEY_ID`,
 * `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`, the first place the default chain looks; the
 * rest of that chain (SSO, web identity, profiles, the instance metadata service, with the STS,
 * SSO and sign-in clients they bring) is never reached in Lambda, yet it was about 90 KiB of every
 * bundle.
 */

interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/**
 * The same shape as the SDK's `defaultProvider`: given the client's options, a function that
 * resolves the credentials. It reads the environment on each call, as the SDK's `fromEnv` does;
 * the client caches what it returns.
 */
export function defaultProvider(_init?: unknown): () => Promise<Credentials> {
  return async () => {
    const accessKeyId = process.env['AWS_ACCESS_KEY_ID'];
    const secretAccessKey = process.env['AWS_SECRET_ACCESS_KEY'];
    const sessionToken = process.env['AWS_SESSION_TOKEN'];
    if (accessKeyId === undefined || accessKeyId === '' || secretAccessKey === undefined || secretAccessKey === '') {
      throw new Error('No AWS credentials in the environment: Lambda sets AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
    }
    return { accessKeyId, secretAccessKey, ...(sessionToken !== undefined && sessionToken !== '' && { sessionToken }) };
  };
}

import { request } from 'node:http';

/**
 * Reads a SecureString through the AWS Parameters and Secrets Lambda Extension, a layer the stack
 * adds to every function that reads a parameter (`infra/api-function.ts`). The extension listens
 * on localhost and fetches the parameter with the function's own role, so the bundle needs no SSM
 * client: that client and the credential chain under it were the biggest part of every bundle.
 * See https://docs.aws.amazon.com/systems-manager/latest/userguide/ps-integration-lambda-extensions.html
 */

/** The extension's port unless `PARAMETERS_SECRETS_EXTENSION_HTTP_PORT` (its own setting) names another. */
export const parametersExtensionPortDefault = 2773;

/**
 * Bound on one request to the extension. It answers from its cache in a millisecond, and from
 * Parameter Store within its own timeout (1 s by default); a function that waits longer than this
 * has an extension that is not running, and the caller's retry (on the next request) is the cure.
 */
const parametersExtensionTimeoutMs = 3_000;

/** Bound on the answer's size: a parameter holds at most 8 KB (advanced tier), plus its metadata. */
const parametersExtensionResponseBytesMax = 64 * 1024;

/**
 * The decrypted value of the SecureString `name`, from the extension on this machine. The extension
 * requires the function's session token in `X-Aws-Parameters-Secrets-Token`, so no other process
 * can ask it for secrets. Throws, without quoting the value, when the extension refuses or answers
 * anything but a parameter with a value.
 */
export function parameterFromExtension(name: string): Promise<string> {
  const token = process.env['AWS_SESSION_TOKEN'];
  if (token === undefined || token === '') {
    return Promise.reject(new Error('AWS_SESSION_TOKEN is not set: the parameters extension needs it'));
  }
  const port = Number(process.env['PARAMETERS_SECRETS_EXTENSION_HTTP_PORT'] || parametersExtensionPortDefault);
  const path = `/systemsmanager/parameters/get?name=${encodeURIComponent(name)}&withDecryption=true`;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: 'localhost',
        port,
        path,
        method: 'GET',
        headers: { 'X-Aws-Parameters-Secrets-Token': token },
        timeout: parametersExtensionTimeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > parametersExtensionResponseBytesMax) {
            response.destroy(new Error(`parameters extension: the answer for ${name} is too large`));
            return;
          }
          chunks.push(chunk);
        });
        response.on('error', reject);
        response.on('end', () => {
          if (response.statusCode !== 200) {
            // The body may say why (an unknown parameter, a missing grant); it never holds the value.
            const reason = Buffer.concat(chunks).toString('utf8').slice(0, 200);
            reject(new Error(`parameters extension: ${name} answered ${response.statusCode}: ${reason}`));
            return;
          }
          let answer: unknown;
          try {
            answer = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            // JSON.parse's own message quotes the text, which could hold the secret.
            reject(new Error(`parameters extension: the answer for ${name} is not JSON`));
            return;
          }
          const value = (answer as { Parameter?: { Value?: unknown } } | null)?.Parameter?.Value;
          if (typeof value === 'string') resolve(value);
          else reject(new Error(`parameters extension: ${name} has no value`));
        });
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`parameters extension: no answer for ${name}`)));
    outgoing.on('error', reject);
    outgoing.end();
  });
}

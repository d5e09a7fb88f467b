import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultProvider } from '../../../shared/runtime/lambda-credentials.ts';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the Lambda credential provider (bundled in place of the SDK default chain)', () => {
  it('resolves the credentials Lambda puts in the environment, session token included', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
    vi.stubEnv('AWS_SESSION_TOKEN', 'token');
    expect(await defaultProvider()()).toEqual({
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'secret',
      sessionToken: 'token',
    });
  });

  it('leaves out an empty session token and refuses when the key or the secret is missing', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
    vi.stubEnv('AWS_SESSION_TOKEN', '');
    expect(await defaultProvider()()).toEqual({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' });
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', '');
    await expect(defaultProvider()()).rejects.toThrow('No AWS credentials in the environment');
  });

  it('fits where the DynamoDB client takes its default provider, as the bundler puts it there', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIDEXAMPLE');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
    vi.stubEnv('AWS_SESSION_TOKEN', 'token');
    const client = new DynamoDBClient({ region: 'eu-central-1', credentialDefaultProvider: defaultProvider });
    try {
      expect(await client.config.credentials()).toMatchObject({ accessKeyId: 'AKIDEXAMPLE', sessionToken: 'token' });
    } finally {
      client.destroy();
    }
  });
});

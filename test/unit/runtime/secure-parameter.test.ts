import { beforeEach, describe, expect, it, vi } from 'vitest';

const ssm = vi.hoisted(() => ({ clients: 0, sent: [] as string[], fail: new Set<string>() }));

vi.mock('@aws-sdk/client-ssm', () => ({
  SSMClient: class {
    constructor() {
      ssm.clients += 1;
    }
    async send(command: { input: { Name: string; WithDecryption: boolean } }) {
      ssm.sent.push(command.input.Name);
      expect(command.input.WithDecryption).toBe(true);
      if (ssm.fail.delete(command.input.Name)) throw new Error('SSM is unreachable');
      return { Parameter: { Value: `value of ${command.input.Name}` } };
    }
  },
  GetParameterCommand: class {
    constructor(readonly input: unknown) {}
  },
}));

beforeEach(() => {
  vi.resetModules();
  ssm.clients = 0;
  ssm.sent = [];
  ssm.fail.clear();
});

const load = () => import('../../../shared/runtime/environment.ts');

describe('secureParameter', () => {
  it('reads each parameter once, through one SSM client, and keeps it', async () => {
    const { secureParameter } = await load();
    const [secret, key] = await Promise.all([secureParameter('/a/secret'), secureParameter('/a/key')]);
    expect([secret, key]).toEqual(['value of /a/secret', 'value of /a/key']);
    expect(await secureParameter('/a/secret')).toBe('value of /a/secret');
    expect(ssm.sent).toEqual(['/a/secret', '/a/key']);
    expect(ssm.clients).toBe(1);
  });

  it('forgets a failed fetch, so the next call fetches again', async () => {
    const { secureParameter } = await load();
    ssm.fail.add('/a/secret');
    await expect(secureParameter('/a/secret')).rejects.toThrow('SSM is unreachable');
    expect(await secureParameter('/a/secret')).toBe('value of /a/secret');
    expect(ssm.sent).toEqual(['/a/secret', '/a/secret']);
  });
});

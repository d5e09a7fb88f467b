import { randomInt } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { JWK } from 'jose';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import { handler as usageAggregator } from '../../functions/usage-aggregator/handler.ts';
import { resumeDepositBatches } from '../../shared/application/deposit-batches.ts';
import { setLocalBatchQueue } from '../../shared/runtime/batch-queue-environment.ts';
import { logger } from '../../shared/runtime/logger.ts';
import { ensureTable } from '../../shared/store/create-table.ts';
import { DynamoLedgerStore } from '../../shared/store/dynamo/dynamo-store.ts';
import { FaultInjector, injectFaults, parseFaultRates } from '../../shared/store/dynamo/fault-injection.ts';
import { DynamoUsageStore } from '../../shared/store/dynamo/usage-store.ts';
import { dynamoClient } from '../../shared/store/dynamo-client.ts';
import { defaultTableName } from '../../shared/store/table-definition.ts';
import { isTransientFailure } from '../../shared/store/transient-failure.ts';
import { displayPath, localDataDirectory } from './data-directory.ts';
import { demoCitizens, demoClients, localAudience, localPersonIdSecret } from './demo-world.ts';
import { type SupervisedDynamoDbLocal, superviseDynamoDbLocal } from './dynamodb-local-supervisor.ts';
import { removeEndpointFile, writeEndpointFile } from './endpoint-file.ts';
import { describeJobSchedule, startJobTimers } from './jobs.ts';
import { LocalQueue } from './local-queue.ts';
import { createLocalOidc, type LocalOidc } from './oidc.ts';
import { accessTokenTtlSeconds, portalClientId } from './oidc-configuration.ts';
import { stopOrphanedDynamoDbLocal } from './orphaned-dynamodb-local.ts';
import { seedDemoWorld } from './seed.ts';
import { createLocalServer } from './server.ts';
import { startUsageStreamReader } from './usage-stream-reader.ts';
import { webApp } from './web-app.ts';

export interface LocalSystemOptions {
  /** Port to listen on; 0 picks a free one. */
  readonly port: number;
  /** Keep DynamoDB Local's data in memory only (a throwaway run). */
  readonly inMemory?: boolean;
  /** Where DynamoDB Local keeps its data when not in memory; `LEERREKENING_DATA_DIR`/dynamodb by default. */
  readonly dataDirectory?: string;
  /** Use an already running DynamoDB Local instead of starting one (tests share one). */
  readonly dynamoEndpoint?: string;
  readonly tableName?: string;
  /**
   * The OpenID Connect provider's private signing keys (RS256 JWKS); generated at start-up when
   * omitted. Tests pass their own to forge tokens.
   */
  readonly jwks?: { readonly keys: readonly JWK[] };
  /**
   * The API's private key (a JWK, EC P-256 or RSA) that citizens' access tokens are encrypted to;
   * generated at start-up when omitted. Tests pass their own to forge or look into citizen tokens.
   */
  readonly citizenTokenKey?: JWK;
  /**
   * Business clients the OpenID Connect provider knows besides the demo ones (their registry
   * entries are the caller's to add).
   */
  readonly extraBusinessClients?: ReadonlyArray<{ readonly clientId: string; readonly clientSecret: string }>;
  /**
   * How long the authorizer trusts a client record it read (`CLIENT_REGISTRY_CACHE_MS`); as deployed
   * (`clientRegistryCacheMsDefault`) when omitted. Tests that change the registry pass a short one.
   */
  readonly clientRegistryCacheMs?: number;
  /**
   * How long a batch message the worker did not finish stays invisible before it is delivered again;
   * 30 s when omitted. Tests of crashes pass a short one.
   */
  readonly batchVisibilityTimeoutMs?: number;
  /**
   * Run the usage aggregator on the table's stream (as deployed); on unless false. The fuzzer turns
   * it off so that no background reader draws from the injected faults and a seed replays exactly.
   */
  readonly usageStream?: boolean;
  /**
   * Called with one line when the DynamoDB Local this system started died and was started again on
   * the same data and port; logged to stdout when omitted.
   */
  readonly onDatabaseRestart?: (restarted: { readonly line: string; readonly pid: number }) => void;
  /**
   * Called when the DynamoDB Local this system started died and cannot be brought back (see
   * `superviseDynamoDbLocal`). When omitted, the error is logged and the process exits with code 1:
   * a system without its database could only answer errors.
   */
  readonly onDatabaseLost?: (error: Error) => void;
}

export interface LocalSystem {
  readonly origin: string;
  readonly issuer: string;
  readonly dynamoEndpoint: string;
  readonly tableName: string;
  /** The pid of the DynamoDB Local this system started (it changes when one is restarted); undefined when given one. */
  databasePid(): number | undefined;
  /** The deposit batch queue (SQS's stand-in), which the batch worker reads. */
  readonly batchQueue: LocalQueue;
  /**
   * Resolves once the stream reader has counted everything written before the call into the usage
   * aggregates, so a usage report asked for afterwards shows it (tests wait on this, not on time).
   */
  drainUsageStream(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the whole system on one machine: DynamoDB Local, the table, the OpenID Connect
 * provider, the demo world, and the API handlers behind one HTTP server. Used by `npm start` and
 * by the integration tests, so the tests run exactly what a developer runs.
 */
export async function startLocalSystem(options: LocalSystemOptions): Promise<LocalSystem> {
  let database: SupervisedDynamoDbLocal | undefined;
  let dynamoEndpoint = options.dynamoEndpoint;
  if (dynamoEndpoint === undefined) {
    const dataDirectory = options.dataDirectory ?? localDataDirectory;
    database = await superviseDynamoDbLocal({
      ...(options.inMemory !== true && { dataDirectory }),
      onRestart: options.onDatabaseRestart ?? ((restarted) => console.log(restarted.line)),
      onGiveUp:
        options.onDatabaseLost ??
        ((error) => {
          console.error(error.message);
          process.exit(1);
        }),
    });
    dynamoEndpoint = database.endpoint;
  }
  const tableName = options.tableName ?? defaultTableName;
  const client = dynamoClient(dynamoEndpoint);
  await ensureTable(client, tableName);

  // Set once everything the handlers need is in place: the environment, the demo world, the batch queue.
  let ready = false;
  let oidc: LocalOidc | undefined;
  const server = createLocalServer({
    oidc: {
      issuer: '',
      handle: (request, response) => {
        if (oidc === undefined) {
          response.writeHead(503).end();
          return;
        }
        oidc.handle(request, response);
      },
    },
    web: webApp,
    // While DynamoDB Local restarts, a clear 503 with Retry-After rather than a 500 from each handler.
    ready: () => ready && (database?.available() ?? true),
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://localhost:${port}`;
  const citizenTokenKey = options.citizenTokenKey ?? (await generateCitizenTokenKey());
  const { d: _private, ...citizenTokenPublicKey } = citizenTokenKey;
  oidc = await createLocalOidc({
    origin,
    audience: localAudience,
    businessClients: [
      ...demoClients.map(({ clientId, clientSecret }) => ({ clientId, clientSecret })),
      ...(options.extraBusinessClients ?? []),
    ],
    webRedirectUris: [`${origin}/auth/callback`],
    // The business portal logs in for any organisation the provider has a client for; the API
    // still checks each one in the client registry, as it does their client-credentials tokens.
    portal: {
      redirectUris: [`${origin}/zakelijk/auth/callback`],
      organisations: [
        ...demoClients.map(({ clientId, orgName }) => ({ clientId, name: orgName })),
        ...(options.extraBusinessClients ?? []).map(({ clientId }) => ({ clientId, name: clientId })),
      ],
    },
    citizenTokenEncryptionKey: citizenTokenPublicKey,
    ...(options.jwks !== undefined && { jwks: options.jwks }),
  });

  // The handlers read their configuration from the environment, as they do in Lambda.
  Object.assign(process.env, {
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: dynamoEndpoint,
    PERSON_ID_SECRET: localPersonIdSecret,
    CITIZEN_ISSUER: oidc.issuer,
    CITIZEN_AUDIENCE: localAudience,
    CITIZEN_JWKS_URI: `${oidc.issuer}/jwks`,
    BUSINESS_ISSUER: oidc.issuer,
    BUSINESS_AUDIENCE: localAudience,
    BUSINESS_JWKS_URI: `${oidc.issuer}/jwks`,
    BUSINESS_PORTAL_CLIENT_ID: portalClientId,
    CITIZEN_TOKEN_DECRYPTION_KEY: JSON.stringify(citizenTokenKey),
    // The provider's access token lifetime, plus a minute for clocks.
    ACCESS_TOKEN_LIFETIME_MAX_SECONDS: String(accessTokenTtlSeconds + 60),
    POWERTOOLS_LOG_LEVEL: process.env['POWERTOOLS_LOG_LEVEL'] ?? 'WARN',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...(options.clientRegistryCacheMs !== undefined && {
      CLIENT_REGISTRY_CACHE_MS: String(options.clientRegistryCacheMs),
    }),
  });

  const store = new DynamoLedgerStore({ client, tableName });
  await seedDemoWorld({
    store,
    personIdSecret: localPersonIdSecret,
    now: () => new Date(),
    randomInt: (n) => randomInt(n),
  });
  const batchQueue = await startBatchQueue(options.batchVisibilityTimeoutMs ?? localBatchVisibilityTimeoutMs);
  // Batches that were processing when the last run stopped resume by themselves.
  await resumeDepositBatches({ store, queue: batchQueue });

  // The usage aggregator as Lambda runs it on the table's stream; it reads the environment set above.
  const usageStream =
    options.usageStream === false
      ? undefined
      : startUsageStreamReader({
          endpoint: dynamoEndpoint,
          client,
          tableName,
          store: new DynamoUsageStore({ client, tableName }),
          handler: usageAggregator,
          now: () => new Date(),
          onError: (error) => {
            // While DynamoDB Local restarts, every round fails to connect: a line each, not a stack trace each.
            if (isTransientFailure(error)) {
              logger.warn('usage stream reader: the database did not answer; trying again', {
                reason: error instanceof Error ? error.message : String(error),
              });
              return;
            }
            logger.error('usage stream reader: round failed, trying again', {
              error: error instanceof Error ? error : String(error),
            });
          },
        });
  ready = true;

  return {
    origin,
    issuer: oidc.issuer,
    dynamoEndpoint,
    tableName,
    databasePid: () => database?.pid(),
    batchQueue,
    drainUsageStream: () => usageStream?.drain() ?? Promise.reject(new Error('the usage stream reader is off')),
    async stop() {
      batchQueue.stop();
      setLocalBatchQueue(undefined);
      await usageStream?.stop();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      client.destroy();
      await database?.stop();
    },
  };
}

/** How long a batch message in flight stays invisible locally (the deployed queue's is longer, see the stack). */
const localBatchVisibilityTimeoutMs = 30_000;

/**
 * The deposit batch queue as the local runtime runs it: the worker's Lambda handler on an
 * in-process queue with SQS's semantics, registered so the upload handler sends to it.
 */
async function startBatchQueue(visibilityTimeoutMs: number): Promise<LocalQueue> {
  const { handler } = await import('../../functions/deposit-batch-worker/handler.ts');
  const queue = new LocalQueue({
    consumer: handler,
    visibilityTimeoutMs,
    concurrency: 4,
    maxReceiveCount: 5,
    onDeadLetter: (message, receiveCount) =>
      console.error(`deposit batch ${message.batchId}: a message failed ${receiveCount} times and was set aside`),
  });
  setLocalBatchQueue(queue);
  return queue;
}

/** A fresh key pair for the API's citizen token encryption (ECDH-ES on P-256); the private half as a JWK. */
async function generateCitizenTokenKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'ECDH-ES', use: 'enc' };
}

function describe(system: LocalSystem, inMemory: boolean): string {
  const width = Math.max(...demoClients.map((client) => client.clientId.length));
  return [
    '',
    'Leerrekening runs locally.',
    '',
    `  Web app          ${system.origin}/`,
    `  Business portal  ${system.origin}/zakelijk/`,
    `  API              ${system.origin}/v1  (OpenAPI: ${system.origin}/v1/openapi.json)`,
    `  OpenID Connect   ${system.issuer}/.well-known/openid-configuration`,
    `  DynamoDB Local   ${system.dynamoEndpoint}  table ${system.tableName}` +
      (inMemory ? ' (in memory)' : ` (data kept in ${displayPath(localDataDirectory)})`),
    '',
    'Citizens log in on the local login page with their BSN:',
    ...demoCitizens.map((citizen) => `  ${citizen.name.padEnd(20)} BSN ${citizen.bsn}`),
    '',
    'In the business portal, sign in for an organisation with its client id (no secret needed there).',
    `Business clients (client credentials at ${system.issuer}/token):`,
    ...demoClients.map(
      (client) => `  ${client.clientId.padEnd(width)}  secret ${client.clientSecret.padEnd(27)} ${client.description}`,
    ),
    '',
    ...describeJobSchedule(),
    '',
    'Press Ctrl+C to stop.',
    '',
  ].join('\n');
}

/**
 * Fault injection for a run of `npm start`, as `FAULTS=conflict:0.1,throttle:0.05,lost-reply:0.02`
 * (and `FAULT_SEED` to repeat a run's faults): every DynamoDB request the handlers, jobs and
 * workers make may then fail as real DynamoDB fails. Off when `FAULTS` is unset or empty.
 */
function faultsFromEnvironment(): FaultInjector | undefined {
  const spec = process.env['FAULTS'] ?? '';
  if (spec.trim() === '') return undefined;
  const seedText = process.env['FAULT_SEED'];
  const seed = seedText === undefined ? randomInt(2 ** 31) : Number(seedText);
  if (!Number.isSafeInteger(seed)) throw new Error(`FAULT_SEED must be a whole number, got ${seedText}`);
  const injector = new FaultInjector(parseFaultRates(spec), seed);
  injectFaults(injector);
  return injector;
}

function describeFaults(injector: FaultInjector): string {
  const rates = Object.entries(injector.rates).map(([kind, rate]) => `${kind} ${Math.round((rate ?? 0) * 1000) / 10}%`);
  return `Injecting DynamoDB faults: ${rates.join(', ')} (FAULT_SEED=${injector.seed} repeats them).\n`;
}

/** How long `npm start` may take to stop before it exits regardless. */
const stopTimeoutMs = 15_000;

async function main(): Promise<void> {
  const inMemory = process.argv.includes('--in-memory');
  const port = Number(process.env['PORT'] ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`PORT must be a port number, got ${process.env['PORT']}`);
  const orphan = await stopOrphanedDynamoDbLocal();
  if (orphan.kind === 'running') throw new Error(orphan.message);
  if (orphan.kind === 'stopped') console.log(orphan.line);
  let system: LocalSystem | undefined;
  let stop: ((exitCode: number) => void) | undefined;
  // `npm run job` reads this to use our DynamoDB Local rather than start a second one on the same data,
  // and the next start reads the Java pid to stop a DynamoDB Local this run might leave behind.
  const recordEndpoint = (running: LocalSystem) =>
    writeEndpointFile({
      dynamoEndpoint: running.dynamoEndpoint,
      tableName: running.tableName,
      pid: process.pid,
      ...(running.databasePid() !== undefined && { dynamoPid: running.databasePid() }),
    });
  system = await startLocalSystem({
    port,
    inMemory,
    onDatabaseRestart: ({ line }) => {
      console.log(line);
      if (system !== undefined)
        recordEndpoint(system).catch((error: unknown) => console.error(`Could not update the endpoint file: ${error}`));
    },
    onDatabaseLost: (error) => {
      console.error(error.message);
      if (stop === undefined) process.exit(1);
      stop(1);
    },
  });
  await recordEndpoint(system);
  // After the demo world is seeded, so a start with faults on still starts.
  const faults = faultsFromEnvironment();
  // The jobs run here and not in startLocalSystem, so the tests decide themselves when jobs run.
  const jobs = startJobTimers((name, outcome) => {
    if (outcome instanceof Error) console.error(`${name} failed: ${outcome.message}`);
    else console.log(`${name}: ${JSON.stringify(outcome)}`);
  });
  console.log(describe(system, inMemory));
  const running = system;
  if (faults !== undefined) console.log(describeFaults(faults));
  let stopping = false;
  stop = (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    console.log('Stopping…');
    // A stop that hangs (a connection that will not close) must not keep a broken system half up.
    setTimeout(() => process.exit(exitCode === 0 ? 1 : exitCode), stopTimeoutMs).unref();
    jobs.stop();
    removeEndpointFile(process.pid)
      .then(() => running.stop())
      .then(
        () => process.exit(exitCode),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
  };
  const stopOnSignal = () => stop?.(0);
  process.on('SIGINT', stopOnSignal);
  process.on('SIGTERM', stopOnSignal);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

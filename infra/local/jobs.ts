import { join } from 'node:path';
import type { JobSummary } from '../../shared/application/job.ts';
import type { PayerAccount } from '../../shared/payouts/sepa-credit-transfer.ts';
import { displayPath, localDataRoot } from './data-directory.ts';

/**
 * The scheduled jobs as the local runtime runs them: the same Lambda handlers as in AWS, called on
 * a timer by `npm start` and once by `npm run job -- <name>`, configured through the environment
 * as Lambda configures them.
 */

/** The jobs, by the folder under `functions/jobs/` that holds each handler. */
export const jobNames = [
  'release-expired-reservations',
  'expire-stale-claims',
  'expire-pots',
  'resume-deposit-batches',
  'payouts',
] as const;
export type JobName = (typeof jobNames)[number];

/** True when `name` is one of {@link jobNames}. */
export function isJobName(name: string): name is JobName {
  return (jobNames as readonly string[]).includes(name);
}

/**
 * How often `npm start` runs each job. Releases and expiries every minute so a demo shows them
 * soon; payouts every ten minutes, where AWS runs them once a day (see `infra/scheduled-jobs.ts`).
 */
export const localJobIntervalsSeconds: Readonly<Record<JobName, number>> = {
  'release-expired-reservations': 60,
  'expire-stale-claims': 60,
  'expire-pots': 60,
  'resume-deposit-batches': 60,
  payouts: 600,
};

/** The account that pays providers in the demo world: a valid, made-up Dutch IBAN. */
export const localPayer: PayerAccount = {
  name: 'Stichting Leerrekening (demo)',
  iban: 'NL20INGB0001234567',
  bic: 'INGBNL2A',
};

/** Where local SEPA payout files go (git-ignored, like all of `.data/`, or under `LEERREKENING_DATA_DIR`). */
export const localPayoutDirectory = join(localDataRoot, 'payouts');

/** Sets what the payouts handler reads from its environment, unless the caller set it already. */
export function configureLocalJobs(): void {
  process.env['PAYOUT_DIRECTORY'] ??= localPayoutDirectory;
  process.env['PAYER_NAME'] ??= localPayer.name;
  process.env['PAYER_IBAN'] ??= localPayer.iban;
  process.env['PAYER_BIC'] ??= localPayer.bic;
}

/** Runs a job's Lambda handler once, with the environment as it is (`TABLE_NAME`, `DYNAMODB_ENDPOINT`, …). */
export async function runLocalJob(name: JobName): Promise<JobSummary> {
  configureLocalJobs();
  const module = (await import(`../../functions/jobs/${name}/handler.ts`)) as { handler: () => Promise<JobSummary> };
  return module.handler();
}

/** A line for the start-up banner that says when the jobs run. */
export function describeJobSchedule(): string[] {
  const minute = localJobIntervalsSeconds['release-expired-reservations'];
  return [
    'Scheduled jobs: release-expired-reservations, expire-stale-claims, expire-pots and resume-deposit-batches ' +
      `every ${minute} s;`,
    `payouts every ${localJobIntervalsSeconds.payouts / 60} min ` +
      `(SEPA files in ${displayPath(localPayoutDirectory)}/). Run one now: npm run job -- <name>`,
  ];
}

/**
 * Runs every job on its interval until stopped. A job never overlaps itself: a tick that finds
 * the previous run still busy is skipped. What a run did is reported when it did something.
 */
export function startJobTimers(report: (name: JobName, outcome: JobSummary | Error) => void): { stop(): void } {
  configureLocalJobs();
  const running = new Set<JobName>();
  const timers = jobNames.map((name) =>
    setInterval(() => {
      if (running.has(name)) return;
      running.add(name);
      runLocalJob(name)
        .then((summary) => {
          if (summary.processed + summary.skipped + summary.failed > 0) report(name, summary);
        })
        .catch((error: unknown) => report(name, error instanceof Error ? error : new Error(String(error))))
        .finally(() => running.delete(name));
    }, localJobIntervalsSeconds[name] * 1_000),
  );
  // The timers must not keep a stopping process alive.
  for (const timer of timers) timer.unref();
  return {
    stop() {
      for (const timer of timers) clearInterval(timer);
    },
  };
}

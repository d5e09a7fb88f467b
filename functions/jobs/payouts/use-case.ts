import { createHash } from 'node:crypto';
import { auditRecord, jobActor } from '../../../shared/application/audit.ts';
import type { UseCaseDependencies } from '../../../shared/application/dependencies.ts';
import { type JobOptions, type JobSummary, retryLostRaces } from '../../../shared/application/job.ts';
import { backoff } from '../../../shared/application/retry.ts';
import type { Claim } from '../../../shared/ledger/claim.ts';
import { dateOf } from '../../../shared/ledger/dates.ts';
import { limits } from '../../../shared/ledger/limits.ts';
import {
  assertPayoutBalanced,
  type PayoutFile,
  payoutFileEntry,
  planPayout,
  planPayoutFile,
} from '../../../shared/ledger/payout.ts';
import { type Payout, type Provider, payableAt } from '../../../shared/ledger/provider.ts';
import { type PayoutFileStore, payoutFileName } from '../../../shared/payouts/payout-file-store.ts';
import {
  creditTransferProblem,
  type PayerAccount,
  renderPain001,
} from '../../../shared/payouts/sepa-credit-transfer.ts';
import type { ClaimStore, PayoutStore, ProviderStore } from '../../../shared/store/ledger-store.ts';

/** What a payouts run reads and writes: captured claims, providers, payables, payouts and their files. */
export type PayoutStores = PayoutStore &
  Pick<ClaimStore, 'getClaim' | 'listClaimsDue'> &
  Pick<ProviderStore, 'getProvider'>;

export interface PayoutDependencies extends UseCaseDependencies<PayoutStores, 'now'> {
  readonly payoutFiles: PayoutFileStore;
  /** The Leerrekening account that pays. */
  readonly payer: PayerAccount;
}

export interface PayoutOptions extends JobOptions {
  /** Claims per payout; `limits.claimsPerPayoutMax` unless a test needs several payouts from few claims. */
  readonly claimsPerPayout?: number;
}

/** A payout that cannot go into a SEPA file as it stands, and so is kept out of every file. */
export interface HeldPayout {
  readonly payoutId: string;
  readonly providerId: string;
  /** What is wrong with it (no BSN can be in it: a payout names a provider, its IBAN and claim ids). */
  readonly problem: string;
}

/**
 * What a payouts run did: claims counted as in every job, plus the payouts made and the files
 * written, and what needs an operator. Held payouts and stuck files also count in `failed`, so the
 * job logs them as failures, `npm run job` exits non-zero, and the CloudWatch alarm on the job's
 * failures goes off (see `infra/scheduled-jobs.ts`).
 */
export interface PayoutSummary extends JobSummary {
  /** Payouts this run made. */
  payouts: number;
  /** Names of the files this run wrote or found already written by a concurrent run. */
  files: string[];
  /** Payouts made but kept out of files, each run again until they can be filed: claims paid, money not sent. */
  held: HeldPayout[];
  /** Ids of recorded files that could not be written this run; the next run tries again. */
  stuckFiles: string[];
  /**
   * Providers whose payouts wait because their IBAN changed recently, and until when; their claims
   * stay captured. Expected, so not a failure: the change itself is in the audit trail.
   */
  ibanHolds: { providerId: string; until: string }[];
}

/**
 * Pays providers for their captured claims, in two steps that can each be repeated safely.
 *
 * 1. Payouts. Captured claims are grouped per provider, at most `claimsPerPayout` per payout. Each
 *    payout is one transaction: the payout record, every claim to `paid` only while it is still
 *    `captured`, and the provider's payable down by the same amount. A claim is therefore in at
 *    most one payout however many runs race or crash, and a claim not yet paid stays `captured`
 *    and on the work list for the next run. The payout id derives from its provider and claims.
 * 2. Files. Payouts not yet in a file are recorded in a file record first (one transaction that
 *    also stamps the file id on each payout, only while none has one), then the pain.001 file is
 *    rendered from that record alone and created if absent, then the record is marked written.
 *    A run that crashes between those steps leaves a record that the next run writes: every
 *    payout ends up in exactly one file, and a file once written is never changed.
 *
 * Payouts to a suspended provider wait: its claims stay captured until it is active again. So do
 * payouts to a provider whose IBAN changed less than `limits.ibanChangeHoldHours` ago (`ibanHolds`).
 */
export async function runPayouts(
  dependencies: PayoutDependencies,
  options: PayoutOptions = {},
): Promise<PayoutSummary> {
  const summary: PayoutSummary = {
    processed: 0,
    skipped: 0,
    failed: 0,
    payouts: 0,
    files: [],
    held: [],
    stuckFiles: [],
    ibanHolds: [],
  };
  const made = await makePayouts(dependencies, options, summary);
  await fileWrittenRecords(dependencies, options, summary);
  await filePayouts(dependencies, options, summary, made);
  return summary;
}

async function makePayouts(
  dependencies: PayoutDependencies,
  options: PayoutOptions,
  summary: PayoutSummary,
): Promise<Payout[]> {
  const { store } = dependencies;
  const now = dependencies.now();
  const at = now.toISOString();
  const claimsPerPayout = Math.min(options.claimsPerPayout ?? limits.claimsPerPayoutMax, limits.claimsPerPayoutMax);
  const made: Payout[] = [];
  const seen = new Set<string>();
  for (let batch = 1; batch <= limits.jobBatchesPerRunMax; batch += 1) {
    // Captured claims are listed by capture time; every one captured before this run is due.
    const fresh = (await store.listClaimsDue('captured', at, limits.jobBatchSizeMax)).filter(
      (claim) => !seen.has(claim.claimId),
    );
    if (fresh.length === 0) break;
    for (const claim of fresh) seen.add(claim.claimId);
    for (const [providerId, claimIds] of groupByProvider(fresh)) {
      for (let start = 0; start < claimIds.length; start += claimsPerPayout) {
        const chunk = claimIds.slice(start, start + claimsPerPayout);
        try {
          const paid = await payOut(dependencies, providerId, chunk, now, summary);
          if (paid !== undefined) {
            made.push(paid);
            summary.payouts += 1;
          }
          const paidCount = paid?.claimIds.length ?? 0;
          summary.processed += paidCount;
          summary.skipped += chunk.length - paidCount;
        } catch (error) {
          summary.failed += chunk.length;
          options.onFailure?.('payouts', `${providerId}: ${chunk.join(', ')}`, error);
        }
      }
    }
  }
  return made;
}

/**
 * Pays those of `claimIds` that are still captured, or returns undefined when none is (or the
 * provider is suspended). The claims, the payout and its audit entry are all stamped `now`.
 */
async function payOut(
  dependencies: PayoutDependencies,
  providerId: string,
  claimIds: readonly string[],
  now: Date,
  summary: PayoutSummary,
): Promise<Payout | undefined> {
  const { store } = dependencies;
  let made: Payout | undefined;
  await retryLostRaces(async () => {
    const provider = await store.getProvider(providerId);
    if (provider === undefined)
      throw new Error(`payouts: captured claims name provider ${providerId}, which is not registered`);
    const payability = payableAt(provider, now);
    if (!payability.payable) {
      if (payability.reason === 'iban_changed' && !summary.ibanHolds.some((hold) => hold.providerId === providerId))
        summary.ibanHolds.push({ providerId, until: payability.heldUntil });
      return 'skipped';
    }
    // Consistent reads: the work list is an index that may lag behind a concurrent payout. Only
    // claims that may still be paid go in; `planPayout` moves each with the claim's own transition.
    const claims = (await Promise.all(claimIds.map((claimId) => store.getClaim(claimId)))).filter(
      (claim): claim is Claim => claim !== undefined && claim.providerId === providerId && claim.status === 'captured',
    );
    if (claims.length === 0) return 'skipped';
    // Read after the claims, so the shards hold at least what these claims took.
    const payableShards = await store.getPayableShards(providerId);
    const plan = planPayout({
      payoutId: payoutIdFor(providerId, claims),
      provider,
      claims,
      payableShards,
      at: now.toISOString(),
    });
    if (plan === undefined) return 'lost';
    assertPayoutBalanced(plan);
    const audit = auditRecord(jobActor('payouts'), 'payout', now, {
      subject: { providerId, payoutId: plan.payout.payoutId, claimIds: plan.payout.claimIds },
      amountCents: plan.payout.amountCents,
    });
    const result = await store.commitPayout(plan, audit);
    if (result.kind !== 'committed') return 'lost';
    made = plan.payout;
    return 'processed';
  });
  return made;
}

/** Writes the files that an earlier run recorded but did not get to write. */
async function fileWrittenRecords(
  dependencies: PayoutDependencies,
  options: PayoutOptions,
  summary: PayoutSummary,
): Promise<void> {
  for (const file of await dependencies.store.listPayoutFilesUnwritten(limits.jobBatchSizeMax)) {
    await writeFile(dependencies, options, summary, file);
  }
}

/**
 * Puts this run's payouts, and any an earlier run left without a file, into files. Each payout is
 * checked on its own before a file is recorded: one that cannot be a SEPA credit transfer (an IBAN
 * outside SEPA, say) is held out and reported, and the file is recorded and written without it, so
 * one bad payout never stops a file for the others.
 */
async function filePayouts(
  dependencies: PayoutDependencies,
  options: PayoutOptions,
  summary: PayoutSummary,
  made: readonly Payout[],
): Promise<void> {
  const { store } = dependencies;
  const pending = new Map(made.map((payout) => [payout.payoutId, payout]));
  // Each provider of a held payout is read once per run, however many of its payouts are held.
  const providers = new Map<string, Promise<Provider | undefined>>();
  // Payouts this run will not file: taken by another run, or held back.
  const done = new Set<string>();
  for (let round = 1; round <= limits.jobBatchesPerRunMax; round += 1) {
    const listed = pending.size === 0;
    if (listed) {
      // The unfiled list is an index that may lag: skip what this run already dealt with. Held
      // payouts stay on the list, so it is read far enough to see past them.
      for (const payout of await store.listPayoutsUnfiled(limits.payoutsPerFileMax + done.size)) {
        if (!done.has(payout.payoutId)) pending.set(payout.payoutId, payout);
      }
    }
    for (const payout of pending.values()) {
      const problem = creditTransferProblem(payoutFileEntry(payout));
      if (problem === undefined) continue;
      const repointed = await toCurrentRegistration(dependencies, providers, payout);
      if (repointed !== undefined) {
        pending.set(payout.payoutId, repointed);
        continue;
      }
      pending.delete(payout.payoutId);
      done.add(payout.payoutId);
      summary.held.push({ payoutId: payout.payoutId, providerId: payout.providerId, problem });
      summary.failed += 1;
      options.onFailure?.('payouts', `payout ${payout.payoutId}`, new Error(`held out of the payout file: ${problem}`));
    }
    // Nothing left to file: read the list once more, unless this round just did.
    if (pending.size === 0) {
      if (listed) return;
      continue;
    }
    const payouts = [...pending.values()].slice(0, limits.payoutsPerFileMax);
    const file = planPayoutFile(fileIdFor(payouts), payouts, dependencies.now().toISOString());
    const result = await store.commitPayoutFile(file);
    switch (result.kind) {
      case 'committed':
        for (const payout of payouts) pending.delete(payout.payoutId);
        await writeFile(dependencies, options, summary, file);
        break;
      case 'payouts_taken':
        // Another run filed these; the rest go into a file of this run's.
        for (const payoutId of result.payoutIds) {
          pending.delete(payoutId);
          done.add(payoutId);
        }
        break;
      case 'conflict':
        await backoff(round);
        break;
    }
  }
}

/**
 * A payout that cannot be filed as made (an IBAN outside SEPA from before that was refused, say),
 * pointed at its provider's current registration, or undefined when that does not help: the
 * provider is suspended, its IBAN changed less than the cooling-off period ago, or the current
 * registration cannot be filed either. The payout record takes the name and IBAN it is paid to
 * when its file is recorded, so `GET /v1/payouts` shows where the money went.
 */
async function toCurrentRegistration(
  dependencies: PayoutDependencies,
  providers: Map<string, Promise<Provider | undefined>>,
  payout: Payout,
): Promise<Payout | undefined> {
  let read = providers.get(payout.providerId);
  if (read === undefined) {
    read = dependencies.store.getProvider(payout.providerId);
    providers.set(payout.providerId, read);
  }
  const provider = await read;
  if (provider === undefined || !payableAt(provider, dependencies.now()).payable) return undefined;
  const current = { ...payout, providerName: provider.name, iban: provider.iban };
  return creditTransferProblem(payoutFileEntry(current)) === undefined ? current : undefined;
}

/** Renders a recorded file, creates it if absent, and notes it as written. */
async function writeFile(
  dependencies: PayoutDependencies,
  options: PayoutOptions,
  summary: PayoutSummary,
  file: PayoutFile,
): Promise<void> {
  const name = payoutFileName(file);
  try {
    const content = renderPain001(file, dependencies.payer, dateOf(new Date(file.createdAt)));
    await dependencies.payoutFiles.put(name, content);
    await dependencies.store.markPayoutFileWritten(file.fileId, dependencies.now().toISOString());
    if (!summary.files.includes(name)) summary.files.push(name);
  } catch (error) {
    summary.failed += 1;
    if (!summary.stuckFiles.includes(file.fileId)) summary.stuckFiles.push(file.fileId);
    options.onFailure?.('payouts', `file ${file.fileId}`, error);
  }
}

function groupByProvider(claims: readonly Claim[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const claim of claims) groups.set(claim.providerId, [...(groups.get(claim.providerId) ?? []), claim.claimId]);
  return groups;
}

/**
 * The payout id, from the provider and the claims it pays: a retry of the same payout gets the
 * same id. Hex keeps it within SEPA's character set, since it is the end-to-end id at the bank.
 */
function payoutIdFor(providerId: string, claims: readonly Claim[]): string {
  return `po-${digest([providerId, ...claims.map((claim) => claim.claimId).sort()])}`;
}

/** The file id (the SEPA message id), from the payouts in it. */
function fileIdFor(payouts: readonly Payout[]): string {
  return `pf-${digest(payouts.map((payout) => payout.payoutId).sort())}`;
}

function digest(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 24);
}

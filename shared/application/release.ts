import type { Employment } from '../ledger/employment.ts';
import type { Pot } from '../ledger/pot.ts';
import { employersOfReleases, returnReleasedAfterEmploymentEnded } from '../ledger/return-to-funder.ts';
import type { Movement } from '../ledger/transfer.ts';
import type { EmploymentStore } from '../store/ledger-store.ts';

/**
 * Every path that releases held money (a cancel, the release job, the rest of a partial capture)
 * passes its planned movement through here: what is released from a revocable pot of an employment
 * that has ended goes back to the employer in the same movement (`returnReleasedAfterEmploymentEnded`).
 * Reads the employments of the released pots' employers only, so a release from other pots costs
 * no extra read.
 */
export async function withReleasesOfEndedEmploymentsReturned(
  store: Pick<EmploymentStore, 'getEmployment'>,
  movement: Movement,
  personId: string,
  pots: readonly Pot[],
  at: string,
  shard: number,
): Promise<Movement> {
  const employers = employersOfReleases(movement, pots);
  if (employers.length === 0) return movement;
  const read = await Promise.all(employers.map((employerId) => store.getEmployment(employerId, personId)));
  const employments = read.filter((employment): employment is Employment => employment !== undefined);
  return returnReleasedAfterEmploymentEnded(movement, employments, pots, at, shard);
}

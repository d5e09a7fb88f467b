/**
 * Condition fragments, named so that each transaction item reads as the rule it restates. The
 * placeholders they use (`#available`, `:availableNeeded`, …) must be set by the item that uses them.
 */

/** The item is new: nothing with its key exists yet. */
export const itemDoesNotExist = 'attribute_not_exists(pk)';

/** A new employment may replace an ended one (re-hiring), never an ongoing one. */
export const noOngoingEmployment = 'attribute_not_exists(pk) OR attribute_exists(endDate)';

/** The employment exists and has not ended. */
export const employmentOngoing = 'attribute_exists(pk) AND attribute_not_exists(endDate)';

/** The employment exists and has ended. */
export const employmentEnded = 'attribute_exists(pk) AND attribute_exists(endDate)';

/** The pot has at least what is taken from its available money. */
export const availableCovers = '#available >= :availableNeeded';

/** The pot has exactly what an expiry takes: nothing arrived since it was read. */
export const availableIsExactly = '#available = :availableExact';

/** The pot has at least what is taken from its reserved money. */
export const reservedCovers = '#reserved >= :reservedNeeded';

/** The scheme total shard has at least the budget a deposit uses. */
export const budgetCovers = '#budgetRemaining >= :budgetNeeded';

/** The payable shard (or the balance being lowered) has at least what is taken. */
export const payableCovers = '#balance >= :needed';

/** The payout exists and is not in a SEPA file yet. */
export const payoutNotFiled = 'attribute_exists(pk) AND attribute_not_exists(fileId)';

/** The provider's claims for the course this year are still below the cap. */
export const claimCountBelowMax = 'attribute_not_exists(#count) OR #count < :max';

/**
 * A count on a person's use of a course (`#name`) leaves room for what is added: absent (nothing
 * used) or at most `:room`, the limit less what is added.
 */
export function courseUseLeavesRoom(name: string, room: string): string {
  return `(attribute_not_exists(${name}) OR ${name} <= ${room})`;
}

/** A condition that never holds: for an increase that is past its limit on its own. */
export const neverHolds = 'attribute_not_exists(pk) AND attribute_exists(pk)';

/** The stored claim still has the status this change expects (`:expectedStatus`). */
export const claimHasStatus = '#status = :expectedStatus';

/** The stored claim is still `captured` (`:captured`), so it has not been paid. */
export const claimIsCaptured = '#status = :captured';

/** The provider is registered and active. */
export const providerActive = '#provider.#status = :active';

/** The item exists. */
export const itemExists = 'attribute_exists(pk)';

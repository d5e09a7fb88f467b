/**
 * The reference model of the ledger the fuzzer compares the system with: what every person holds
 * per scheme, what every claim holds, and what the provider has been paid, following only the rules
 * a funder, a citizen and a provider are told. It moves money only on a definite answer, and never
 * reads the system: after every step the system must show exactly what the model holds.
 */

/** A scheme of the fuzzer's own: the public one (the funder's) or the employer's revocable one. */
export type SchemeKind = 'public' | 'employer';

export type ClaimState = 'pending' | 'approved' | 'captured' | 'paid' | 'cancelled' | 'expired';

export interface ModelClaim {
  readonly claimId: string;
  readonly person: number;
  readonly amount: number;
  state: ClaimState;
  /** What an approved claim holds, per scheme, in the order the approval answered them. */
  parts: Array<{ scheme: SchemeKind; amount: number }>;
  captured: number;
}

export interface ModelPerson {
  /** Available money per scheme. */
  readonly available: Record<SchemeKind, number>;
  employed: 'never' | 'employed' | 'ended';
}

/** The ledger as the answers so far say it must be. */
export class LedgerModel {
  readonly persons: ModelPerson[];
  readonly claims: ModelClaim[] = [];
  /** What payouts have paid the provider, in cents. */
  paidOut = 0;
  /** Every euro cent the model saw move into, inside and out of accounts (for the report). */
  centsMoved = 0;

  constructor(personCount: number) {
    this.persons = Array.from({ length: personCount }, () => ({
      available: { public: 0, employer: 0 },
      employed: 'never' as const,
    }));
  }

  /** What a person holds back for approved claims, per scheme. */
  reserved(person: number): Record<SchemeKind, number> {
    const reserved: Record<SchemeKind, number> = { public: 0, employer: 0 };
    for (const claim of this.claims) {
      if (claim.person !== person || claim.state !== 'approved') continue;
      for (const part of claim.parts) reserved[part.scheme] += part.amount;
    }
    return reserved;
  }

  /** Whether a deposit into this scheme is allowed: the employer's needs a current employment. */
  depositAllowed(person: number, scheme: SchemeKind): boolean {
    return scheme === 'public' || this.persons[person]?.employed === 'employed';
  }

  deposit(person: number, scheme: SchemeKind, amount: number): void {
    this.personAt(person).available[scheme] += amount;
    this.centsMoved += amount;
  }

  /** An ended employment returns what the employer's revocable pot has left; the model says how much. */
  endEmployment(person: number): number {
    const subject = this.personAt(person);
    const returned = subject.available.employer;
    subject.available.employer = 0;
    subject.employed = 'ended';
    this.centsMoved += returned;
    return returned;
  }

  /** Everything the person could put towards a claim now. */
  spendable(person: number): number {
    const { available } = this.personAt(person);
    return available.public + available.employer;
  }

  approve(claim: ModelClaim, parts: Array<{ scheme: SchemeKind; amount: number }>): void {
    const { available } = this.personAt(claim.person);
    for (const part of parts) available[part.scheme] -= part.amount;
    claim.parts = parts.filter((part) => part.amount > 0);
    claim.state = 'approved';
    this.centsMoved += parts.reduce((sum, part) => sum + part.amount, 0);
  }

  /**
   * A capture takes the claim's parts in order up to `amount` and gives back the rest of each part
   * to where it came from: the pot, or the employer once the employment has ended.
   */
  capture(claim: ModelClaim, amount: number): void {
    let toTake = amount;
    const kept: Array<{ scheme: SchemeKind; amount: number }> = [];
    for (const part of claim.parts) {
      const taken = Math.min(part.amount, toTake);
      toTake -= taken;
      this.giveBack(claim.person, part.scheme, part.amount - taken);
      if (taken > 0) kept.push({ scheme: part.scheme, amount: taken });
    }
    claim.parts = kept;
    claim.captured = amount;
    claim.state = 'captured';
    this.centsMoved += amount;
  }

  /** A cancelled (or expired) approved claim gives back all it holds; a pending one holds nothing. */
  release(claim: ModelClaim, state: ClaimState): void {
    if (claim.state === 'approved') {
      for (const part of claim.parts) this.giveBack(claim.person, part.scheme, part.amount);
    }
    claim.parts = [];
    claim.state = state;
  }

  /** Payouts pay every captured claim. */
  payAll(): number {
    let paid = 0;
    for (const claim of this.claims) {
      if (claim.state !== 'captured') continue;
      claim.state = 'paid';
      paid += claim.captured;
    }
    this.paidOut += paid;
    this.centsMoved += paid;
    return paid;
  }

  private giveBack(person: number, scheme: SchemeKind, amount: number): void {
    const subject = this.personAt(person);
    // Revocable employer money that comes back after the employment ended goes to the employer.
    if (scheme === 'employer' && subject.employed === 'ended') return;
    subject.available[scheme] += amount;
  }

  private personAt(person: number): ModelPerson {
    const subject = this.persons[person];
    if (subject === undefined) throw new Error(`model: no person ${person}`);
    return subject;
  }
}

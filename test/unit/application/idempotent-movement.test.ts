import { describe, expect, it } from 'vitest';
import { type IdempotentMovementRequest, idempotentMovement } from '../../../shared/application/idempotent-movement.ts';
import type { AuditRecord } from '../../../shared/ledger/audit.ts';
import { limits } from '../../../shared/ledger/limits.ts';
import { fail, type Outcome, succeed } from '../../../shared/ledger/outcome.ts';
import type { Movement } from '../../../shared/ledger/transfer.ts';
import type { CommitResult, IdempotencyRecord } from '../../../shared/store/ledger-store.ts';
import { MemoryLedgerStore } from '../../../shared/store/memory/memory-store.ts';
import { anna, empty, ocw, planDepositOn, stap, today } from '../../contract/ledger-store/fixtures.ts';

/**
 * The idempotent movement on the memory store: once per key, the first answer replayed, refusals
 * audited at the instant of their attempt, and every lost race turned into the code the caller
 * gets. Where a commit answer is hard to provoke for real (a key taken by a twin between the read
 * and the write, a race lost every time), `answering` makes the store give it.
 */

const actor = { role: 'funder', clientId: 'funder-rijk', orgId: ocw.funderId } as const;
const audit = { actor, action: 'deposit', subject: { funderId: ocw.funderId, schemeId: stap.schemeId } } as const;
const reply = { statusCode: 201, body: { depositId: 'dep_1' } } as const;

/** A clock that ticks one second per reading, from 10:00 on the test day, and says how often it was read. */
function tickingClock() {
  let readings = 0;
  const now = () => {
    readings += 1;
    return new Date(Date.parse(`${today}T10:00:00.000Z`) + readings * 1_000);
  };
  return { now, readings: () => readings };
}

async function storeWithStap(): Promise<MemoryLedgerStore> {
  const store = new MemoryLedgerStore();
  await store.createScheme(stap);
  return store;
}

/** A request that deposits `amountCents` for Anna, planned afresh on each attempt, counting the plans. */
function depositRequest(
  store: IdempotentMovementRequest['store'],
  overrides: Partial<IdempotentMovementRequest> = {},
  amountCents = 500,
) {
  const plans: Date[] = [];
  const clock = tickingClock();
  const request: IdempotentMovementRequest = {
    store,
    scope: 'funder:ocw',
    key: 'key-1',
    requestHash: 'hash-1',
    now: clock.now,
    audit,
    plan: async (now) => {
      plans.push(now);
      const movement = await planDepositOn(store as MemoryLedgerStore, {
        scheme: stap,
        personId: anna,
        amountCents,
        transferId: 'dep_1',
        at: now.toISOString(),
      });
      return succeed({ movement, reply, audit: { subject: { personId: anna }, amountCents } });
    },
    ...overrides,
  };
  return { request, plans, clock };
}

async function auditTrail(store: MemoryLedgerStore): Promise<AuditRecord[]> {
  const page = await store.listAudit({ from: today, to: today }, { limit: 100 });
  return page.items;
}

/** The store, except that `commit` gives the scripted answers in turn (and then commits for real). */
function answering(store: MemoryLedgerStore, answers: CommitResult[], onCommit?: () => Promise<void>) {
  const commits: Movement[] = [];
  const scripted: IdempotentMovementRequest['store'] = {
    getIdempotencyRecord: (scope, key) => store.getIdempotencyRecord(scope, key),
    recordAudit: (record) => store.recordAudit(record),
    commit: async (movement, options) => {
      commits.push(movement);
      await onCommit?.();
      const answer = answers.shift();
      return answer ?? store.commit(movement, options);
    },
  };
  return { scripted, commits };
}

describe('idempotentMovement', () => {
  it('commits the movement with its key record and audit entry, all at the one instant of the attempt', async () => {
    const store = await storeWithStap();
    const { request, plans } = depositRequest(store);

    expect(await idempotentMovement(request)).toEqual({ ok: true, value: reply });

    expect(plans).toHaveLength(1);
    const at = plans[0]!.toISOString();
    expect((await store.listPots(anna)).map((pot) => pot.availableCents)).toEqual([500]);
    expect(await store.getIdempotencyRecord('funder:ocw', 'key-1')).toEqual({ requestHash: 'hash-1', response: reply });
    const [entry, ...others] = await auditTrail(store);
    expect(others).toEqual([]);
    expect(entry).toEqual({
      auditId: expect.stringMatching(/^aud_[0-9a-f-]{36}$/),
      at,
      actor,
      action: 'deposit',
      subject: {
        funderId: ocw.funderId,
        schemeId: stap.schemeId,
        personId: anna,
        idempotencyKey: 'key-1',
        transferIds: ['dep_1'],
      },
      amountCents: 500,
      outcome: 'succeeded',
    });
    expect((await store.reconcile()).balanced).toBe(true);
  });

  it('reads no key record before a first request: the commit finds a used key itself', async () => {
    const store = await storeWithStap();
    const { scripted } = answering(store, []);
    let reads = 0;
    const counting = {
      ...scripted,
      getIdempotencyRecord: (scope: string, key: string) => {
        reads += 1;
        return store.getIdempotencyRecord(scope, key);
      },
    };

    expect(await idempotentMovement({ ...depositRequest(store).request, store: counting })).toEqual(succeed(reply));

    expect(reads).toBe(0);
  });

  it('replays the first answer for the same request, moving and auditing nothing again', async () => {
    const store = await storeWithStap();
    await idempotentMovement(depositRequest(store).request);
    const again = depositRequest(store);

    expect(await idempotentMovement(again.request)).toEqual({ ok: true, value: reply });

    // Planned once more (no read comes first), and the commit found the key used.
    expect(again.plans).toHaveLength(1);
    expect((await store.listPots(anna)).map((pot) => pot.availableCents)).toEqual([500]);
    expect(await auditTrail(store)).toHaveLength(1);
  });

  it('replays the first answer when the same request could not be planned any more', async () => {
    const store = await storeWithStap();
    await idempotentMovement(depositRequest(store).request);
    // The first request spent what the plan needs: planned now, it would be refused.
    const again = depositRequest(store, {
      plan: async () => fail('insufficient_funds', 'There is not enough money available for this.'),
    });

    expect(await idempotentMovement(again.request)).toEqual({ ok: true, value: reply });

    expect(await auditTrail(store)).toHaveLength(1);
  });

  it('replays the first answer when a retry only loses races, as when DynamoDB names another item', async () => {
    const store = await storeWithStap();
    await idempotentMovement(depositRequest(store).request);
    // Each commit of the retry is refused on the pot alone, never on the key's record.
    const lostEveryTime = Array.from(
      { length: limits.transactionAttemptsMax },
      (): CommitResult => ({ kind: 'insufficient_funds' }),
    );
    const { scripted, commits } = answering(store, lostEveryTime);

    const outcome = await idempotentMovement({ ...depositRequest(store).request, store: scripted });

    expect(outcome).toEqual({ ok: true, value: reply });
    expect(commits).toHaveLength(limits.transactionAttemptsMax);
    expect(await auditTrail(store)).toHaveLength(1);
  });

  it('refuses a plan that fails with the plan’s answer when the key was never used', async () => {
    const store = await storeWithStap();
    const refused = fail('insufficient_funds', 'There is not enough money available for this.');

    expect(await idempotentMovement(depositRequest(store, { plan: async () => refused }).request)).toEqual(refused);

    expect(await store.getIdempotencyRecord('funder:ocw', 'key-1')).toBeUndefined();
  });

  it('refuses the same key with another request, and audits the refusal with the key', async () => {
    const store = await storeWithStap();
    await idempotentMovement(depositRequest(store).request);
    const other = depositRequest(store, { requestHash: 'hash-2' }, 700);

    const outcome = await idempotentMovement(other.request);

    expect(outcome).toEqual({ ok: false, code: 'idempotency_key_reused', detail: expect.stringMatching(/new key/) });
    expect(other.plans).toHaveLength(1);
    expect((await store.listPots(anna)).map((pot) => pot.availableCents)).toEqual([500]);
    // Both entries may bear the same instant, so the trail's order between them is not fixed.
    const trail = await auditTrail(store);
    expect(trail.map((entry) => entry.outcome).sort()).toEqual(['refused', 'succeeded']);
    const refusal = trail.find((entry) => entry.outcome === 'refused');
    expect(refusal).toMatchObject({
      action: 'deposit',
      actor,
      outcome: 'refused',
      code: 'idempotency_key_reused',
      subject: { funderId: ocw.funderId, schemeId: stap.schemeId, idempotencyKey: 'key-1' },
    });
    // The refusal bears the instant of the attempt whose commit found the key used.
    expect(refusal?.at).toBe(other.plans[0]?.toISOString());
  });

  it("audits a refused plan with the plan's code at the instant of the attempt that was refused", async () => {
    const store = await storeWithStap();
    const { request, clock } = depositRequest(store, {
      plan: async () => fail('unknown_scheme', 'You have no scheme with id x.'),
    });

    expect(await idempotentMovement(request)).toEqual(fail('unknown_scheme', 'You have no scheme with id x.'));

    expect(clock.readings()).toBe(1);
    const [entry, ...others] = await auditTrail(store);
    expect(others).toEqual([]);
    expect(entry).toMatchObject({
      at: `${today}T10:00:01.000Z`,
      outcome: 'refused',
      code: 'unknown_scheme',
      subject: { idempotencyKey: 'key-1', funderId: ocw.funderId },
    });
    expect(entry).not.toHaveProperty('subject.transferIds');
    expect(await store.getIdempotencyRecord('funder:ocw', 'key-1')).toBeUndefined();
  });

  it('names no transfers in the audit entry of a movement without any', async () => {
    const store = await storeWithStap();
    const { request } = depositRequest(store, {
      plan: async () => succeed({ movement: empty, reply }),
    });

    await idempotentMovement(request);

    const [entry] = await auditTrail(store);
    expect(entry?.subject).toEqual({ funderId: ocw.funderId, schemeId: stap.schemeId, idempotencyKey: 'key-1' });
    expect(entry).not.toHaveProperty('amountCents');
  });

  it('refuses to commit a movement that does not balance, and writes nothing', async () => {
    const store = await storeWithStap();
    const { request } = depositRequest(store, {
      plan: async () => {
        const movement = await planDepositOn(store, { scheme: stap, personId: anna, amountCents: 5, transferId: 'd' });
        return succeed({ movement: { ...movement, potChanges: [] }, reply });
      },
    });

    await expect(idempotentMovement(request)).rejects.toThrow(/does not balance/);
    expect(await store.listPots(anna)).toEqual([]);
    expect(await store.getIdempotencyRecord('funder:ocw', 'key-1')).toBeUndefined();
  });

  it('refuses to commit a movement that touches one item twice', async () => {
    const store = await storeWithStap();
    const { request } = depositRequest(store, {
      plan: async () => {
        const movement = await planDepositOn(store, { scheme: stap, personId: anna, amountCents: 5, transferId: 'd' });
        // Still balanced: the pot's 5 cents arrive as 3 and 2, in two changes of the one pot.
        const potChanges = movement.potChanges.flatMap((change) => [
          { ...change, availableDeltaCents: change.availableDeltaCents - 2 },
          { ...change, availableDeltaCents: 2 },
        ]);
        return succeed({ movement: { ...movement, potChanges }, reply });
      },
    });

    await expect(idempotentMovement(request)).rejects.toThrow(/more than once/);
    expect(await store.listPots(anna)).toEqual([]);
  });

  it('replays the record a twin wrote when the commit finds the key taken', async () => {
    const store = await storeWithStap();
    const twin: IdempotencyRecord = {
      requestHash: 'hash-1',
      response: { statusCode: 201, body: { depositId: 'twin' } },
    };
    const { scripted, commits } = answering(store, [{ kind: 'key_exists', record: twin }]);

    const outcome = await idempotentMovement(depositRequest(scripted).request);

    expect(outcome).toEqual({ ok: true, value: twin.response });
    expect(commits).toHaveLength(1);
    expect(await store.listPots(anna)).toEqual([]);
  });

  it('refuses when the twin that took the key asked for something else', async () => {
    const store = await storeWithStap();
    const twin: IdempotencyRecord = { requestHash: 'hash-other', response: reply };
    const { scripted } = answering(store, [{ kind: 'key_exists', record: twin }]);

    const outcome = await idempotentMovement(depositRequest(scripted).request);

    expect(outcome).toMatchObject({ ok: false, code: 'idempotency_key_reused' });
  });

  it('after a conflict, replays the answer of the twin that took the key meanwhile, not planning again', async () => {
    const store = await storeWithStap();
    const first = depositRequest(store);
    // The twin commits while this request's commit is in flight; this one then conflicts.
    const { scripted, commits } = answering(store, [{ kind: 'conflict' }], async () => {
      await idempotentMovement(first.request);
    });
    const racing = depositRequest(scripted);

    expect(await idempotentMovement(racing.request)).toEqual({ ok: true, value: reply });

    expect(racing.plans).toHaveLength(1);
    expect(commits).toHaveLength(1);
    expect((await store.listPots(anna)).map((pot) => pot.availableCents)).toEqual([500]);
  });

  it('plans again from fresh reads and a fresh instant after a conflict with the key still free', async () => {
    const store = await storeWithStap();
    const { scripted, commits } = answering(store, [{ kind: 'conflict' }]);
    const { request, plans } = depositRequest(scripted);

    expect(await idempotentMovement(request)).toEqual({ ok: true, value: reply });

    expect(plans).toHaveLength(2);
    expect(plans[1]!.getTime()).toBeGreaterThan(plans[0]!.getTime());
    expect(commits).toHaveLength(2);
    const [entry] = await auditTrail(store);
    expect(entry?.at).toBe(plans[1]!.toISOString());
    expect((await store.listPots(anna)).map((pot) => pot.availableCents)).toEqual([500]);
  });

  const lostRaces: ReadonlyArray<[CommitResult['kind'], string, RegExp]> = [
    ['conflict', 'concurrent_update', /same Idempotency-Key/],
    ['insufficient_funds', 'insufficient_funds', /not enough money/],
    ['budget_exceeded', 'budget_exceeded', /scheme budget/],
    ['not_employed', 'not_employed', /employment changed/],
    ['employment_changed', 'not_employed', /employment changed/],
    ['claim_changed', 'invalid_claim_state', /claim changed/],
    ['provider_not_active', 'provider_not_active', /suspended/],
    ['claim_limit_reached', 'claim_limit_reached', /yearly limit/],
    ['course_use_changed', 'concurrent_update', /split again/],
  ];

  it.each(lostRaces)(
    'tries %s at most limits.transactionAttemptsMax times, then answers %s and audits it',
    async (kind, code, detail) => {
      const store = await storeWithStap();
      const answers = Array.from({ length: limits.transactionAttemptsMax }, () => ({ kind }) as CommitResult);
      const { scripted, commits } = answering(store, answers);
      const { request, plans } = depositRequest(scripted);

      const outcome: Outcome<unknown> = await idempotentMovement(request);

      expect(outcome).toEqual({ ok: false, code, detail: expect.stringMatching(detail) });
      expect(plans).toHaveLength(limits.transactionAttemptsMax);
      expect(commits).toHaveLength(limits.transactionAttemptsMax);
      const [entry, ...others] = await auditTrail(store);
      expect(others).toEqual([]);
      expect(entry).toMatchObject({ outcome: 'refused', code, at: plans.at(-1)!.toISOString() });
      expect(await store.listPots(anna)).toEqual([]);
    },
  );
});

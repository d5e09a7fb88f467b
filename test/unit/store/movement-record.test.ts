import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../shared/ledger/audit.ts';
import type { Transfer } from '../../../shared/ledger/transfer.ts';
import {
  decodeBody,
  encodeBody,
  type MovementRecord,
  movementRecordFromItem,
  movementRecordItem,
  movementRecordKey,
} from '../../../shared/store/dynamo/movement-record.ts';
import { movementRecordFormat } from '../../../shared/store/dynamo/movement-record-dictionary.ts';

const at = '2026-05-20T10:00:00.000Z';
const anna = 'person-anna';

const transfer: Transfer = {
  transferId: 'dep_1',
  type: 'deposit',
  at,
  amountCents: 125,
  debitAccount: 'funder:ocw:stap',
  creditAccount: `pot:${anna}:ocw#stap#never`,
  personId: anna,
  potId: 'ocw#stap#never',
  schemeId: 'stap',
  funderId: 'ocw',
  availableEffectCents: 125,
  description: 'Ministerie van OCW deposited €1.25 for STAP',
};

const audit: AuditRecord = {
  auditId: 'aud_1',
  at,
  actor: { role: 'funder', clientId: 'funder-ocw', orgId: 'ocw' },
  action: 'deposit',
  subject: { personId: anna, funderId: 'ocw', schemeId: 'stap', transferIds: ['dep_1'] },
  amountCents: 125,
  outcome: 'succeeded',
};

const reply = { statusCode: 201, body: { depositId: 'dep_1', schemeId: 'stap', amount: 125, at } };

describe('the movement record’s body', () => {
  it('gives back exactly the record it was made of, reply key order included', () => {
    const record: MovementRecord = {
      idempotency: {
        requestHash: 'hash-1',
        response: { statusCode: 200, body: { b: 1, a: [2, 'drie'] } },
        createdAt: at,
      },
      audit,
      transfers: [transfer, { ...transfer, transferId: 'dep_2' }],
    };

    const decoded = decodeBody(encodeBody(record));

    expect(decoded).toEqual(record);
    expect(JSON.stringify(decoded.idempotency?.response.body)).toBe('{"b":1,"a":[2,"drie"]}');
  });

  it('starts with its format version and is under a third of its JSON, as the dictionary makes it', () => {
    const record: MovementRecord = {
      idempotency: { requestHash: 'hash-1', response: reply, createdAt: at },
      audit,
      transfers: [transfer],
    };

    const body = encodeBody(record);

    expect(body[0]).toBe(movementRecordFormat);
    // About a quarter (203 of 838 bytes); DEFLATE without the dictionary leaves about half (392).
    expect(body.length).toBeLessThan(JSON.stringify(record).length / 3);
  });

  it('still reads a body written with format 1: that dictionary may never change', () => {
    // Written by encodeBody with format 1; records in the table stay readable only while this decodes.
    const stored = Buffer.from(
      'ASOQkzISizN0DYnLT5jZ2BDVd8UliQVIednQyBQa0EYGRma6Bqa6RgYhhgZWBiCkZ2BgEKVUi5ZH8SgEAA==',
      'base64',
    );

    expect(decodeBody(stored)).toEqual({ idempotency: { requestHash: 'hash-1', response: reply, createdAt: at } });
  });

  it('refuses a body of a format it does not know', () => {
    const body = Buffer.from(encodeBody({ audit }));
    body[0] = 99;

    expect(() => decodeBody(body)).toThrow('movement record: unknown body format 99');
  });
});

describe('the movement record as an item', () => {
  it('is keyed by the idempotency key, else the first transfer (per person), else the audit entry', () => {
    const idempotency = { scope: 'funder:ocw', key: 'key-1' };

    expect(movementRecordKey({ audit, transfers: [transfer] }, idempotency)).toEqual({
      pk: 'IDEMPOTENCY#funder:ocw#key-1',
      sk: 'IDEMPOTENCY',
    });
    expect(movementRecordKey({ audit, transfers: [transfer] })).toEqual({
      pk: `MOVEMENT#${anna}#${at}#dep_1`,
      sk: 'MOVEMENT',
    });
    expect(movementRecordKey({ audit })).toEqual({ pk: 'AUDITENTRY#aud_1', sk: 'AUDITENTRY' });
    expect(movementRecordKey({})).toBeUndefined();
  });

  it('is listed in the audit trail only with an audit entry, and in a history only with transfers', () => {
    const key = { pk: 'MOVEMENT#x', sk: 'MOVEMENT' };

    const both = movementRecordItem(key, { audit, transfers: [transfer] });
    const auditOnly = movementRecordItem(key, { audit });
    const transfersOnly = movementRecordItem(key, { transfers: [transfer] });

    expect(both).toMatchObject({
      gsi4pk: expect.stringMatching(/^AUDIT#2026-05-20#\d{3}$/),
      gsi4sk: `AUDIT#${at}#aud_1`,
      gsi5pk: `PERSON#${anna}`,
      gsi5sk: `TX#${at}#dep_1`,
    });
    expect(Object.keys(auditOnly).sort()).toEqual(['body', 'entity', 'gsi4pk', 'gsi4sk', 'pk', 'sk']);
    expect(Object.keys(transfersOnly).sort()).toEqual(['body', 'entity', 'gsi5pk', 'gsi5sk', 'pk', 'sk']);
    expect(movementRecordFromItem(both)).toEqual({ audit, transfers: [transfer] });
  });

  it('refuses transfers of two persons in one record, which one history could not list', () => {
    const bram = { ...transfer, transferId: 'dep_2', personId: 'person-bram' };

    expect(() => movementRecordItem({ pk: 'MOVEMENT#x', sk: 'MOVEMENT' }, { transfers: [transfer, bram] })).toThrow(
      'movement record MOVEMENT#x: its transfers concern more than one person',
    );
  });

  it('says which item has no body instead of failing to decode nothing', () => {
    expect(() => movementRecordFromItem({ pk: 'IDEMPOTENCY#a#b', sk: 'IDEMPOTENCY' })).toThrow(
      'movement record IDEMPOTENCY#a#b has no body',
    );
  });
});

import type { DynamoDBRecord } from 'aws-lambda';
import type { UsageStreamRecord } from '../usage-store.ts';
import { decodeBody, movementEntity } from './movement-record.ts';

/**
 * The table's change stream as the usage aggregator reads it. Only inserts of movement records
 * count: a movement record is written once and never rewritten, so its insert is the movement.
 * In AWS, Lambda's event filter (`usageStreamFilter`) drops every other record before the function
 * runs; locally the reader hands the function every record and {@link usageStreamRecordOf} drops them.
 */

/** The stream records the aggregator is given: inserts of items whose `entity` is a movement record. */
export const usageStreamFilter = {
  eventName: 'INSERT',
  entity: movementEntity,
} as const;

/** True for a record the filter lets through: the insert of an item whose `entity` is a movement record. */
export function isUsageStreamInsert(eventName: string | undefined, entity: string | undefined): boolean {
  return eventName === usageStreamFilter.eventName && entity === usageStreamFilter.entity;
}

/**
 * A stream record as Lambda delivers it (binary attributes in base64, the creation time in epoch
 * seconds), reduced to what the aggregator needs. A record that is not a movement record's insert
 * has no transfers.
 */
export function usageStreamRecordOf(record: DynamoDBRecord): UsageStreamRecord {
  const stream = record.dynamodb;
  const sequenceNumber = stream?.SequenceNumber;
  const createdAtSeconds = stream?.ApproximateCreationDateTime;
  if (sequenceNumber === undefined || createdAtSeconds === undefined) {
    throw new Error(`usage stream: record ${record.eventID ?? '?'} has no sequence number or creation time`);
  }
  const image = stream?.NewImage;
  if (!isUsageStreamInsert(record.eventName, image?.['entity']?.S))
    return { sequenceNumber, createdAtSeconds, transfers: [] };
  const body = image?.['body']?.B;
  if (body === undefined) throw new Error(`usage stream: movement record ${sequenceNumber} has no body`);
  const transfers = decodeBody(Buffer.from(body, 'base64')).transfers ?? [];
  return { sequenceNumber, createdAtSeconds, transfers };
}

import { type UsageDay, type UsageDayKey, usageDayId } from '../../ledger/usage.ts';
import type { StreamShardProgress, UsageAggregate, UsageAggregateStore, UsageReportStore } from '../usage-store.ts';

/** The usage aggregates in memory, for unit tests; the same rules as `dynamo/usage-store.ts`. */
export class MemoryUsageStore implements UsageAggregateStore, UsageReportStore {
  private readonly aggregates = new Map<string, UsageAggregate>();
  private readonly progress = new Map<string, StreamShardProgress>();

  async getUsageAggregate(key: UsageDayKey): Promise<UsageAggregate | undefined> {
    return this.aggregates.get(usageDayId(key));
  }

  async putUsageAggregate(
    aggregate: UsageDay & Pick<UsageAggregate, 'marks'>,
    expectedVersion: number,
  ): Promise<'written' | 'conflict'> {
    const stored = this.aggregates.get(usageDayId(aggregate));
    if ((stored?.version ?? 0) !== expectedVersion) return 'conflict';
    this.aggregates.set(usageDayId(aggregate), structuredClone({ ...aggregate, version: expectedVersion + 1 }));
    return 'written';
  }

  async getStreamProgress(shardId: string): Promise<StreamShardProgress | undefined> {
    return this.progress.get(shardId);
  }

  async putStreamProgress(progress: StreamShardProgress): Promise<void> {
    this.progress.set(progress.shardId, { ...progress });
  }

  async listUsageDays(
    funderId: string,
    schemeId: string,
    period: { readonly from: string; readonly to: string },
  ): Promise<UsageDay[]> {
    return [...this.aggregates.values()]
      .filter(
        (day) =>
          day.funderId === funderId && day.schemeId === schemeId && day.day >= period.from && day.day <= period.to,
      )
      .sort((a, b) => (a.day < b.day ? -1 : 1));
  }

  async listStreamProgress(): Promise<StreamShardProgress[]> {
    return [...this.progress.values()];
  }
}

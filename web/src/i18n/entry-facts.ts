/** What a history sentence can know about an entry; the app fills in what it found. */
export interface EntryFacts {
  readonly amount: string;
  readonly pot?: string;
  readonly funder?: string;
  readonly provider?: string;
  readonly course?: string;
}

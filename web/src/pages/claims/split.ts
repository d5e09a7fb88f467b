import type { Part } from '../../api.ts';

/** The split to show and send: the proposal, or the person's own choice. */
export interface Split {
  readonly parts: readonly Part[];
  readonly ownContribution: number;
  readonly custom: boolean;
}

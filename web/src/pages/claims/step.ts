import type { Claim } from '../../api.ts';

/** What the person decides on a claim. */
export type Decision = 'approve' | 'reject';

/** Where the person is in deciding on a claim; each step shows its own part of the claim page. */
export type Step =
  | { readonly name: 'review' }
  | { readonly name: 'edit' }
  | { readonly name: 'confirm-approve' }
  | { readonly name: 'confirm-reject' }
  | { readonly name: 'sending'; readonly decision: Decision }
  | { readonly name: 'approved'; readonly claim: Claim }
  | { readonly name: 'rejected' };

import type { Claim } from '../../api.ts';

/** Where the person is in deciding on a claim; each step shows its own part of the claim page. */
export type Step =
  | { readonly name: 'review' }
  | { readonly name: 'edit' }
  | { readonly name: 'confirm-approve' }
  | { readonly name: 'confirm-reject' }
  | { readonly name: 'sending' }
  | { readonly name: 'approved'; readonly claim: Claim }
  | { readonly name: 'rejected' };

import { ShipmateError } from './errors.js';
import type { OwningKind } from './owner.js';

/**
 * Why policy refused an imperative change to an owned workload, as data: the card says it was
 * refused, by which owner and rule, and what to do instead (slack/views renders it).
 */
export interface OwnerRefusal {
  ownerKind: OwningKind;
  /** describeOwner() of the owner, plain text. */
  owner: string;
  /** What the owner would do to a kubectl-style change (self-heal, drift), plain text. */
  why: string;
  /** The policy setting that refused, in words, e.g. `the policy of environment prod sets imperativeOnOwned.argocd: refuse …`. */
  rule: string;
  /** What to do instead, one plain-text line each. */
  instead: string[];
}

/** Thrown by planning when `imperativeOnOwned` says refuse; the pipeline ends the request `denied` by policy. */
export class OwnerRefusalError extends ShipmateError {
  readonly refusal: OwnerRefusal;

  constructor(refusal: OwnerRefusal) {
    super('policy_denied', `refused: ${refusal.why}; ${refusal.rule}. Instead: ${refusal.instead.join(' ')}`);
    this.refusal = refusal;
  }
}

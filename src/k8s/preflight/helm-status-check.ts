import type { ReleaseTrouble } from '../helm/release-health.js';
import { blocker, warning, type CheckResult } from './check-result.js';

export const HELM_STATUS_TITLE = 'Helm releases';

/**
 * A release stuck mid-operation blocks the cluster upgrade too (its next helm upgrade, e.g. to
 * replace removed APIs, will be refused); a failed one deserves a look first.
 */
export function checkHelmStatus(troubles: readonly ReleaseTrouble[], releaseCount: number): CheckResult {
  return {
    title: HELM_STATUS_TITLE,
    findings: troubles.map((t) => (t.blocking ? blocker(t.text) : warning(t.text))),
    notes: [`${releaseCount} Helm release(s) in the namespace`],
  };
}

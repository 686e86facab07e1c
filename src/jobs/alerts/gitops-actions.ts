import type { AppConfig, EnvironmentConfig } from '../../config/types.js';
import type { FindingActions } from '../../core/notifier.js';
import { describeFinding } from '../../k8s/scans/finding.js';
import type { AlertEvent } from './alert-state.js';

/** Slack allows 50 blocks a message; the rest of the findings keep their lines, without buttons. */
const MAX_WITH_BUTTONS = 10;

/**
 * Sync / Diff buttons for each open GitOps finding whose workload is a configured app in a
 * configured environment. The button carries the command text; a click goes through the same
 * parsing, policy and pipeline as the slash command.
 */
export function gitopsFindingActions(events: readonly AlertEvent[], environments: Record<string, EnvironmentConfig>, apps: Record<string, AppConfig>): FindingActions[] {
  const out: FindingActions[] = [];
  for (const e of events) {
    if (e.kind === 'resolved' || out.length >= MAX_WITH_BUTTONS) continue;
    const f = e.finding;
    const env = Object.entries(environments).find(([, c]) => c.cluster === f.cluster && c.namespace === f.namespace)?.[0];
    const app = Object.entries(apps).find(([, a]) => (f.workloads ?? []).some((w) => w.kind === a.workload.kind && w.name === a.workload.name))?.[0];
    if (!env || !app) continue;
    out.push({ text: describeFinding(f), buttons: [{ label: 'Sync', command: `sync ${app} ${env}` }, { label: 'Diff', command: `diff ${app} ${env}` }] });
  }
  return out;
}

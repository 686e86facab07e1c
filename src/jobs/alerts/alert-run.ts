import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { AuditLog } from '../../audit/index.js';
import type { AlertsConfig, AppConfig, EnvironmentConfig } from '../../config/types.js';
import type { NotifierPort } from '../../core/notifier.js';
import type { ClusterScanResult, Finding } from '../../k8s/scans/finding.js';
import type { HygieneScanRequest, HygieneScanner, ScanKind } from '../../k8s/scans/hygiene-scanner.js';
import { buildAlertMessage } from './alert-message.js';
import { createAlertStateStore, type AlertEventKind, type ScopeFindings } from './alert-state.js';
import { createOwnerIndex } from './owners.js';
import { claimRun } from './run-claim.js';
import { holdBackYoungFindings } from './gitops-pending.js';
import { gitopsFindingActions } from './gitops-actions.js';

export interface AlertRunDeps {
  redis: Redis;
  prefix: string;
  notifier: NotifierPort;
  logger: Logger;
  config: AlertsConfig;
  environments: Record<string, EnvironmentConfig>;
  apps: Record<string, AppConfig>;
  runScan: HygieneScanner;
  /** Each run that scanned is audited (never fatal: an audit outage is only logged). */
  audit?: Pick<AuditLog, 'append'>;
  now?: () => Date;
  maxInlineLines?: number;
}

export interface AlertRunReport {
  kind: ScanKind;
  scheduledAt: number;
  /** False when another replica already ran this scheduled time, or the kind is not configured. */
  ran: boolean;
  posted: boolean;
  events: Record<AlertEventKind, number>;
  failedClusters: string[];
}

const TITLE: Record<ScanKind, string> = { certificates: 'Certificate', quotas: 'Quota', gitops: 'GitOps' };
const COMMAND: Record<ScanKind, string> = { certificates: 'certs', quotas: 'quota', gitops: 'gitops-scan' };

/**
 * One scheduled run of a scan kind: scan every environment's cluster, diff the findings against the
 * stored alert state, and post at most one grouped message to the configured channel.
 */
export async function runAlertScan(deps: AlertRunDeps, kind: ScanKind, scheduledAt: number): Promise<AlertRunReport> {
  const report: AlertRunReport = { kind, scheduledAt, ran: false, posted: false, events: { new: 0, escalated: 0, reminder: 0, resolved: 0 }, failedClusters: [] };
  const config = deps.config[kind];
  if (!config) return report;
  const claim = await claimRun({ redis: deps.redis, prefix: deps.prefix, scheduler: kind, scheduledAt });
  if (!claim) return report;
  const log = deps.logger.child({ alerts: kind, scheduledAt });
  try {
    const now = deps.now?.() ?? new Date();
    const clusters = [...new Set(Object.values(deps.environments).map((e) => e.cluster))].sort();
    let results = await Promise.all(clusters.map((cluster) => deps.runScan(requestFor(deps.config, kind, cluster, now))));
    if (kind === 'gitops') results = await holdBackYoungFindings(deps.redis, `${deps.prefix}:alerts:gitops:first-seen`, results, deps.config.gitops?.afterMs ?? 0, now.getTime());
    report.failedClusters = results.filter((r) => !r.ok).map((r) => r.cluster);
    if (report.failedClusters.length) log.warn({ failedClusters: report.failedClusters }, 'some clusters could not be scanned');

    const store = createAlertStateStore({ redis: deps.redis, prefix: deps.prefix });
    const events = await store.diff({ kind, channel: config.channel, scopes: results.flatMap(scopesOf), now: now.getTime(), remindEveryMs: config.remindEveryMs });
    for (const e of events) report.events[e.kind] += 1;
    report.ran = true;

    const message = buildAlertMessage({
      title: TITLE[kind],
      source: `${kind} scan (schedule "${config.schedule}", ${config.timezone})`,
      events,
      owners: createOwnerIndex(deps.environments, deps.apps),
      runLabel: new Date(scheduledAt).toISOString().replace(/[:.]/g, '-'),
      ...(deps.maxInlineLines === undefined ? {} : { maxInlineLines: deps.maxInlineLines }),
    });
    if (message && kind === 'gitops') {
      const actions = gitopsFindingActions(events, deps.environments, deps.apps);
      if (actions.length) message.actions = actions;
    }
    if (message) {
      await deps.notifier.channelMessage(config.channel, message);
      report.posted = true;
    }
    log.info({ events: report.events, posted: report.posted }, 'alert run finished');
    await auditRun(deps, report, clusters, log);
    return report;
  } catch (err) {
    // Let a retry of this job claim the run again; the state diff is idempotent per finding.
    await claim.release();
    throw err;
  }
}

async function auditRun(deps: AlertRunDeps, report: AlertRunReport, clusters: string[], log: Logger): Promise<void> {
  if (!deps.audit) return;
  const e = report.events;
  const event = {
    requestId: `alerts-${report.kind}-${report.scheduledAt}`,
    actor: 'shipmate',
    action: 'alert-run',
    command: COMMAND[report.kind],
    target: `clusters ${clusters.join(', ')}`,
    result: report.posted ? 'posted' : 'nothing to post',
    detail: `new=${e.new} escalated=${e.escalated} reminder=${e.reminder} resolved=${e.resolved}${report.failedClusters.length ? ` failed=${report.failedClusters.join(',')}` : ''}`,
  };
  try {
    await deps.audit.append(event);
  } catch (err) {
    log.error({ err, audit: event }, 'audit append failed; the event is only in this log line');
  }
}

function requestFor(alerts: AlertsConfig, kind: ScanKind, cluster: string, now: Date): HygieneScanRequest {
  if (kind === 'gitops') return { kind, cluster, now };
  if (kind === 'certificates') {
    const c = alerts.certificates!;
    return { kind, cluster, now, thresholds: { warnDays: c.warnDays, criticalDays: c.criticalDays } };
  }
  const q = alerts.quotas!;
  return { kind, cluster, now, thresholds: { warnPercent: q.warnPercent, criticalPercent: q.criticalPercent, ...(q.ignoreNamespaces ? { ignoreNamespaces: q.ignoreNamespaces } : {}) } };
}

/**
 * A scanned cluster contributes its findings; every cluster also has a scan-health scope, so an
 * unreachable cluster alerts once, reminds, and resolves like any finding, while its last known
 * findings stay untouched instead of being "resolved" by a failed scan.
 */
function scopesOf(result: ClusterScanResult): ScopeFindings[] {
  const health = `${result.cluster}!scan`;
  if (result.ok) return [{ scope: result.cluster, findings: result.findings }, { scope: health, findings: [] }];
  const failure: Finding = {
    key: `scan/${result.cluster}`,
    severity: 'warn',
    cluster: result.cluster,
    namespace: '',
    object: 'cluster',
    summary: `could not be scanned: ${result.reason}`,
  };
  return [{ scope: health, findings: [failure] }];
}

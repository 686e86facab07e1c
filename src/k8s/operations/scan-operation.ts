import type { Logger } from 'pino';
import { UnavailableError } from '../../core/errors.js';
import { registryOf, type OperationContext, type OperationRegistry } from '../../core/operation.js';
import { withMutates, type MutatesOf, type OperationBody } from './operation-deps.js';
import type { OperationResult, Plan } from '../../core/plan.js';
import type { TargetRef } from '../../core/target.js';
import type { ScanClients } from '../scans/clients.js';
import type { CertThresholds, ClusterScanResult, Finding, QuotaThresholds } from '../scans/finding.js';
import { findingItems, findingPlainLines, fitItems } from '../scans/finding-lines.js';
import { createHygieneScanner, type HygieneScanner, type ScanKind } from '../scans/hygiene-scanner.js';

export interface ScanOperationsOptions {
  clientsFor(cluster: string): ScanClients | Promise<ScanClients>;
  /** The command spec's mutates flag (commands/registry isMutating): declared there, not here. */
  mutates: MutatesOf;
  /** Explicit thresholds win over `config.alerts`; both fall back to DEFAULT_THRESHOLDS. */
  thresholds?: Partial<ScanThresholds>;
  /** The app config, read structurally for its `alerts` thresholds (k8s/ never imports config/). */
  config?: { alerts: { certificates?: CertThresholds; quotas?: QuotaThresholds } };
  now?: () => Date;
  pageSize?: number;
  /** Findings beyond this many lines go into a file instead of the thread sections. */
  maxInlineLines?: number;
  logger?: Logger;
}

export interface ScanThresholds {
  certificates: CertThresholds;
  quotas: QuotaThresholds;
}

/** The thresholds of DESIGN.md's example config, used when a scan kind has no alerts config. */
export const DEFAULT_THRESHOLDS: ScanThresholds = {
  certificates: { warnDays: 21, criticalDays: 7 },
  quotas: { warnPercent: 80, criticalPercent: 95 },
};

/** `/k8s certs <env>` and `/k8s quota <env>` as an operation registry for the composition root. */
export function createScanOperations(options: ScanOperationsOptions): OperationRegistry {
  const scanner = scannerFor(options);
  const certs = withMutates(scanOperation('certificates', scanner, options), options.mutates);
  const quota = withMutates(scanOperation('quotas', scanner, options), options.mutates);
  return registryOf([certs, quota]);
}

/** `/k8s certs <env>`: the scheduled certificate scan on demand, answered in the thread. */
export function certsOperation(options: ScanOperationsOptions): OperationBody {
  return scanOperation('certificates', scannerFor(options), options);
}

/** `/k8s quota <env>`: the scheduled quota scan on demand, answered in the thread. */
export function quotaOperation(options: ScanOperationsOptions): OperationBody {
  return scanOperation('quotas', scannerFor(options), options);
}

function scannerFor(options: ScanOperationsOptions): HygieneScanner {
  return createHygieneScanner({
    clientsFor: options.clientsFor,
    ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
}

function thresholdsOf(options: ScanOperationsOptions): ScanThresholds {
  const alerts = options.config?.alerts;
  const pick = <T extends object>(t: T | undefined, keys: (keyof T)[]) => (t ? Object.fromEntries(keys.map((k) => [k, t[k]])) : {});
  return {
    certificates: { ...DEFAULT_THRESHOLDS.certificates, ...pick(alerts?.certificates, ['warnDays', 'criticalDays']), ...options.thresholds?.certificates },
    quotas: { ...DEFAULT_THRESHOLDS.quotas, ...pick(alerts?.quotas, ['warnPercent', 'criticalPercent', 'ignoreNamespaces']), ...options.thresholds?.quotas },
  };
}

function scanOperation(kind: Exclude<ScanKind, 'helm'>, scanner: HygieneScanner, options: ScanOperationsOptions): OperationBody {
  const noun = kind === 'certificates' ? 'certificates' : 'resource quotas';
  const target = (ctx: Pick<OperationContext, 'scope'>): TargetRef => ({
    cluster: ctx.scope.cluster,
    namespace: '',
    kind: 'Cluster',
    name: ctx.scope.cluster,
  });
  return {
    command: kind === 'certificates' ? 'certs' : 'quota',
    target,
    plan: async (ctx): Promise<Plan> => ({
      target: target(ctx),
      summary: `scan ${noun} in cluster ${ctx.scope.cluster}`,
      diff: '',
      dryRun: { performed: false, ok: true, warnings: [] },
      fingerprint: '',
      noop: false,
      facts: {},
    }),
    fingerprint: async () => '',
    async execute(ctx) {
      const thresholds = thresholdsOf(options);
      const now = options.now?.() ?? new Date();
      const cluster = ctx.scope.cluster;
      await ctx.progress({ kind: 'status', text: `scanning ${noun} in ${cluster}…` });
      const result =
        kind === 'certificates'
          ? await scanner({ kind, cluster, now, thresholds: thresholds.certificates })
          : await scanner({ kind, cluster, now, thresholds: thresholds.quotas });
      if (!result.ok) throw new UnavailableError(`cluster ${cluster} could not be scanned: ${result.reason}`);
      return scanResult(noun, result, options.maxInlineLines ?? 30);
    },
  };
}

function scanResult(noun: string, result: Extract<ClusterScanResult, { ok: true }>, maxInline: number): OperationResult {
  const { findings, cluster } = result;
  const critical = findings.filter((f) => f.severity === 'critical').length;
  const summary =
    findings.length === 0
      ? `${noun} in ${cluster}: no findings (${result.scanned} checked)`
      : `${noun} in ${cluster}: ${critical} critical, ${findings.length - critical} warning (${result.scanned} checked)`;
  const { shown, hidden } = fitItems(findingItems(findings), maxInline);
  const sections: OperationResult['sections'] = [
    ...(findings.length ? [{ title: 'Findings', text: '', items: shown, hidden }] : []),
    ...(result.notes.length ? [{ title: 'Notes', text: result.notes.map((n) => `• ${n}`).join('\n') }] : []),
  ];
  const files = hidden > 0 ? [findingsFile(noun, cluster, findings)] : [];
  return { outcome: 'succeeded', summary, sections, files, facts: { cluster, findings: findings.length, critical, scanned: result.scanned } };
}

function findingsFile(noun: string, cluster: string, findings: Finding[]) {
  const slug = noun.replace(/\s+/g, '-');
  return { filename: `${slug}-${cluster}.txt`, title: `All ${noun} findings in ${cluster}`, content: `${findingPlainLines(findings).join('\n')}\n` };
}

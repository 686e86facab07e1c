import type { Logger } from 'pino';
import { UnavailableError } from '../../core/errors.js';
import type { Operation, OperationContext } from '../../core/operation.js';
import type { OperationResult, Plan } from '../../core/plan.js';
import type { TargetRef } from '../../core/target.js';
import type { ScanClients } from './clients.js';
import type { CertThresholds, ClusterScanResult, Finding, QuotaThresholds } from './finding.js';
import { findingLines, findingPlainLines, fitLines } from './finding-lines.js';
import { createHygieneScanner, type HygieneScanner, type ScanKind } from './hygiene-scanner.js';

export interface ScanOperationsOptions {
  clientsFor(cluster: string): ScanClients | Promise<ScanClients>;
  thresholds: { certificates: CertThresholds; quotas: QuotaThresholds };
  now?: () => Date;
  pageSize?: number;
  /** Findings beyond this many lines go into a file instead of the thread sections. */
  maxInlineLines?: number;
  logger?: Logger;
}

export interface ScanOperations {
  certs: Operation;
  quota: Operation;
}

/** `/k8s certs <env>` and `/k8s quota <env>`: the scheduled scans, on demand, answered in the thread. */
export function createScanOperations(options: ScanOperationsOptions): ScanOperations {
  const scanner = createHygieneScanner({
    clientsFor: options.clientsFor,
    ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
  return { certs: scanOperation('certificates', scanner, options), quota: scanOperation('quotas', scanner, options) };
}

function scanOperation(kind: ScanKind, scanner: HygieneScanner, options: ScanOperationsOptions): Operation {
  const noun = kind === 'certificates' ? 'certificates' : 'resource quotas';
  const target = (ctx: Pick<OperationContext, 'scope'>): TargetRef => ({
    cluster: ctx.scope.cluster,
    namespace: '',
    kind: 'Cluster',
    name: ctx.scope.cluster,
  });
  return {
    command: kind === 'certificates' ? 'certs' : 'quota',
    mutates: false,
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
      const now = options.now?.() ?? new Date();
      const cluster = ctx.scope.cluster;
      await ctx.progress({ kind: 'status', text: `scanning ${noun} in ${cluster}…` });
      const result =
        kind === 'certificates'
          ? await scanner({ kind, cluster, now, thresholds: options.thresholds.certificates })
          : await scanner({ kind, cluster, now, thresholds: options.thresholds.quotas });
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
  const { shown, hidden } = fitLines(findingLines(findings), maxInline);
  const sections = [
    ...(findings.length ? [{ title: 'Findings', text: shown.join('\n') }] : []),
    ...(result.notes.length ? [{ title: 'Notes', text: result.notes.map((n) => `• ${n}`).join('\n') }] : []),
  ];
  const files = hidden > 0 ? [findingsFile(noun, cluster, findings)] : [];
  return { outcome: 'succeeded', summary, sections, files, facts: { cluster, findings: findings.length, critical, scanned: result.scanned } };
}

function findingsFile(noun: string, cluster: string, findings: Finding[]) {
  const slug = noun.replace(/\s+/g, '-');
  return { filename: `${slug}-${cluster}.txt`, title: `All ${noun} findings in ${cluster}`, content: `${findingPlainLines(findings).join('\n')}\n` };
}

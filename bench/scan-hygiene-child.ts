/**
 * The measured side of bench/scan-hygiene.ts: scans every given kube-sim context (certificates
 * and quotas, clusters in parallel) and prints one JSON line with wall time and peak RSS.
 * Not a benchmark on its own; it runs only when executed directly.
 */
import { pathToFileURL } from 'node:url';
import { createHygieneScanner } from '../src/k8s/scans/hygiene-scanner.js';
import { scanClientsFor } from '../test/integration/alerts/kube-clients.js';

export interface ScanChildReport {
  wallMs: number;
  peakRssMb: number;
  baselineRssMb: number;
  secrets: number;
  quotas: number;
  certFindings: number;
  quotaFindings: number;
}

async function main(kubeconfigPath: string, clusters: string[]): Promise<ScanChildReport> {
  const baselineRssMb = process.resourceUsage().maxRSS / 1024;
  const scan = createHygieneScanner({ clientsFor: (c) => scanClientsFor(kubeconfigPath, c) });
  const now = new Date();
  const started = performance.now();
  // Clusters in parallel, the two scans of one cluster in turn: what the scheduled runs do.
  const perCluster = await Promise.all(
    clusters.map(async (cluster) => [
      await scan({ kind: 'certificates', cluster, now, thresholds: { warnDays: 21, criticalDays: 7 } }),
      await scan({ kind: 'quotas', cluster, now, thresholds: { warnPercent: 80, criticalPercent: 95 } }),
    ]),
  );
  const results = perCluster.flat();
  const wallMs = performance.now() - started;
  const report: ScanChildReport = { wallMs, peakRssMb: process.resourceUsage().maxRSS / 1024, baselineRssMb, secrets: 0, quotas: 0, certFindings: 0, quotaFindings: 0 };
  results.forEach((r, i) => {
    if (!r.ok) throw new Error(`scan of ${r.cluster} failed: ${r.reason}`);
    if (i % 2 === 0) {
      report.secrets += r.scanned;
      report.certFindings += r.findings.length;
    } else {
      report.quotas += r.scanned;
      report.quotaFindings += r.findings.length;
    }
  });
  return report;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [kubeconfigPath = '', ...clusters] = process.argv.slice(2);
  console.log(JSON.stringify(await main(kubeconfigPath, clusters)));
}

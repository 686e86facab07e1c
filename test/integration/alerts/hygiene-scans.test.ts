import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoTlsSecrets } from '../../../devkit/certs/seed.js';
import { startKubeSim, type KubeSim } from '../../../devkit/kube-sim/index.js';
import type { OperationContext } from '../../../src/core/operation.js';
import { createAuditLog } from '../../../src/audit/index.js';
import { runAlertScan } from '../../../src/jobs/alerts/alert-run.js';
import { createAlertSchedules } from '../../../src/jobs/alerts/schedules.js';
import { scanCertificates } from '../../../src/k8s/scans/cert-scan.js';
import { createHygieneScanner } from '../../../src/k8s/scans/hygiene-scanner.js';
import { scanQuotas } from '../../../src/k8s/scans/quota-scan.js';
import { createScanOperations } from '../../../src/k8s/operations/scan-operation.js';
import { isMutating } from '../../../src/commands/registry.js';
import { REDIS_URL, alertsConfig, apps, deleteKeys, environments, recordingNotifier, silentLogger, uniquePrefix } from './helpers.js';
import { scanClientsFor } from './kube-clients.js';
import { sectionBody } from '../../../src/slack/views/result-items.js';
import { TEST_AUDIT_KEY } from '../../support/audit-key.js';

const thresholds = { certificates: { warnDays: 21, criticalDays: 7 }, quotas: { warnPercent: 80, criticalPercent: 95 } };
let sim: KubeSim;
const redis = new Redis(REDIS_URL);
const prefix = uniquePrefix('hygiene-scans');

beforeAll(async () => {
  sim = await startKubeSim({ clusters: ['dev', 'prod-eu'] });
  for (const name of ['dev', 'prod-eu']) {
    const cluster = sim.cluster(name);
    await cluster.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    await seedDemoTlsSecrets(cluster);
    await cluster.create({ apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: { name: 'not-tls', namespace: 'shop' }, data: { x: 'eA==' } });
    const hard = { 'requests.cpu': '4', 'requests.memory': '8Gi', pods: '20' };
    await cluster.create({
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'compute', namespace: 'shop' },
      spec: { hard },
      status: { hard, used: { 'requests.cpu': '3900m', 'requests.memory': '6.5Gi', pods: '3' } },
    });
    await cluster.create({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'limits', namespace: 'shop' }, spec: { limits: [] } });
  }
  const prod = sim.cluster('prod-eu');
  await prod.create({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'certificates.cert-manager.io' },
    spec: {
      group: 'cert-manager.io',
      scope: 'Namespaced',
      names: { plural: 'certificates', singular: 'certificate', kind: 'Certificate', listKind: 'CertificateList' },
      versions: [{ name: 'v1', served: true, storage: true, subresources: { status: {} }, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
    },
  });
  await prod.create({
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name: 'payments', namespace: 'shop' },
    spec: { secretName: 'payments-tls' },
    status: { failedIssuanceAttempts: 2, conditions: [{ type: 'Ready', status: 'False', reason: 'DoesNotExist', message: 'Secret does not exist' }] },
  });
});

afterAll(async () => {
  await sim.stop();
  await deleteKeys(redis, prefix);
  await redis.quit();
});

describe('certificate scan against kube-sim', () => {
  it('reports every TLS Secret problem, following continue across pages of the LIST', async () => {
    sim.cluster('dev').resetRequests();
    const result = await scanCertificates(scanClientsFor(sim.kubeconfigPath, 'dev'), { cluster: 'dev', thresholds: thresholds.certificates, pageSize: 2 });
    if (!result.ok) throw new Error(result.reason);
    expect(result.scanned).toBe(6);
    expect(result.findings.map((f) => [f.key, f.severity]).sort()).toEqual([
      ['cert/secret/shop/api-tls/0', 'critical'],
      ['cert/secret/shop/api-tls/1', 'warn'],
      ['cert/secret/shop/broken-tls/pem', 'warn'],
      ['cert/secret/shop/internal-tls/1', 'warn'],
      ['cert/secret/shop/legacy-tls/0', 'critical'],
      ['cert/secret/shop/www-tls/0', 'warn'],
    ]);
    expect(result.notes).toEqual([
      'cert-manager is not installed; Certificate resources not checked',
      `API server ${sim.url('dev')}: http endpoint, not TLS; serving certificate not checked`,
    ]);
    const lists = sim.cluster('dev').requests.filter((r) => r.method === 'GET' && r.path === '/api/v1/secrets');
    expect(lists.length).toBeGreaterThanOrEqual(3);
    expect(lists.every((r) => r.query.limit === '2' && r.query.fieldSelector === 'type=kubernetes.io/tls')).toBe(true);
    expect(lists.slice(1).every((r) => r.query.continue)).toBe(true);
  });

  it('reads cert-manager Certificates when the CRD exists', async () => {
    const result = await scanCertificates(scanClientsFor(sim.kubeconfigPath, 'prod-eu'), { cluster: 'prod-eu', thresholds: thresholds.certificates });
    if (!result.ok) throw new Error(result.reason);
    const cm = result.findings.filter((f) => f.object === 'certificate/payments');
    expect(cm.map((f) => [f.key, f.severity, f.summary])).toEqual([
      ['cert/certificate/shop/payments/ready', 'critical', 'not Ready (DoesNotExist: Secret does not exist)'],
      ['cert/certificate/shop/payments/issuance', 'warn', 'issuance failed 2 time(s)'],
    ]);
  });
});

describe('quota scan against kube-sim', () => {
  it('reports keys near their limit and namespaces without ResourceQuota or LimitRange', async () => {
    const result = await scanQuotas(scanClientsFor(sim.kubeconfigPath, 'dev'), { cluster: 'dev', thresholds: thresholds.quotas, pageSize: 1 });
    if (!result.ok) throw new Error(result.reason);
    expect(result.findings.map((f) => [f.key, f.severity, f.summary])).toEqual([
      ['quota/shop/compute/requests.cpu', 'critical', 'requests.cpu 3900m of 4 (97.5%)'],
      ['quota/shop/compute/requests.memory', 'warn', 'requests.memory 6656Mi of 8Gi (81.25%)'],
      ['quota/default/missing-resourcequota', 'warn', 'no ResourceQuota'],
      ['quota/default/missing-limitrange', 'warn', 'no LimitRange'],
    ]);
  });
});

describe('scheduled run and on-demand commands against kube-sim', () => {
  it('one dead cluster does not hide the other: findings are posted and the failure is its own alert', async () => {
    const fault = sim.cluster('prod-eu').faults.add({ path: /^\/api\/v1\/secrets/, status: 503 });
    const notifier = recordingNotifier();
    try {
      const runScan = createHygieneScanner({ clientsFor: (c) => scanClientsFor(sim.kubeconfigPath, c) });
      const report = await runAlertScan({ redis, prefix, notifier, logger: silentLogger, config: alertsConfig(), environments, apps, runScan }, 'certificates', 1);
      expect(report.failedClusters).toEqual(['prod-eu']);
    } finally {
      sim.cluster('prod-eu').faults.remove(fault);
    }
    expect(notifier.messages).toHaveLength(1);
    const { message } = notifier.messages[0]!;
    expect(message.text).toBe('Certificate alerts: 7 new');
    expect(message.sections[0]).toContain('cluster in prod-eu: could not be scanned: Kubernetes API error 503 while trying to list TLS secrets and certificates');
    expect(message.sections[0]).toMatch(/secret\/legacy-tls in dev\/shop: leaf CN=legacy\.shop\.example\.com \(ec prime256v1\) expired 4 days ago/);
  });

  it('/k8s certs and /k8s quota answer with the same findings', async () => {
    const ops = createScanOperations({ clientsFor: (c) => scanClientsFor(sim.kubeconfigPath, c), config: { alerts: alertsConfig() }, maxInlineLines: 3, mutates: isMutating });
    const certsOp = ops.get('certs');
    const quotaOp = ops.get('quota');
    if (!certsOp || !quotaOp) throw new Error('scan operations missing');
    expect(ops.get('rollback')).toBeUndefined();
    const ctx = {
      invocation: { command: 'certs', env: 'dev' },
      scope: { env: 'dev', cluster: 'dev', namespace: 'shop' },
      signal: new AbortController().signal,
      progress: async () => {},
      logger: silentLogger,
      requestId: 'R-TEST0001',
      requester: 'U1',
      limits: { rolloutTimeoutMs: 1, minReplicas: 0, maxReplicas: 1, drainTimeoutMs: 1 },
    } satisfies OperationContext;
    expect(certsOp.mutates).toBe(false);
    const plan = await certsOp.plan(ctx);
    const certs = await certsOp.execute(ctx, plan);
    expect(certs.summary).toBe('certificates in dev: 2 critical, 4 warning (6 checked)');
    expect(sectionBody(certs.sections[0]!, 3000)).toContain('…and 3 more in the attached file');
    expect(certs.files[0]?.content.trim().split('\n')).toHaveLength(6);
    const quota = await quotaOp.execute({ ...ctx, invocation: { command: 'quota', env: 'dev' } }, plan);
    expect(quota.summary).toBe('resource quotas in dev: 1 critical, 3 warning (1 checked)');
  });

  it('schedules built from the whole config and the registry-style clientsFor post and audit a run', async () => {
    const notifier = recordingNotifier();
    const audit = createAuditLog({ redis, key: `${prefix}:audit`, hmacKey: TEST_AUDIT_KEY, logger: silentLogger });
    const schedules = createAlertSchedules({
      connect: () => new Redis(REDIS_URL, { maxRetriesPerRequest: null }),
      redis,
      prefix,
      config: { alerts: alertsConfig(), environments: { dev: { cluster: 'dev', namespace: 'shop', policy: 'open' } }, apps },
      clientsFor: (c) => scanClientsFor(sim.kubeconfigPath, c),
      notifier,
      logger: silentLogger,
      audit,
    });
    try {
      const report = await schedules.runNow('quotas', 5);
      expect(report).toMatchObject({ ran: true, posted: true, events: { new: 4 } });
    } finally {
      await schedules.close();
    }
    expect(notifier.messages.map((m) => [m.channel, m.message.text])).toEqual([['C0QUOTA', 'Quota alerts: 4 new <!subteam^S0PAYMENTS>']]);
    const records = await audit.read();
    expect(records.map((r) => [r.event.action, r.event.command, r.event.result, r.event.detail])).toEqual([
      ['alert-run', 'quota', 'posted', 'new=4 escalated=0 reminder=0 resolved=0'],
    ]);
  });
});

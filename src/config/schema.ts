import { z } from 'zod';
import { SYSTEM_NAMESPACES } from '../core/system-namespaces.js';
import type { AlertsConfig, AuditConfig, AppConfig, DebugConfig, ClusterConfig, EnvironmentConfig, PolicyConfig, ShipmateConfig } from './types.js';
import { COMMAND_NAMES, isCommandName } from './command-names.js';
import { closestNames } from '../core/closest.js';
import {
  channelId, count, duration, envVarName, groupId, namespace, principal, refName, strict, DNS_SUBDOMAIN,
} from './schema-primitives.js';
import { appHelm, imperativeOnOwned, ownerPin } from './owner-schema.js';
import { helmAlerts, scanBase as scan } from './alert-scan-schema.js';
import { appGitOps, gitopsSection, promotionPolicy } from './gitops-schema.js';

const MINUTE = 60_000;

const cluster = strict({ context: z.string().min(1).optional(), inCluster: z.literal(true).optional() })
  .refine((c) => (c.context === undefined) !== (c.inCluster === undefined), {
    error: 'set exactly one of context (a kubeconfig context) or inCluster: true',
  })
  .transform((c): ClusterConfig => (c.context !== undefined ? { context: c.context } : { inCluster: true }));

const environment = strict({ cluster: refName, namespace, policy: refName, channel: channelId.optional() }).transform(
  ({ channel, ...rest }): EnvironmentConfig => (channel === undefined ? rest : { ...rest, channel }),
);

const KINDS = { deployment: 'Deployment', statefulset: 'StatefulSet', daemonset: 'DaemonSet' } as const;
const workload = z.string().transform((text, ctx): AppConfig['workload'] => {
  const [kind, name, extra] = text.split('/');
  const k = kind ? KINDS[kind.toLowerCase() as keyof typeof KINDS] : undefined;
  if (!k || name === undefined || extra !== undefined || !DNS_SUBDOMAIN.test(name)) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a workload`, params: { hint: 'use deployment/<name>, statefulset/<name> or daemonset/<name>' } });
    return z.NEVER;
  }
  return { kind: k, name };
});

const app = strict({
  workload,
  owners: z.array(groupId).default([]),
  owner: ownerPin.optional(),
  helm: appHelm.default({ imageValue: 'image.tag' }),
  // How a rollback of a GitOps-owned app is made (issue 13): Argo CD history, or a Git revert (issue 14).
  rollbackStrategy: z.enum(['history', 'revert']).optional(),
  gitops: appGitOps.optional(),
}).transform(({ owner, rollbackStrategy, gitops, ...a }): AppConfig => ({
  ...a,
  ...(owner === undefined ? {} : { owner }),
  ...(rollbackStrategy === undefined ? {} : { rollbackStrategy }),
  ...(gitops === undefined ? {} : { gitops }),
}));

const override = strict({ approvals: count.optional(), run: z.array(principal).optional(), approve: z.array(principal).optional() });
type Override = PolicyConfig['commands'][string];

const commandOverrides = z.record(z.string(), override).superRefine((rec, ctx) => {
  for (const name of Object.keys(rec)) {
    if (isCommandName(name)) continue;
    const near = closestNames(name, COMMAND_NAMES);
    ctx.addIssue({
      code: 'custom', path: [name], message: `unknown command "${name}"`,
      params: { hint: near.length ? `did you mean ${near.join(', ')}?` : `commands: ${COMMAND_NAMES.join(', ')}` },
    });
  }
});

const scale = strict({ min: count, max: count }).refine((s) => s.min <= s.max, { error: 'min must not exceed max' });

const policy = strict({
  run: z.array(principal),
  approve: z.array(principal).default([]),
  // Omitted approvals mean 1 when someone may approve and 0 otherwise (see shipmate.example.yaml).
  approvals: count.optional(),
  approvalTtl: duration.default(30 * MINUTE),
  readOnlyWithoutApproval: z.boolean().default(true),
  commands: commandOverrides.default({}),
  scale: scale.default({ min: 0, max: 50 }),
  rolloutTimeout: duration.default(5 * MINUTE),
  drainTimeout: duration.default(10 * MINUTE),
  imperativeOnOwned,
  ...promotionPolicy,
}).transform(
  (p): PolicyConfig => ({
    run: p.run,
    approve: p.approve,
    approvals: p.approvals ?? (p.approve.length > 0 ? 1 : 0),
    approvalTtlMs: p.approvalTtl,
    readOnlyWithoutApproval: p.readOnlyWithoutApproval,
    commands: Object.fromEntries(Object.entries(p.commands).map(([k, o]) => [k, dropUndefined(o)])),
    scale: p.scale,
    rolloutTimeoutMs: p.rolloutTimeout,
    drainTimeoutMs: p.drainTimeout,
    imperativeOnOwned: p.imperativeOnOwned,
    ...(p.promotion === undefined ? {} : { promotion: p.promotion }),
    ...(p.minHealthyTime === undefined ? {} : { minHealthyTimeMs: p.minHealthyTime }),
  }),
);

function dropUndefined(o: { approvals?: number | undefined; run?: string[] | undefined; approve?: string[] | undefined }): Override {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Override;
}

const percent = z.number().min(1, 'must be 1–100').max(100, 'must be 1–100');

const certificates = strict({ ...scan, warnDays: count.min(1), criticalDays: count })
  .refine((c) => c.criticalDays < c.warnDays, { error: 'criticalDays must be less than warnDays', path: ['criticalDays'] })
  .transform(({ remindEvery, ...rest }) => ({ ...rest, remindEveryMs: remindEvery }));

/** System namespaces that normally carry neither quota nor limits. */
export const DEFAULT_QUOTA_IGNORED_NAMESPACES = SYSTEM_NAMESPACES;

const quotas = strict({ ...scan, warnPercent: percent, criticalPercent: percent, ignoreNamespaces: z.array(namespace).default([...DEFAULT_QUOTA_IGNORED_NAMESPACES]) })
  .refine((q) => q.criticalPercent > q.warnPercent, { error: 'criticalPercent must be greater than warnPercent', path: ['criticalPercent'] })
  .transform(({ remindEvery, ...rest }) => ({ ...rest, remindEveryMs: remindEvery }));

// GitOps (issue 13): Applications OutOfSync/Degraded, Flux objects not Ready/suspended for afterMinutes.
const gitops = strict({ ...scan, afterMinutes: count.default(15) })
  .transform(({ remindEvery, afterMinutes, ...rest }) => ({ ...rest, remindEveryMs: remindEvery, afterMs: afterMinutes * MINUTE }));

const alerts = strict({ certificates: certificates.optional(), quotas: quotas.optional(), helm: helmAlerts.optional(), gitops: gitops.optional() }).transform((a): AlertsConfig => {
  const out: AlertsConfig = {};
  if (a.certificates) out.certificates = a.certificates;
  if (a.quotas) out.quotas = a.quotas;
  if (a.helm) out.helm = a.helm;
  if (a.gitops) out.gitops = a.gitops;
  return out;
});

// anchorEvery: a number of records (100) or a duration ("1h"), checked at each append.
const anchorEvery = z.union(
  [
    count.min(1, 'must be at least 1 record').transform((records): AuditConfig['anchorEvery'] => ({ records })),
    duration.transform((intervalMs): AuditConfig['anchorEvery'] => ({ intervalMs })),
  ],
  { error: 'must be a number of records such as 100, or a duration such as 1h' },
);
const audit = strict({ anchorChannel: channelId.optional(), anchorEvery: anchorEvery.default({ records: 100 }) }).transform(
  ({ anchorChannel, anchorEvery: every }): AuditConfig => (anchorChannel === undefined ? { anchorEvery: every } : { anchorChannel, anchorEvery: every }),
);
// Literal env values are masked on cards and in captures unless listed here (secrets are never read).
const debug = strict({ showEnv: z.array(envVarName).default([]) }).transform((d): DebugConfig => d);

/** The YAML of DESIGN.md §2. Cross-references (env → cluster/policy) are checked separately. */
export const configSchema = strict({
  // Record keys are checked by names.ts on the raw document, so a bad name doesn't hide value problems.
  clusters: z.record(z.string(), cluster).refine((r) => Object.keys(r).length > 0, { error: 'define at least one cluster' }),
  environments: z.record(z.string(), environment).refine((r) => Object.keys(r).length > 0, { error: 'define at least one environment' }),
  apps: z.record(z.string(), app).default({}),
  policies: z.record(z.string(), policy).refine((r) => Object.keys(r).length > 0, { error: 'define at least one policy' }),
  alerts: alerts.default({}),
  debug: debug.default({ showEnv: [] }),
  audit: audit.optional(),
  gitops: gitopsSection.optional(),
}).transform(({ audit: a, gitops: g, ...rest }): ShipmateConfig => ({ ...rest, ...(a === undefined ? {} : { audit: a }), ...(g === undefined ? {} : { gitops: g }) }));

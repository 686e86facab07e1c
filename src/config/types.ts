import type { ImperativeVerdict, OwnerPin, OwningKind } from '../core/owner.js';

/**
 * The validated configuration (DESIGN.md §2). `config/schema.ts` parses YAML + environment into
 * exactly this shape; every other layer receives it (or a slice of it) as an argument.
 */
export type ClusterConfig = { context: string; inCluster?: false } | { inCluster: true; context?: undefined };

export interface EnvironmentConfig {
  cluster: string;
  namespace: string;
  policy: string;
  /** When set, requests for this environment are accepted only from this channel, and its cards go there. */
  channel?: string;
}

export interface AppConfig {
  /** `deployment/name`, `statefulset/name` or `daemonset/name`, in each environment's namespace. */
  workload: { kind: 'Deployment' | 'StatefulSet' | 'DaemonSet'; name: string };
  /** Slack user group ids (S…), mentioned on alerts. */
  owners: string[];
  /** Who owns the workload when its labels don't say, or to assert what they say (DESIGN.md §4a). */
  owner?: OwnerPin;
  /** Helm-owned apps: the values path `upgrade` sets to the new tag (default `image.tag`). */
  helm?: { imageValue: string };
  /** Rollback of a GitOps-owned app: `history` (Argo CD status.history, auto-sync suspended) or `revert` (Git; not yet). Default history. */
  rollbackStrategy?: 'history' | 'revert';
  /** Where the app's image tag lives in a GitOps repository (issue 14); changes then become commits. */
  gitops?: AppGitOpsConfig;
}

/** `gitops.repos.<name>` (issue 14). The token itself is read from the environment variable named. */
export interface GitRepoConfig {
  url: string;
  branch: string;
  auth: { tokenEnv: string } | { sshKeyEnv: string };
  /** `Name <email>`: the author of Shipmate's commits. */
  author: string;
}

export interface GitOpsConfig {
  repos: Record<string, GitRepoConfig>;
}

/** `apps.<app>.gitops`: `path` may contain `{env}` and `{cluster}`. */
export interface AppGitOpsConfig {
  repo: string;
  path: string;
  image: { kustomize: string } | { helmValues: string; key: string };
}

export interface PolicyConfig {
  /** User ids (U…/W…), user group ids (S…), or "*". */
  run: string[];
  approve: string[];
  approvals: number;
  approvalTtlMs: number;
  readOnlyWithoutApproval: boolean;
  /** Per-command overrides, e.g. `{ scale: { approvals: 2 } }`. */
  commands: Partial<Record<string, { approvals?: number; run?: string[]; approve?: string[] }>>;
  scale: { min: number; max: number };
  rolloutTimeoutMs: number;
  drainTimeoutMs: number;
  /** What an imperative change to an owned workload may do, per owner kind. */
  imperativeOnOwned: Record<OwningKind, ImperativeVerdict>;
  /** GitOps promotion order (issue 14): an env accepts only what ran in the env before it. */
  promotion?: string[];
  /** How long the previous env must have been healthy on the tag before a promotion (ms). */
  minHealthyTimeMs?: number;
}

export interface ScheduledScanConfig {
  schedule: string;
  timezone: string;
  channel: string;
  /** How often an open finding is reminded about, in ms (default one day). */
  remindEveryMs: number;
}

export interface AlertsConfig {
  certificates?: ScheduledScanConfig & { warnDays: number; criticalDays: number };
  quotas?: ScheduledScanConfig & {
    warnPercent: number;
    criticalPercent: number;
    /** Namespaces whose quota findings are skipped (default: kube-system, kube-public, kube-node-lease). */
    ignoreNamespaces?: string[];
  };
  /** Failed Helm releases, and ones stuck in pending-* for longer than pendingAfterMs. */
  helm?: ScheduledScanConfig & { pendingAfterMs: number };
  /** GitOps owners out of sync, degraded, not ready or suspended for at least `afterMs` (config afterMinutes). */
  gitops?: ScheduledScanConfig & { afterMs: number };
}

export interface DebugConfig {
  /** Env var names whose literal values cards and captures may show; every other value is masked. */
  showEnv: string[];
}

/** Where and how often the audit chain's head is anchored outside Redis (DESIGN.md §7). */
export interface AuditConfig {
  /** Channel the anchors are posted to; without it anchors go only to Redis and exports. */
  anchorChannel?: string;
  /** After every N records, or when this much time has passed at the next append. */
  anchorEvery: { records: number } | { intervalMs: number };
}

export interface ShipmateConfig {
  clusters: Record<string, ClusterConfig>;
  environments: Record<string, EnvironmentConfig>;
  apps: Record<string, AppConfig>;
  policies: Record<string, PolicyConfig>;
  alerts: AlertsConfig;
  debug: DebugConfig;
  /** Present only when the YAML has an `audit:` section. */
  audit?: AuditConfig;
  /** Present only when the YAML has a `gitops:` section (issue 14). */
  gitops?: GitOpsConfig;
}

/** Secrets and process settings, from the environment only (never from the YAML). */
export interface RuntimeEnv {
  slackBotToken: string;
  /** HTTP mode when set. */
  slackSigningSecret?: string;
  /** Socket Mode when set (takes precedence if both are set). */
  slackAppToken?: string;
  slackApiUrl?: string;
  redisUrl: string;
  configPath: string;
  port: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  kubeconfig?: string;
  /** SHIPMATE_HELM_PATH: the helm 3 binary that operates Helm-owned apps (default `helm` on PATH). */
  helmPath?: string;
  /** SHIPMATE_KUBECTL_PATH: the kubectl whose `kustomize` renders Flux sources for `/k8s diff` (default `kubectl` on PATH). */
  kubectlPath?: string;
  /** The environment helm runs with: PATH, HOME, HELM_*_HOME, in-cluster service variables and proxies only. */
  helmEnv?: Record<string, string>;
  /** The environment git runs with (GitOps changes): PATH, proxies and CA settings only. */
  gitEnv?: Record<string, string>;
  /**
   * Reads a variable the config names as holding a secret (`gitops.repos.*.auth.tokenEnv`), from the
   * same environment as everything above. Shipmate's own secrets are not readable through it.
   */
  secretOf?: (name: string) => string | undefined;
}

/**
 * What a user asked for, after parsing and validation: the contract between commands/ (which
 * produces it), jobs/ (which stores and routes it) and k8s/ (which executes it). Plain JSON so it
 * travels in job data and the request record.
 */
export type CommandName =
  | 'help'
  | 'status'
  | 'history'
  | 'rollback'
  | 'upgrade'
  | 'restart'
  | 'scale'
  | 'logs'
  | 'debug'
  | 'cordon'
  | 'uncordon'
  | 'drain'
  | 'backup'
  | 'certs'
  | 'quota'
  | 'preflight'
  | 'jobs'
  | 'cancel'
  | 'audit'
  // GitOps (issue 13): drive the owning Argo CD Application / Flux object.
  | 'sync'
  | 'suspend'
  | 'resume'
  | 'diff'
  // GitOps changes as commits (issue 14).
  | 'promote';

export type Invocation =
  | { command: 'help'; topic?: CommandName }
  | { command: 'status'; app: string; env: string }
  | { command: 'history'; app: string; env: string }
  /** `toSha`: a Git commit, for apps rolled back by revert (issue 14). */
  | { command: 'rollback'; app: string; env: string; toRevision?: number; toSha?: string }
  /** `image` is what the user typed: a bare tag (`v1.4.2`) or a full OCI reference. */
  | { command: 'upgrade'; app: string; env: string; image: string; container?: string }
  | { command: 'restart'; app: string; env: string }
  | { command: 'scale'; app: string; env: string; replicas: number }
  | {
      command: 'logs';
      /** An app name from config or a pod name. */
      target: string;
      env: string;
      previous: boolean;
      tailLines?: number;
      sinceSeconds?: number;
      container?: string;
    }
  | { command: 'debug'; target: string; env: string }
  | { command: 'cordon' | 'uncordon' | 'drain'; node: string; env: string }
  | { command: 'backup'; env: string; namespaces: string[] }
  | { command: 'certs' | 'quota'; env: string }
  | { command: 'preflight'; env: string; toVersion: string }
  | { command: 'jobs'; env?: string }
  | { command: 'cancel'; requestId: string }
  | { command: 'audit'; app: string; env: string }
  | { command: 'sync' | 'suspend' | 'resume' | 'diff'; app: string; env: string }
  /** `env` is the environment promoted into (the request's scope); `fromEnv` the one whose running version is copied. */
  | { command: 'promote'; app: string; env: string; fromEnv: string };

export type InvocationOf<C extends CommandName> = Extract<Invocation, { command: C }>;

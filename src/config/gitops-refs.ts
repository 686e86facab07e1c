import type { ConfigProblem } from './problems.js';
import type { ShipmateConfig } from './types.js';
import { closestNames } from '../core/closest.js';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function unknown(path: string, what: string, name: string, known: string[]): ConfigProblem {
  const near = closestNames(name, known);
  return { path, message: `unknown ${what} "${name}"; known: ${known.join(', ') || '(none)'}`, ...(near.length ? { hint: `did you mean ${near.join(' or ')}?` } : {}) };
}

/** `apps.<app>.gitops.repo` names a repository under `gitops.repos`; `promotion` lists known environments. */
export function gitopsReferenceProblems(doc: Record<string, unknown>): ConfigProblem[] {
  const gitops = isRecord(doc['gitops']) ? doc['gitops'] : {};
  const repos = isRecord(gitops['repos']) ? Object.keys(gitops['repos']) : [];
  const envs = isRecord(doc['environments']) ? Object.keys(doc['environments']) : [];
  const problems: ConfigProblem[] = [];
  for (const [name, app] of Object.entries(isRecord(doc['apps']) ? doc['apps'] : {})) {
    const g = isRecord(app) && isRecord(app['gitops']) ? app['gitops'] : undefined;
    if (g && typeof g['repo'] === 'string' && !repos.includes(g['repo'])) problems.push(unknown(`apps.${name}.gitops.repo`, 'GitOps repository', g['repo'], repos));
  }
  for (const [name, policy] of Object.entries(isRecord(doc['policies']) ? doc['policies'] : {})) {
    const order = isRecord(policy) && Array.isArray(policy['promotion']) ? policy['promotion'] : [];
    order.forEach((env, i) => {
      if (typeof env === 'string' && !envs.includes(env)) problems.push(unknown(`policies.${name}.promotion[${i}]`, 'environment', env, envs));
    });
  }
  return problems;
}

/**
 * The GitOps tokens, read from the environment variables the config names (the only place they
 * are read). A missing variable is a problem naming it; the value is never printed.
 */
export function gitopsSecrets(config: ShipmateConfig, read: (name: string) => string | undefined = (name) => process.env[name]): { tokens: Record<string, string>; problems: ConfigProblem[] } {
  const tokens: Record<string, string> = {};
  const problems: ConfigProblem[] = [];
  for (const [name, repo] of Object.entries(config.gitops?.repos ?? {})) {
    const variable = 'tokenEnv' in repo.auth ? repo.auth.tokenEnv : repo.auth.sshKeyEnv;
    const value = read(variable);
    if (!value) {
      problems.push({ path: `gitops.repos.${name}.auth`, message: `environment variable ${variable} is not set`, hint: `set ${variable} to the ${'tokenEnv' in repo.auth ? 'access token' : 'SSH private key'} for ${repo.url}` });
      continue;
    }
    if (!('tokenEnv' in repo.auth)) {
      problems.push({ path: `gitops.repos.${name}.auth`, message: 'sshKeyEnv is accepted by the schema but this build pushes over HTTPS only', hint: 'use auth.tokenEnv with an https URL' });
      continue;
    }
    tokens[name] = value;
  }
  return { tokens, problems };
}

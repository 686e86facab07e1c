import { z } from 'zod';
import type { RuntimeEnv } from './types.js';
import { ConfigError, type ConfigProblem } from './problems.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

// Helm renders unset values as "", so an empty string means "not set" everywhere.
const optionalText = z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().min(1).optional());

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const envSchema = z.object({
  SLACK_BOT_TOKEN: z.preprocess((v) => (v === '' ? undefined : v), z.string({ error: 'is required (the bot token, xoxb-…)' })),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith('xapp-'), {
    error: 'must be an app-level token starting with xapp- (Socket Mode)',
  }),
  REDIS_URL: optionalText.pipe(z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional()),
  SLACK_API_URL: optionalText.pipe(httpUrl.optional()),
  SHIPMATE_CONFIG: optionalText,
  PORT: optionalText.pipe(
    z
      .string()
      .regex(/^\d+$/, 'must be an integer 1–65535')
      .transform(Number)
      .pipe(z.number().min(1, 'must be 1–65535').max(65535, 'must be 1–65535'))
      .optional(),
  ),
  LOG_LEVEL: optionalText.pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).optional()),
  KUBECONFIG: optionalText,
  // The helm 3 binary for Helm-owned apps (default: helm on PATH).
  SHIPMATE_HELM_PATH: optionalText,
  // The kubectl binary Flux `/k8s diff` renders Kustomize sources with (default: kubectl on PATH).
  SHIPMATE_KUBECTL_PATH: optionalText,
});

// What the helm child process needs: where it keeps state, how it finds the API server in-cluster,
// proxies. Never the Slack tokens or anything else Shipmate holds.
const HELM_ENV = /^(PATH|HOME|TMPDIR|HELM_(CACHE|CONFIG|DATA)_HOME|KUBERNETES_SERVICE_(HOST|PORT)|(HTTPS?|NO)_PROXY|(https?|no)_proxy)$/;

// What the git child process needs to find git and reach an HTTPS remote; never Shipmate's secrets.
const GIT_ENV = /^(PATH|(HTTPS?|NO)_PROXY|(https?|no)_proxy|SSL_CERT_(FILE|DIR)|GIT_SSL_CAINFO)$/;

function pick(env: NodeJS.ProcessEnv, names: RegExp): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => names.test(e[0]) && typeof e[1] === 'string'));
}

function helmEnvFrom(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => HELM_ENV.test(e[0]) && typeof e[1] === 'string'));
}

/**
 * The only reader of process.env in the product. Validates every variable at once and throws a
 * ConfigError listing all problems, so a misconfigured pod fails at start-up, not at first use.
 */
export function loadRuntimeEnv(env: NodeJS.ProcessEnv = process.env): RuntimeEnv {
  const parsed = envSchema.safeParse(env);
  const problems: ConfigProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  if (!env['SLACK_SIGNING_SECRET']?.trim() && !env['SLACK_APP_TOKEN']?.trim()) {
    problems.push({
      path: 'SLACK_SIGNING_SECRET',
      message: 'set SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)',
      hint: 'at least one of them is required',
    });
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems, 'environment');
  const d = parsed.data;
  const out: RuntimeEnv = {
    slackBotToken: d.SLACK_BOT_TOKEN,
    redisUrl: d.REDIS_URL ?? 'redis://127.0.0.1:6379',
    configPath: d.SHIPMATE_CONFIG ?? './shipmate.yaml',
    port: d.PORT ?? 3000,
    logLevel: d.LOG_LEVEL ?? 'info',
  };
  if (d.SLACK_SIGNING_SECRET) out.slackSigningSecret = d.SLACK_SIGNING_SECRET;
  if (d.SLACK_APP_TOKEN) out.slackAppToken = d.SLACK_APP_TOKEN;
  // Bolt joins method names onto this URL, so it must end with '/'.
  if (d.SLACK_API_URL) out.slackApiUrl = d.SLACK_API_URL.endsWith('/') ? d.SLACK_API_URL : `${d.SLACK_API_URL}/`;
  if (d.KUBECONFIG) out.kubeconfig = d.KUBECONFIG;
  if (d.SHIPMATE_HELM_PATH) out.helmPath = d.SHIPMATE_HELM_PATH;
  if (d.SHIPMATE_KUBECTL_PATH) out.kubectlPath = d.SHIPMATE_KUBECTL_PATH;
  // Variables the config names for GitOps tokens; never Shipmate's own secrets under another name.
  // Not enumerable: the settings compare, spread and log as settings, without a reader of secrets.
  Object.defineProperty(out, 'secretOf', { value: (name: string) => (/^(SLACK_|SHIPMATE_AUDIT_KEY$)/.test(name) ? undefined : env[name]), enumerable: false });
  const gitEnv = pick(env, GIT_ENV);
  if (Object.keys(gitEnv).length > 0) out.gitEnv = gitEnv;
  const helmEnv = helmEnvFrom(env);
  if (Object.keys(helmEnv).length > 0) out.helmEnv = helmEnv;
  return out;
}

/**
 * Just the configuration file path (SHIPMATE_CONFIG, default ./shipmate.yaml), for tools such as
 * `check-config` that must work without the Slack secrets being set.
 */
export function configPathFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env['SHIPMATE_CONFIG']?.trim() || './shipmate.yaml';
}

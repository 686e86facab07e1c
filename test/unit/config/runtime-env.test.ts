import { describe, expect, it } from 'vitest';
import { ConfigError, configPathFromEnv, loadRuntimeEnv } from '../../../src/config/index.js';

function problemsOf(env: NodeJS.ProcessEnv): { path: string; message: string }[] {
  try {
    loadRuntimeEnv(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).code).toBe('config');
    return [...(err as ConfigError).problems];
  }
  throw new Error('expected a ConfigError');
}

describe('loadRuntimeEnv', () => {
  it('applies defaults for everything optional', () => {
    expect(loadRuntimeEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's3cret' })).toEqual({
      slackBotToken: 'xoxb-1',
      slackSigningSecret: 's3cret',
      redisUrl: 'redis://127.0.0.1:6379',
      configPath: './shipmate.yaml',
      port: 3000,
      logLevel: 'info',
    });
  });

  it('reads every variable and normalises SLACK_API_URL to end with a slash', () => {
    const env = loadRuntimeEnv({
      SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A', REDIS_URL: 'redis://redis:6379/2', SLACK_API_URL: 'http://127.0.0.1:4100/api',
      SHIPMATE_CONFIG: '/etc/shipmate/shipmate.yaml', PORT: '8080', LOG_LEVEL: 'debug', KUBECONFIG: '/kube/config',
    });
    expect(env).toEqual({
      slackBotToken: 'xoxb-1', slackAppToken: 'xapp-1-A', redisUrl: 'redis://redis:6379/2', slackApiUrl: 'http://127.0.0.1:4100/api/',
      configPath: '/etc/shipmate/shipmate.yaml', port: 8080, logLevel: 'debug', kubeconfig: '/kube/config',
    });
  });

  it('treats empty strings as unset, as Helm renders them', () => {
    const env = loadRuntimeEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'x', SLACK_APP_TOKEN: '', PORT: '', LOG_LEVEL: '', SLACK_API_URL: '', KUBECONFIG: '' });
    expect(env).toEqual({ slackBotToken: 'xoxb-1', slackSigningSecret: 'x', redisUrl: 'redis://127.0.0.1:6379', configPath: './shipmate.yaml', port: 3000, logLevel: 'info' });
  });

  it('reports every problem at once', () => {
    const problems = problemsOf({ SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: 'xoxb-wrong', PORT: '70000', LOG_LEVEL: 'loud', SLACK_API_URL: 'ftp://x', REDIS_URL: 'http://x' });
    expect(problems.map((p) => p.path).sort()).toEqual(['LOG_LEVEL', 'PORT', 'REDIS_URL', 'SLACK_API_URL', 'SLACK_APP_TOKEN', 'SLACK_BOT_TOKEN']);
    expect(problems.find((p) => p.path === 'SLACK_APP_TOKEN')!.message).toContain('xapp-');
  });

  it('requires a signing secret or an app token, even alongside other problems', () => {
    const problems = problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1', PORT: 'abc' });
    expect(problems.map((p) => p.path).sort()).toEqual(['PORT', 'SLACK_SIGNING_SECRET']);
  });

  it('never puts secret values in the error message', () => {
    try {
      loadRuntimeEnv({ SLACK_BOT_TOKEN: 'xoxb-topsecret', SLACK_APP_TOKEN: 'not-an-app-token-secret' });
      expect.unreachable();
    } catch (err) {
      expect((err as ConfigError).userMessage).not.toContain('topsecret');
      expect((err as ConfigError).userMessage).not.toContain('not-an-app-token-secret');
    }
  });

  it('finds the configuration path without requiring the secrets', () => {
    expect(configPathFromEnv({})).toBe('./shipmate.yaml');
    expect(configPathFromEnv({ SHIPMATE_CONFIG: '' })).toBe('./shipmate.yaml');
    expect(configPathFromEnv({ SHIPMATE_CONFIG: '/x.yaml' })).toBe('/x.yaml');
  });

  it('gives helm only what it needs from the environment, never the Slack secrets', () => {
    const env = loadRuntimeEnv({
      SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's3cret', SHIPMATE_HELM_PATH: '/usr/local/bin/helm',
      PATH: '/usr/bin', HOME: '/home/s', HELM_CACHE_HOME: '/tmp/helm/cache', KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443', AWS_SECRET_ACCESS_KEY: 'x',
    });
    expect(env.helmPath).toBe('/usr/local/bin/helm');
    expect(env.helmEnv).toEqual({ PATH: '/usr/bin', HOME: '/home/s', HELM_CACHE_HOME: '/tmp/helm/cache', KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443' });
  });
});

import { describe, expect, it } from 'vitest';
import { formatProblem, gitopsSecrets, parseConfig } from '../../../src/config/index.js';
import { demoConfigYaml } from '../../../src/cli/demo-config.js';

const doc = (gitops: string, app: string, policy = ''): string => `
clusters: { c: { context: c } }
environments:
  dev: { cluster: c, namespace: dev, policy: p }
  prod: { cluster: c, namespace: prod, policy: p }
apps:
  api:
    workload: deployment/api
${app}
policies:
  p:
    run: ["*"]
${policy}
${gitops}
`;

const REPOS = `gitops:
  repos:
    deploy:
      url: https://git.example.com/shop/deploy.git
      auth: { tokenEnv: DEPLOY_TOKEN }
      author: "Shipmate <shipmate@example.com>"`;

const problemsOf = (text: string): string[] => {
  const r = parseConfig(text);
  return r.ok ? [] : r.problems.map(formatProblem);
};

describe('gitops configuration (issue 14)', () => {
  it('reads repos, the app mapping with {env}/{cluster}, and the promotion policy', () => {
    const r = parseConfig(doc(REPOS, '    gitops: { repo: deploy, path: "apps/api/{cluster}/{env}", image: { kustomize: registry.example.com/shop/api } }', '    promotion: [dev, prod]\n    minHealthyTime: 30m'));
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    expect(r.config.gitops?.repos['deploy']).toEqual({ url: 'https://git.example.com/shop/deploy.git', branch: 'main', auth: { tokenEnv: 'DEPLOY_TOKEN' }, author: 'Shipmate <shipmate@example.com>' });
    expect(r.config.apps['api']?.gitops).toEqual({ repo: 'deploy', path: 'apps/api/{cluster}/{env}', image: { kustomize: 'registry.example.com/shop/api' } });
    expect(r.config.policies['p']).toMatchObject({ promotion: ['dev', 'prod'], minHealthyTimeMs: 30 * 60_000 });
  });

  it('a Helm values file defaults its key to image.tag', () => {
    const r = parseConfig(doc(REPOS, '    gitops: { repo: deploy, path: "charts/api/{env}", image: { helmValues: values.yaml } }'));
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    expect(r.config.apps['api']?.gitops?.image).toEqual({ helmValues: 'values.yaml', key: 'image.tag' });
  });

  it('names an unknown repository, a bad path template, an unknown env in the promotion order, and credentials in the URL', () => {
    expect(problemsOf(doc(REPOS, '    gitops: { repo: deploi, path: "apps/api/{env}", image: { kustomize: x } }'))).toEqual([
      expect.stringMatching(/apps\.api\.gitops\.repo.*unknown GitOps repository "deploi"; known: deploy.*did you mean deploy/),
    ]);
    expect(problemsOf(doc(REPOS, '    gitops: { repo: deploy, path: "apps/{app}/{env}", image: { kustomize: x } }')).join('\n')).toMatch(/unknown placeholder \{app\}.*only \{env\} and \{cluster\} are replaced/);
    expect(problemsOf(doc(REPOS, '    gitops: { repo: deploy, path: "../etc/{env}", image: { kustomize: x } }')).join('\n')).toMatch(/must be a relative path/);
    expect(problemsOf(doc(REPOS, '', '    promotion: [dev, staging, prod]')).join('\n')).toMatch(/policies\.p\.promotion\[1\].*unknown environment "staging"/);
    expect(problemsOf(doc(REPOS.replace('https://git.example.com', 'https://bot:secret@git.example.com'), '')).join('\n')).toMatch(/without credentials/);
  });

  it('tokenEnv names a variable and is not taken for a secret; the token itself only comes from the environment', () => {
    const r = parseConfig(doc(REPOS, ''));
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    expect(gitopsSecrets(r.config, (n) => ({ DEPLOY_TOKEN: 't0k' } as Record<string, string>)[n])).toEqual({ tokens: { deploy: 't0k' }, problems: [] });
    expect(gitopsSecrets(r.config, () => undefined).problems).toEqual([
      { path: 'gitops.repos.deploy.auth', message: 'environment variable DEPLOY_TOKEN is not set', hint: 'set DEPLOY_TOKEN to the access token for https://git.example.com/shop/deploy.git' },
    ]);
    expect(problemsOf(doc(REPOS.replace('tokenEnv: DEPLOY_TOKEN', 'token: abc'), '')).join('\n')).toMatch(/secrets are never read from the configuration file/);
  });

  it("the demo's argo-api commits to the seeded repository, its token named, promotion ordered", () => {
    const r = parseConfig(demoConfigYaml('http://127.0.0.1:5000/gitops.git'));
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    expect(r.config.apps['argo-api']?.gitops).toEqual({ repo: 'gitops', path: 'apps/argo-api/envs/{cluster}', image: { kustomize: 'registry.example.com/shop/argo-api' } });
    expect(r.config.gitops?.repos['gitops']?.auth).toEqual({ tokenEnv: 'SHIPMATE_DEMO_GIT_TOKEN' });
    expect(r.config.policies['production']).toMatchObject({ promotion: ['dev', 'staging', 'prod'], minHealthyTimeMs: 60_000 });
  });
});

describe('what git and the token lookup see of the environment', () => {
  it('gitEnv keeps PATH, proxies and CA settings only; secretOf reads named variables but never Shipmate’s own secrets', async () => {
    const { loadRuntimeEnv } = await import('../../../src/config/index.js');
    const env = loadRuntimeEnv({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', PATH: '/usr/bin', HTTPS_PROXY: 'http://proxy:3128', SSL_CERT_FILE: '/etc/ca.pem', GITOPS_TOKEN: 'g', SHIPMATE_AUDIT_KEY: 'k'.repeat(40) });
    expect(env.gitEnv).toEqual({ PATH: '/usr/bin', HTTPS_PROXY: 'http://proxy:3128', SSL_CERT_FILE: '/etc/ca.pem' });
    expect(env.secretOf?.('GITOPS_TOKEN')).toBe('g');
    expect([env.secretOf?.('SLACK_BOT_TOKEN'), env.secretOf?.('SHIPMATE_AUDIT_KEY')]).toEqual([undefined, undefined]);
    expect(JSON.stringify(env)).not.toContain('"g"');
  });
});

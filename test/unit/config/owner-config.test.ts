import { describe, expect, it } from 'vitest';
import { parseConfig, formatProblem } from '../../../src/config/index.js';
import { createPolicy } from '../../../src/policy/index.js';

const base = (apps: string, policies: string): string => `
clusters: { c: { context: c } }
environments:
  prod: { cluster: c, namespace: shop, policy: strict }
  dev: { cluster: c, namespace: shop-dev, policy: loose }
apps:
${apps}
policies:
${policies}
`;

describe('owner configuration', () => {
  it('reads owner pins, the Helm image value and imperativeOnOwned as one verdict or per owner kind', () => {
    const r = parseConfig(base(
      `  api: { workload: deployment/api, owner: { helm: { release: api } }, helm: { imageValue: api.image.tag } }
  web: { workload: deployment/web, owner: { argocd: { application: shop-web, namespace: argocd } } }
  plain: { workload: deployment/plain, owner: none }`,
      `  strict: { run: ["*"], imperativeOnOwned: { helm: refuse } }
  loose: { run: ["*"], imperativeOnOwned: allow }`,
    ));
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    expect(r.config.apps['api']).toMatchObject({ owner: { helm: { release: 'api' } }, helm: { imageValue: 'api.image.tag' } });
    expect(r.config.apps['web']?.owner).toEqual({ argocd: { application: 'shop-web', namespace: 'argocd' } });
    expect(r.config.apps['plain']?.owner).toBe('none');
    const policy = createPolicy(r.config);
    expect(['helm', 'argocd', 'flux', 'rollout'].map((k) => policy.imperativeOnOwned('prod', k as 'helm'))).toEqual(['refuse', 'refuse', 'refuse', 'refuse']);
    expect(policy.imperativeOnOwned('dev', 'argocd')).toBe('allow');
    expect(policy.imperativeOnOwned('nowhere', 'helm')).toBe('refuse');
  });

  it('defaults to warn for Helm and refuse for GitOps and Rollouts', () => {
    const r = parseConfig(base('  api: { workload: deployment/api }', '  strict: { run: ["*"] }\n  loose: { run: ["*"] }'));
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    const policy = createPolicy(r.config);
    expect(policy.imperativeOnOwned('prod', 'helm')).toBe('warn');
    expect(policy.imperativeOnOwned('prod', 'flux')).toBe('refuse');
  });

  it('says what is wrong with a bad pin, image value or verdict', () => {
    const r = parseConfig(base(
      `  api: { workload: deployment/api, owner: { helm: { release: "Bad_Name" } }, helm: { imageValue: "image[0]" } }`,
      `  strict: { run: ["*"], imperativeOnOwned: sometimes }\n  loose: { run: ["*"] }`,
    ));
    if (r.ok) throw new Error('expected problems');
    const text = r.problems.map(formatProblem).join('\n');
    expect(text).toMatch(/apps\.api\.owner/);
    expect(text).toMatch(/apps\.api\.helm\.imageValue.*dotted values path/);
    expect(text).toMatch(/policies\.strict\.imperativeOnOwned.*refuse, warn, allow/);
  });
});

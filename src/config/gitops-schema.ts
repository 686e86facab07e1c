import { z } from 'zod';
import type { AppGitOpsConfig, GitOpsConfig, GitRepoConfig } from './types.js';
import { duration, refName, strict } from './schema-primitives.js';

// An environment variable name as a shell and Kubernetes accept it (the secret itself never is config).
const secretEnv = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name such as GITOPS_TOKEN');

const repoUrl = z.string().refine((u) => {
  try {
    const url = new URL(u);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}, { error: 'must be an http(s) URL without credentials (the token comes from auth.tokenEnv)' });

// A branch name git accepts and nobody can mistake for an option or a range.
export const BRANCH = /^(?!-)(?!.*\.\.)(?!.*\/\/)(?!.*@\{)[A-Za-z0-9._/-]{1,200}(?<![./])$/;
const branch = z.string().regex(BRANCH, 'must be a branch name such as main');

const auth = z.union([strict({ tokenEnv: secretEnv }), strict({ sshKeyEnv: secretEnv })], {
  error: 'must be { tokenEnv: <env var> } (HTTP basic auth) or { sshKeyEnv: <env var> }',
});

// "Name <email>", as git's --author takes it; no newlines or angle brackets inside.
const author = z.string().regex(/^[^<>\n]+ <[^<>\s@]+@[^<>\s@]+>$/, 'must be "Name <email>", e.g. "Shipmate <shipmate@example.com>"');

const repo = strict({ url: repoUrl, branch: branch.default('main'), auth, author: author.default('Shipmate <shipmate@localhost>') })
  .transform((r): GitRepoConfig => r);

/** Relative path of plain segments; `{env}` and `{cluster}` are the only placeholders. */
export const PATH_TEMPLATE = /^(?!\/)(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9._{}/-]+$/;
const pathTemplate = z.string().regex(PATH_TEMPLATE, 'must be a relative path such as apps/api/envs/{env} (letters, digits, ".", "_", "-", "/")').superRefine((p, ctx) => {
  const bad = [...p.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]).filter((v) => v !== 'env' && v !== 'cluster');
  if (bad.length || /[{}]/.test(p.replace(/\{(env|cluster)\}/g, ''))) {
    ctx.addIssue({ code: 'custom', message: `"${p}" has an unknown placeholder${bad.length ? ` {${bad.join('}, {')}}` : ''}`, params: { hint: 'only {env} and {cluster} are replaced' } });
  }
});

const valuesKey = z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/, 'must be a dotted values path such as image.tag');
const fileName = z.string().regex(/^[A-Za-z0-9._-]+\.ya?ml$/, 'must be a YAML file name in the path, such as values.yaml');
const imageName = z.string().regex(/^[a-z0-9][a-z0-9._/:-]*$/, 'must be the image name as the kustomization lists it, such as registry.example.com/shop/api');

const image = z.union([
  strict({ kustomize: imageName }),
  strict({ helmValues: fileName, key: valuesKey.default('image.tag') }),
], { error: 'must be { kustomize: <image name> } or { helmValues: <file>, key: image.tag }' });

/** `apps.<app>.gitops`: where the app's image tag lives in a GitOps repository. */
export const appGitOps = strict({ repo: refName, path: pathTemplate, image }).transform((g): AppGitOpsConfig => g);

/** Top-level `gitops:`: the repositories Shipmate commits to. */
export const gitopsSection = strict({ repos: z.record(z.string(), repo).default({}) }).transform((g): GitOpsConfig => g);

/** Policy: the order changes are promoted in, and how long the previous env must have run healthy. */
export const promotionPolicy = {
  promotion: z.array(refName).optional(),
  minHealthyTime: duration.optional(),
};

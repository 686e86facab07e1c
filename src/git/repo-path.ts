import { InvalidError } from '../core/errors.js';

// Relative, no '..' or '.' segments, no leading '-' or ':' (never an option, never a git pathspec magic).
const SAFE = /^(?![-:/])(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9._/-]+$/;

/** A path inside the repository, checked before it reaches git or the file system. */
export function checkRepoPath(path: string): string {
  if (!SAFE.test(path) || path.length > 500) throw new InvalidError(`"${path.slice(0, 80)}" is not a path inside the GitOps repository`);
  return path;
}

/** `apps/{env}/overlay` with the env's name and cluster filled in; the result is checked. */
export function resolvePathTemplate(template: string, vars: { env: string; cluster: string }): string {
  return checkRepoPath(template.replaceAll('{env}', vars.env).replaceAll('{cluster}', vars.cluster));
}

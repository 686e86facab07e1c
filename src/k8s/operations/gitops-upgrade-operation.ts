import { InvalidError } from '../../core/errors.js';
import type { OperationContext } from '../../core/operation.js';
import { applyImageChange, readPinned, versionText, writeImage, type GitTree, type ImageVersion } from '../../git/index.js';
import type { GitScope } from './gitops-git-deps.js';
import type { GitChangeSpec, PreparedGitChange } from './gitops-change-operation.js';

/** What `upgrade` was given (a tag or a full reference), as the version an overlay pins. */
export function versionFromImage(image: string, scope: GitScope): ImageVersion {
  const at = image.indexOf('@');
  if (at >= 0) return { digest: image.slice(at + 1) };
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  if (colon <= slash) {
    if (slash >= 0) throw new InvalidError(`${image} has no tag; give the tag (e.g. 1.5.0) or name:tag`);
    return { tag: image };
  }
  const name = image.slice(0, colon);
  if ('kustomize' in scope.app.image && name !== scope.app.image.kustomize) {
    throw new InvalidError(`${name} is not the image this app pins (${scope.app.image.kustomize}); give just the tag`);
  }
  return { tag: image.slice(colon + 1) };
}

/** The overlay edit shared by upgrade and promote. */
export async function imageChange(tree: GitTree, scope: GitScope, ctx: OperationContext, version: ImageVersion, verb: string): Promise<PreparedGitChange> {
  const { file, version: before } = await readPinned(tree, scope.app);
  const text = (await tree.readFile(file)) ?? '';
  writeImage(text, file, scope.app.image, version); // validates before the card shows anything
  const from = versionText(before);
  const to = versionText(version);
  const imageName = 'kustomize' in scope.app.image ? scope.app.image.kustomize : `${file} ${scope.app.image.key}`;
  return {
    summary: `commit ${imageName} ${from} → ${to} to ${scope.app.repoName}:${file} (${verb}; branch ${tree.head.slice(0, 12)})`,
    subject: `${ctx.scope.app ?? ''} ${ctx.scope.env}: ${verb} ${from} -> ${to}`,
    boundPath: file,
    diffPath: file,
    noop: from === to,
    facts: { gitFile: file, fromVersion: from, toVersion: to },
    apply: async (t) => void (await applyImageChange(t, scope.app, version)),
  };
}

export const gitUpgradeSpec: GitChangeSpec = {
  command: 'upgrade',
  autoRevert: true,
  async prepare(tree, scope, ctx) {
    if (ctx.invocation.command !== 'upgrade') throw new InvalidError('not an upgrade');
    return imageChange(tree, scope, ctx, versionFromImage(ctx.invocation.image, scope), 'upgrade');
  },
};

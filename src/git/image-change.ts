import { InvalidError } from '../core/errors.js';
import type { GitTree } from './git-checkout.js';
import { KUSTOMIZATION_FILES, readImage, writeImage, type ImageLocation, type ImageVersion } from './image-edit.js';

/** An app's place in a GitOps repository, with `{env}`/`{cluster}` already filled in. */
export interface AppInRepo {
  repoName: string;
  path: string;
  image: ImageLocation;
}

export interface ImageChange {
  /** The edited file, relative to the repository root. */
  file: string;
  before: ImageVersion | undefined;
  after: ImageVersion;
  /** `git diff` of the edit, exactly as it will be committed. */
  diff: string;
}

/** The file that pins the image in the app's directory, or a clear error naming what is missing. */
export async function imageFile(tree: GitTree, app: AppInRepo): Promise<string> {
  if (!(await tree.isDirectory(app.path))) {
    throw new InvalidError(`path ${app.path} does not exist in GitOps repository ${app.repoName} (branch head ${tree.head.slice(0, 12)}); check apps.<app>.gitops.path`);
  }
  if ('helmValues' in app.image) {
    const file = `${app.path}/${app.image.helmValues}`;
    if ((await tree.readFile(file)) === undefined) throw new InvalidError(`${file} does not exist in GitOps repository ${app.repoName}`);
    return file;
  }
  for (const name of KUSTOMIZATION_FILES) {
    const file = `${app.path}/${name}`;
    if ((await tree.readFile(file)) !== undefined) return file;
  }
  throw new InvalidError(`${app.path} in GitOps repository ${app.repoName} has no kustomization.yaml`);
}

/** The version the app's overlay pins at the tree's head. */
export async function readPinned(tree: GitTree, app: AppInRepo): Promise<{ file: string; version: ImageVersion | undefined }> {
  const file = await imageFile(tree, app);
  return { file, version: readImage((await tree.readFile(file)) ?? '', file, app.image) };
}

/** Edits the working tree (the caller resets or commits it) and returns the exact diff. */
export async function applyImageChange(tree: GitTree, app: AppInRepo, version: ImageVersion): Promise<ImageChange> {
  const file = await imageFile(tree, app);
  const text = (await tree.readFile(file)) ?? '';
  const before = readImage(text, file, app.image);
  await tree.writeFile(file, writeImage(text, file, app.image, version));
  return { file, before, after: version, diff: await tree.diff(file) };
}

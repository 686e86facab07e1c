export { createGitCheckout, type GitCheckout, type GitRepoSettings, type GitTree } from './git-checkout.js';
export { runGit, GitCommandError } from './git-exec.js';
export { resolvePathTemplate, checkRepoPath } from './repo-path.js';
export { boundCommit, checkBinding, REPO_CHANGED, type GitBinding, type BoundCommitResult } from './bound-commit.js';
export { applyImageChange, readPinned, imageFile, type AppInRepo, type ImageChange } from './image-change.js';
export { versionOf, versionText, readImage, writeImage, type ImageLocation, type ImageVersion } from './image-edit.js';
export { commitMessage, type Person } from './commit-message.js';
export { checkRepoReachable } from './reachable.js';

/**
 * The Git-change operations (issue 14) as a package entry of their own: the composition root
 * imports this only when `gitops.repos` is configured, so a bot without GitOps repositories never
 * loads the Git-change code.
 */
export { createGitChangeOperations, type CreateGitChangeOperationsOptions } from './operations/create-git-change-operations.js';

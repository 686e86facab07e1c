import { appEnvCommand } from './app-env-command.js';

// The GitOps commands act on the app's owner (an Argo CD Application or a Flux Kustomization /
// HelmRelease), found from the live objects; they answer plainly when the app has no GitOps owner.

export const syncCommand = appEnvCommand('sync', {
  summary: 'sync the app from Git through its Argo CD Application or Flux object, then watch it',
  examples: ['sync argo-api prod', 'sync flux-web dev'],
  mutates: true,
});

export const suspendCommand = appEnvCommand('suspend', {
  summary: "pause the GitOps owner's automation (Argo CD auto-sync, Flux spec.suspend)",
  examples: ['suspend argo-api prod'],
  mutates: true,
});

export const resumeCommand = appEnvCommand('resume', {
  summary: "restore the GitOps owner's automation exactly as it was before suspend",
  examples: ['resume argo-api prod'],
  mutates: true,
});

export const diffCommand = appEnvCommand('diff', {
  summary: 'drift between Git and the cluster, as a unified diff (env values masked)',
  examples: ['diff argo-api prod'],
  mutates: false,
});

import type { ControllerEnv } from './env.js';

/** The ServiceAccount controller: every namespace has a `default` ServiceAccount, new ones included. */
export function serviceAccountController(env: ControllerEnv): boolean {
  const saType = env.type('v1', 'ServiceAccount');
  for (const ns of env.list('v1', 'Namespace')) {
    const name = ns.metadata.name;
    if (ns.metadata.deletionTimestamp || env.api.store.get(saType, name, 'default')) continue;
    env.api.store.create(saType, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name, uid: '', resourceVersion: '', creationTimestamp: '' } });
  }
  return false;
}

import { nowIso } from '../types.js';
import type { ControllerEnv } from './env.js';
import { computePdbStatus, pdbStatusObject } from './pdb.js';

/** Keeps every PodDisruptionBudget's status in line with the pods it selects. */
export function pdbController(env: ControllerEnv): boolean {
  for (const pdb of env.list('policy/v1', 'PodDisruptionBudget')) {
    const pods = env.list('v1', 'Pod', pdb.metadata.namespace);
    const status = pdbStatusObject(pdb, computePdbStatus(pdb, pods), nowIso());
    const { disruptedPods: _ignored, ...rest } = status;
    if (JSON.stringify(rest) !== JSON.stringify(pdb.status)) env.write({ ...pdb, status: rest });
  }
  return false;
}

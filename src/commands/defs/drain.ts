import { nodeCommand } from './node-command.js';

export const drainCommand = nodeCommand(
  'drain',
  'cordon a node and evict its pods through the Eviction API, respecting PodDisruptionBudgets',
  'drain ip-10-0-1-23.eu-west-1.compute.internal prod',
);

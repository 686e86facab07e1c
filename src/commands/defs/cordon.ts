import { nodeCommand } from './node-command.js';

export const cordonCommand = nodeCommand('cordon', 'mark a node unschedulable', 'cordon ip-10-0-1-23.eu-west-1.compute.internal prod');

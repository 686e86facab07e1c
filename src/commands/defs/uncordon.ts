import { nodeCommand } from './node-command.js';

export const uncordonCommand = nodeCommand('uncordon', 'mark a node schedulable again', 'uncordon ip-10-0-1-23.eu-west-1.compute.internal prod');

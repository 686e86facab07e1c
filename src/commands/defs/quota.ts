import { envScanCommand } from './env-command.js';

export const quotaCommand = envScanCommand('quota', 'resource quotas close to their limits (the scheduled scan, now)');

import { envScanCommand } from './env-command.js';

export const certsCommand = envScanCommand('certs', 'certificates that expire soon (the scheduled scan, now)');

import { appEnvCommand } from './app-env-command.js';

export const restartCommand = appEnvCommand('restart', {
  summary: 'rollout restart, then watch the rollout',
  examples: ['restart api-service prod'],
  mutates: true,
});

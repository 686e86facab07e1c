import { appEnvCommand } from './app-env-command.js';

export const statusCommand = appEnvCommand('status', {
  summary: 'rollout state, images, ready/desired, current revision and recent warnings',
  examples: ['status api-service prod'],
  mutates: false,
});

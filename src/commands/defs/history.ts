import { appEnvCommand } from './app-env-command.js';

export const historyCommand = appEnvCommand('history', {
  summary: 'revisions with their images, change-cause and age',
  examples: ['history api-service prod'],
  mutates: false,
});

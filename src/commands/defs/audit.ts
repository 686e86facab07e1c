import { appEnvCommand } from './app-env-command.js';

export const auditCommand = appEnvCommand('audit', {
  summary: 'what happened to an app in an environment: the audit trail of its requests',
  examples: ['audit api-service prod'],
  mutates: false,
});

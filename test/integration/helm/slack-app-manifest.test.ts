import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from './render.js';

interface Manifest {
  features: {
    bot_user: { display_name: string };
    slash_commands: { command: string; url?: string; usage_hint?: string; description: string }[];
  };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: { interactivity: { is_enabled: boolean; request_url?: string }; socket_mode_enabled: boolean };
}

// Exactly what the Web API methods Shipmate calls need (chat.*, files.*UploadExternal, pins.add,
// users.info, usergroups.users.list; auth.test needs none). connections:write is an app-level token scope.
const BOT_SCOPES = ['commands', 'chat:write', 'chat:write.public', 'files:write', 'pins:write', 'users:read', 'usergroups:read'];
const EVENTS_URL = 'https://shipmate.example.com/slack/events';

async function load(file: string): Promise<Manifest> {
  return parse(await readFile(join(repoRoot, file), 'utf8')) as Manifest;
}

describe.each([
  ['slack-app-manifest.yaml', 'socket'],
  ['slack-app-manifest.http.yaml', 'http'],
] as const)('%s', (file, mode) => {
  it('asks for exactly the bot scopes Shipmate uses, and no user scopes', async () => {
    const m = await load(file);
    expect([...m.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
    expect(m.oauth_config.scopes.user).toBeUndefined();
  });

  it('declares /k8s with a usage hint and enables interactivity', async () => {
    const m = await load(file);
    expect(m.features.slash_commands).toHaveLength(1);
    const cmd = m.features.slash_commands[0];
    expect(cmd?.command).toBe('/k8s');
    expect(cmd?.usage_hint).toMatch(/\S/);
    expect(cmd?.usage_hint).toContain('help');
    expect(m.settings.interactivity.is_enabled).toBe(true);
  });

  it(mode === 'socket' ? 'uses Socket Mode without request URLs' : 'points command and interactivity at /slack/events', async () => {
    const m = await load(file);
    const cmd = m.features.slash_commands[0];
    if (mode === 'socket') {
      expect(m.settings.socket_mode_enabled).toBe(true);
      expect(cmd?.url).toBeUndefined();
      expect(m.settings.interactivity.request_url).toBeUndefined();
    } else {
      expect(m.settings.socket_mode_enabled).toBe(false);
      expect(cmd?.url).toBe(EVENTS_URL);
      expect(m.settings.interactivity.request_url).toBe(EVENTS_URL);
    }
  });
});

/**
 * Bot scopes each Web API method the sim serves needs; any one listed scope suffices. Methods
 * not listed (auth.test, api.test, apps.connections.open) need none.
 */
const METHOD_SCOPES: Record<string, readonly string[]> = {
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.delete': ['chat:write'],
  'files.getUploadURLExternal': ['files:write'],
  'files.completeUploadExternal': ['files:write'],
  'users.info': ['users:read'],
  'users.list': ['users:read'],
  'bots.info': ['users:read'],
  'usergroups.users.list': ['usergroups:read'],
  'conversations.info': ['channels:read', 'groups:read', 'im:read', 'mpim:read'],
  'pins.add': ['pins:write'],
  'pins.remove': ['pins:write'],
  'pins.list': ['pins:read'],
};

/**
 * Slack's `missing_scope` answer (`needed`, `provided`) when the granted scopes lack what the
 * method needs; undefined when the call may go on. `granted` undefined means every scope.
 */
export function missingScope(method: string, granted: readonly string[] | undefined): Record<string, unknown> | undefined {
  const needed = METHOD_SCOPES[method];
  if (granted === undefined || !needed || needed.some((s) => granted.includes(s))) return undefined;
  return { ok: false, error: 'missing_scope', needed: needed.join(','), provided: granted.join(',') };
}

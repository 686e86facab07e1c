/**
 * Layering rules of DESIGN.md §4. `core` is the shared kernel (errors, ids, domain types) and
 * imports no other layer. Only main.ts / cli composes infrastructure; devkit is never imported
 * by src/ except lazily by the CLI's sandbox/demo commands.
 */
const layer = (name) => `^src/${name}/`;
const forbid = (from, to, comment) => ({
  name: `${from}-not-to-${to.replace(/[^a-z-]/g, '')}`,
  comment,
  severity: 'error',
  from: { path: layer(from) },
  to: { path: to },
});
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    ...['k8s', 'policy', 'audit', 'config', 'core'].flatMap((l) =>
      ['slack', 'commands', 'jobs', 'observability', 'k8s', 'policy', 'audit', 'config']
        .filter((o) => o !== l)
        .map((o) => forbid(l, layer(o), `${l}/ imports no other layer`)),
    ),
    forbid('core', '^src/(?!core/)', 'core/ is the shared kernel'),
    forbid('commands', layer('(slack|jobs|k8s|audit|observability)'), 'commands are pure: they see policy types only'),
    forbid('jobs', layer('(slack|commands)'), 'jobs talk to Slack only through the notifier port'),
    forbid('jobs/adapters', '^src/(?!core/)', 'an adapter wraps one library internal and knows nothing else of Shipmate'),
    forbid('slack', layer('k8s'), 'slack/ never reaches the cluster'),
    {
      name: 'no-client-node-outside-k8s',
      severity: 'error',
      from: { path: '^src/(?!k8s/|main\\.ts|cli)' },
      to: { path: 'node_modules/@kubernetes/client-node' },
    },
    {
      name: 'no-slack-sdk-outside-slack',
      severity: 'error',
      from: { path: '^src/(?!slack/|main\\.ts|cli)' },
      to: { path: 'node_modules/@slack/' },
    },
    {
      name: 'src-not-to-devkit',
      comment: 'devkit is for tests and, lazily, the sandbox/demo CLI commands',
      severity: 'error',
      from: { path: '^src/(?!cli)' },
      to: { path: '^devkit/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.d\\.ts$' },
  },
};

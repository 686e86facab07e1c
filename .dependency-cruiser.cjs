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
/**
 * src/k8s by seam: client/ is the transport (it sees only the object types and the text
 * redactor), objects/ builds on client/, workloads/, nodes/, scans/ and preflight/ build on
 * both, and only operations/ (and the package index) composes them into Operations.
 */
const k8s = (folder) => `^src/k8s/${folder}/`;
const seam = (name, from, to, comment) => ({ name, comment, severity: 'error', from: { path: from }, to: { path: to } });
const k8sSeams = [
  seam('k8s-client-is-the-bottom', k8s('client'), '^src/k8s/(?!client/|objects/(k8s-object|redaction)\\.ts$)', 'client/ imports no other k8s folder but the object types and the redactor'),
  seam('k8s-object-leaves', '^src/k8s/objects/(k8s-object|redaction)\\.ts$', '^src/k8s/', 'the object types and the redactor are leaves'),
  seam('k8s-objects-on-client', k8s('objects'), '^src/k8s/(?!client/|objects/)', 'objects/ builds on client/ only'),
  ...['workloads', 'nodes', 'gitops'].map((f) =>
    seam(`k8s-${f}-on-client-and-objects`, `${k8s(f)}(?!index\\.ts$)`, `^src/k8s/(?!client/|objects/|${f}/)`, `${f}/ builds on client/ and objects/ only`),
  ),
  seam('k8s-scans-on-client-and-objects', `${k8s('scans')}(?!index\\.ts$)`, '^src/k8s/(?!client/|objects/|scans/|helm/release-)', 'scans/ builds on client/ and objects/, and reads Helm releases with the same reader as preflight'),
  seam('k8s-preflight-on-client-and-objects', k8s('preflight'), '^src/k8s/(?!client/|objects/|preflight/|helm/release-|scans/finding-lines\\.ts$)', 'preflight/ builds on client/ and objects/ and reads Helm releases with helm/ (finding-lines until its mrkdwn moves to slack/)'),
  seam('k8s-helm-on-client-and-objects', k8s('helm'), '^src/k8s/(?!client/|objects/|helm/)', 'helm/ builds on client/ and objects/ only'),
  seam('k8s-owners-on-client-objects-helm', k8s('owners'), '^src/k8s/(?!client/|objects/|helm/|owners/)', 'owners/ builds on client/, objects/ and the Helm release reader'),
  seam('k8s-operations-compose', '^src/k8s/(?!operations/|index\\.ts$|scans/index\\.ts$)', k8s('operations'), 'only operations/ and the package indexes see Operations'),
];
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
    // Issue 14: git/ is the Git client (the git binary, argv only); only k8s/operations, jobs and the composition root use it.
    forbid('git', '^src/(?!core/|git/)', 'git/ builds on core/ only'),
    ...['slack', 'commands', 'policy', 'audit', 'config', 'observability', 'core'].map((l) => forbid(l, layer('git'), `${l}/ never runs git`)),
    seam('k8s-git-from-operations-only', '^src/k8s/(?!operations/)', layer('git'), 'within k8s/, only operations/ commits to Git'),
    ...k8sSeams,
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

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlFor, must } from '../kube-sim/kubectl.js';
import { eventually, visibleText, waitForCardState } from '../../support/slack-helpers.js';
import { CHANNEL, USERS } from '../../support/users.js';
import { WebClient } from '@slack/web-api';
import { renderChannelMessage } from '../../../src/slack/views/channel-message.js';
import { application, image, imageOf, obj, release, request, startGitOpsHarness, type GitOpsHarness } from './gitops-harness.js';

type Flux = { spec: { suspend?: boolean }; status?: { lastAppliedRevision?: string; conditions?: { type: string; status: string }[] } };
const kustomization = (h: GitOpsHarness): Flux => obj(h, 'dev', 'kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'flux-system', 'flux-web') as unknown as Flux;
const threadText = (h: GitOpsHarness, ts: string): string => h.slack.thread(CHANNEL, ts).map(visibleText).join('\n');

/** Runs `/k8s <text>` in dev (open policy: no approval) and returns the card and thread text once it ended. */
async function run(h: GitOpsHarness, text: string): Promise<{ card: string; thread: string }> {
  const { ts } = await request(h, text);
  const card = visibleText(await waitForCardState(h.slack, CHANNEL, ts, /^(Succeeded|Failed|Refused by policy|Denied|Cancelled|Interrupted|Expired)/, 60_000));
  return { card, thread: threadText(h, ts) };
}

describe('GitOps commands through the pipeline (dev: open policy)', () => {
  let h: GitOpsHarness;

  beforeAll(async () => {
    h = await startGitOpsHarness({ name: 'gitops-commands', selfHealSeconds: 0.5 });
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('status of an Argo CD–owned app shows sync, health, automation and history', async () => {
    // The seed's last rollout may still be replacing pods on a loaded machine: ask once it is Healthy.
    await eventually(async () => (application(h, 'dev').status?.health?.status === 'Healthy' ? true : undefined), 60_000);
    const { card, thread } = await run(h, 'status argo-api dev');
    expect(card).toMatch(/Succeeded/);
    const text = `${card}\n${thread}`;
    expect(text).toContain('Argo CD Application argocd/argo-api');
    expect(text).toMatch(/sync: Synced at [0-9a-f]{7}/);
    expect(text).toMatch(/health: Healthy/);
    expect(text).toMatch(/auto-sync: on, self-heal on, prune on/);
    expect(text).toContain(`#2 ${h.revisions[2]!.slice(0, 7)}`);
  }, 60_000);

  it('history of a Flux-owned app lists the Kustomization’s revisions with their commits', async () => {
    const { card, thread } = await run(h, 'history flux-web dev');
    const text = `${card}\n${thread}`;
    expect(text).toContain('Deployments by Flux Kustomization flux-system/flux-web');
    for (const sha of h.revisions) expect(text).toContain(`main@sha1:${sha}`);
  }, 60_000);

  it('Argo CD sync: the operation set as the API server does, watched to Synced/Healthy on the new commit', async () => {
    const sha = await release(h, '1.3.0');
    const { card, thread } = await run(h, 'sync argo-api dev');
    expect(card).toMatch(/Succeeded/);
    expect(card).toMatch(/Synced and Healthy/);
    // The refresh may start Argo CD's own auto-sync of the new commit (then that one is watched), or ours runs.
    const adopted = /auto-sync started syncing/.test(thread);
    if (!adopted) expect(thread).toMatch(/operation\.sync set on Application argocd\/argo-api by shipmate:U0REQUEST1/);
    const app = application(h, 'dev');
    expect(imageOf(h, 'dev', 'argo-api')).toBe(image('argo-api', '1.3.0'));
    expect(app.status?.sync).toMatchObject({ status: 'Synced', revision: sha });
    expect(app.status?.history?.at(-1)).toMatchObject({ revision: sha, initiatedBy: adopted ? { automated: true } : { username: 'shipmate:U0REQUEST1' } });
  }, 60_000);

  it('sync also holds the lock of the owner object (one lock per Application), beside the workload lock', async () => {
    const { id, ts } = await request(h, 'sync argo-api dev');
    await waitForCardState(h.slack, CHANNEL, ts, /^(Succeeded|Failed)/, 60_000);
    const rec = await h.shipmate.pipeline.get(id);
    expect(rec?.plan?.extraLocks).toContainEqual({ cluster: 'dev', namespace: 'argocd', kind: 'Application', name: 'argo-api' });
  }, 60_000);

  it('sync is refused while another operation runs, naming it', async () => {
    const app = application(h, 'dev');
    const running = { phase: 'Running', startedAt: new Date().toISOString(), operation: { sync: { revision: h.revisions[0] }, initiatedBy: { username: 'alice' } } };
    await h.kube.cluster('dev').update({ ...app, status: { ...app.status, operationState: running } });
    const { card } = await run(h, 'sync argo-api dev');
    expect(card).toMatch(/another operation is already in progress/);
    expect(card).toMatch(/started by alice/);
    expect(card).toContain(h.revisions[0]!.slice(0, 7));
    const after = application(h, 'dev');
    expect(after.operation).toBeUndefined();
    await h.kube.cluster('dev').update({ ...after, status: { ...after.status, operationState: app.status?.operationState } });
  }, 60_000);

  it('Flux: suspend, a new commit is not picked up; resume and sync pick it up', async () => {
    const suspended = await run(h, 'suspend flux-web dev');
    expect(suspended.card).toMatch(/Succeeded/);
    expect(kustomization(h).spec.suspend).toBe(true);

    const sha = await release(h, '1.4.0');
    const sync = await run(h, 'sync flux-web dev');
    expect(sync.card).toMatch(/is suspended; run \/k8s resume first/);
    await h.kube.gitopsSettle?.();
    expect(imageOf(h, 'dev', 'flux-web')).toBe(image('flux-web', '1.2.0'));
    expect(kustomization(h).status?.lastAppliedRevision).not.toBe(`main@sha1:${sha}`);

    const resumed = await run(h, 'resume flux-web dev');
    expect(resumed.card).toMatch(/Succeeded/);
    expect(kustomization(h).spec.suspend).toBe(false);

    const synced = await run(h, 'sync flux-web dev');
    expect(synced.card).toMatch(/Succeeded/);
    expect(synced.thread).toMatch(/reconcile requested on GitRepository flux-system\/flux-web/);
    expect(kustomization(h).status?.lastAppliedRevision).toBe(`main@sha1:${sha}`);
    expect(imageOf(h, 'dev', 'flux-web')).toBe(image('flux-web', '1.4.0'));
  }, 120_000);

  it('Flux drift diff: an imperative image change shows as a unified diff against a server-side dry-run of the source', async () => {
    const kubectl = await kubectlFor(h.kube, 'dev');
    await must(kubectl('set', 'image', 'deployment/flux-web', '-n', 'shop', `flux-web=${image('flux-web', '9.9.9')}`));
    const { card, thread } = await run(h, 'diff flux-web dev');
    const text = `${card}\n${thread}`;
    // Issue 13: a server-side dry-run of the source Flux published, from Shipmate's own working copy.
    expect(text).toMatch(/1 resource\(s\) differ from Git at main@sha1:[0-9a-f]{7,} \(server-side dry-run of the source\): Deployment\/flux-web drifted/);
    const diff = /--- a\/deployment\/flux-web[\s\S]*?```/.exec(text)?.[0] ?? '';
    expect(diff).toMatch(/^-\s+- image: registry\.example\.com\/shop\/flux-web:9\.9\.9$/m);
    expect(diff).toMatch(new RegExp(`^\\+\\s+- image: ${image('flux-web', '').replace(/\./g, '\\.')}\\d`, 'm'));
    // Both sides are what the API server makes of them, so defaulted fields are context, never drift:
    // the image is the one changed line.
    const changed = diff.split('\n').filter((l) => /^[-+]\s/.test(l));
    expect(changed).toHaveLength(2);
    expect(changed.join('\n')).not.toMatch(/terminationMessagePath|imagePullPolicy/);
  }, 60_000);

  it('imperative upgrade of a GitOps-owned app is refused with the GitOps way instead', async () => {
    const { card } = await run(h, 'upgrade argo-api dev 2.0.0');
    expect(card).toMatch(/Refused by policy/);
    expect(card).toMatch(/Argo CD Application argo-api syncs this workload from Git/);
    expect(card).toMatch(/instead: change the image tag in Git, then \/k8s sync/);
    expect(imageOf(h, 'dev', 'argo-api')).toBe(image('argo-api', '1.3.0'));
  }, 60_000);

  it('the Diff button of a GitOps alert runs /k8s diff for the clicker, through the same pipeline', async () => {
    const alert = renderChannelMessage({
      text: 'GitOps alerts: 1 new',
      groups: [],
      actions: [{ text: 'kustomization/flux-system/flux-web in dev/shop: suspended', buttons: [{ label: 'Sync', command: 'sync flux-web dev' }, { label: 'Diff', command: 'diff flux-web dev' }] }],
    });
    const client = new WebClient('xoxb-sim', { slackApiUrl: h.slack.apiUrl });
    const posted = await client.chat.postMessage({ channel: CHANNEL, text: alert.text, blocks: alert.blocks });
    const before = h.slack.messages(CHANNEL).length;
    await h.slack.clickButton({ user: USERS.bystander, channel: CHANNEL, messageTs: posted.ts ?? '', text: 'Diff' });
    const card = await h.slack.waitFor(() => h.slack.messages(CHANNEL).slice(before).find((m) => /diff flux-web dev/.test(visibleText(m)) && /Succeeded/.test(visibleText(m))), 30_000);
    expect(visibleText(card)).toContain(`<@${USERS.bystander}>`);
    expect(visibleText(card)).toMatch(/drift|no drift/);
  }, 60_000);

  it('Argo CD suspend remembers the exact policy; resume restores it; resume with nothing remembered says what to do', async () => {
    const policy = structuredClone(application(h, 'dev').spec.syncPolicy?.automated);
    const suspended = await run(h, 'suspend argo-api dev');
    expect(suspended.card).toMatch(/Succeeded/);
    expect(application(h, 'dev').spec.syncPolicy?.automated).toBeUndefined();
    expect(JSON.parse(application(h, 'dev').metadata.annotations?.['shipmate.dev/suspended-sync-policy'] ?? 'null')).toEqual(policy);
    expect((await run(h, 'suspend argo-api dev')).card).toMatch(/already suspended/);

    expect((await run(h, 'resume argo-api dev')).card).toMatch(/Succeeded/);
    expect(application(h, 'dev').spec.syncPolicy?.automated).toEqual(policy);

    // Automation turned off by hand, outside Shipmate: nothing to restore, and the answer says where to set it.
    const app = application(h, 'dev');
    await h.kube.cluster('dev').update({ ...app, spec: { ...app.spec, syncPolicy: {} } });
    expect((await run(h, 'resume argo-api dev')).card).toMatch(/no policy remembered by \/k8s suspend; set spec\.syncPolicy\.automated/);
  }, 90_000);

  it('status still answers when the owner object is gone, and says so', async () => {
    await h.kube.cluster('dev').delete('argoproj.io/v1alpha1', 'Application', 'argocd', 'argo-api');
    const { card, thread } = await run(h, 'status argo-api dev');
    expect(card).toMatch(/Succeeded/);
    expect(`${card}\n${thread}`).toMatch(/Owner: Argo CD Application argocd\/argo-api[\s\S]*could not be read/);
  }, 60_000);
});

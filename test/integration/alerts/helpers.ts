import { deleteKeys as deleteKeysMatching } from '../../support/redis-keys.js';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { pino } from 'pino';
import type { AlertsConfig, AppConfig, EnvironmentConfig } from '../../../src/config/types.js';
import type { ChannelMessage, NotifierPort } from '../../../src/core/notifier.js';
import { renderChannelMessage } from '../../../src/slack/views/channel-message.js';
import type { ClusterScanResult, Finding } from '../../../src/k8s/scans/finding.js';
import type { HygieneScanner } from '../../../src/k8s/scans/hygiene-scanner.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const silentLogger = pino({ level: 'silent' });

export function uniquePrefix(name: string): string {
  return `test-${name}-${randomUUID().slice(0, 8)}`;
}

export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  await deleteKeysMatching(redis, `${prefix}:*`);
}

/** A channel message as Slack would show it: fallback text, section texts, context lines, file. */
export interface ShownChannelMessage {
  text: string;
  sections: string[];
  context: string[];
  file?: ChannelMessage['file'];
}

/** Records channel messages, rendered by the real view, like slack-sim would, without Slack. */
export function recordingNotifier(): NotifierPort & { messages: { channel: string; message: ShownChannelMessage }[] } {
  const messages: { channel: string; message: ShownChannelMessage }[] = [];
  return {
    messages,
    cardChanged: async () => {},
    threadReply: async () => {},
    threadFile: async () => {},
    channelMessage: async (channel, message) => {
      messages.push({ channel, message: shown(message) });
    },
  };
}

export const DAY = 86_400_000;

export const alertsConfig = (remindEveryMs = DAY): AlertsConfig => ({
  certificates: { schedule: '0 9 * * 1-5', timezone: 'Europe/Berlin', channel: 'C0ALERTS', remindEveryMs, warnDays: 21, criticalDays: 7 },
  quotas: { schedule: '*/30 * * * *', timezone: 'Europe/Berlin', channel: 'C0QUOTA', remindEveryMs, warnPercent: 80, criticalPercent: 95 },
});

export const environments: Record<string, EnvironmentConfig> = {
  prod: { cluster: 'prod-eu', namespace: 'shop', policy: 'production' },
  dev: { cluster: 'dev', namespace: 'shop-dev', policy: 'open' },
};

export const apps: Record<string, AppConfig> = {
  'api-service': { workload: { kind: 'Deployment', name: 'api-service' }, owners: ['S0PAYMENTS'] },
};

export function certFinding(name: string, severity: Finding['severity'], days: number, cluster = 'prod-eu'): Finding {
  return {
    key: `cert/secret/shop/${name}/0`,
    severity,
    cluster,
    namespace: 'shop',
    object: `secret/${name}`,
    summary: `leaf CN=${name} expires in ${days} days`,
  };
}

/** A scanner whose answers the test sets per cluster: a process-edge fake for the cluster API. */
export function scriptedScanner(): HygieneScanner & { set(cluster: string, result: Finding[] | string): void; calls: number } {
  const answers = new Map<string, Finding[] | string>();
  const scanner = Object.assign(
    async (req: Parameters<HygieneScanner>[0]): Promise<ClusterScanResult> => {
      scanner.calls += 1;
      const answer = answers.get(req.cluster) ?? [];
      return typeof answer === 'string'
        ? { ok: false, cluster: req.cluster, reason: answer }
        : { ok: true, cluster: req.cluster, findings: answer, scanned: answer.length, notes: [] };
    },
    { calls: 0, set: (cluster: string, result: Finding[] | string) => void answers.set(cluster, result) },
  );
  return scanner;
}

function shown(message: ChannelMessage): ShownChannelMessage {
  const rendered = renderChannelMessage(message);
  const sections: string[] = [];
  const context: string[] = [];
  for (const b of rendered.blocks) {
    if (b.type === 'section' && b.text) sections.push(b.text.text);
    if (b.type === 'context') for (const e of b.elements) if ('text' in e) context.push(e.text);
  }
  return { text: rendered.text, sections, context, ...(message.file ? { file: message.file } : {}) };
}

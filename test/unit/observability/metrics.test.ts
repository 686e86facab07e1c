import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createMetrics } from '../../../src/observability/metrics.js';

const silent = pino({ level: 'silent' });

describe('createMetrics', () => {
  it('counts a call reported as rate_limited in the 429 family too', async () => {
    const m = createMetrics({ logger: silent });
    m.slackCall('chat.update', 'rate_limited');
    const { body } = await m.render();
    expect(body).toContain('shipmate_slack_api_calls_total{method="chat.update",outcome="rate_limited"} 1');
    expect(body).toContain('shipmate_slack_rate_limited_total{method="chat.update"} 1');
  });

  it('renders every Shipmate family with its labels in Prometheus text', async () => {
    const m = createMetrics({ logger: silent });
    m.request('rollback', 'accepted');
    m.request('unknown', 'usage_error');
    m.approval('approved');
    m.approval('refused');
    m.jobFinished('rollback', 'succeeded', 12.5);
    m.slackCall('chat.postMessage', 'ok');
    m.slackRateLimited('chat.update');
    m.k8sCall({ cluster: 'prod-eu', verb: 'patch', code: 200, ms: 42 });
    m.setQueueSource(async () => [{ queue: 'ops', counts: { waiting: 3, active: 1 } }]);

    const { contentType, body } = await m.render();
    expect(contentType).toMatch(/^text\/plain/);
    expect(body).toContain('shipmate_requests_total{command="rollback",outcome="accepted"} 1');
    expect(body).toContain('shipmate_requests_total{command="unknown",outcome="usage_error"} 1');
    expect(body).toContain('shipmate_approvals_total{decision="approved"} 1');
    expect(body).toContain('shipmate_approvals_total{decision="refused"} 1');
    expect(body).toContain('shipmate_job_duration_seconds_bucket{le="30",command="rollback",outcome="succeeded"} 1');
    expect(body).toContain('shipmate_job_duration_seconds_sum{command="rollback",outcome="succeeded"} 12.5');
    expect(body).toContain('shipmate_slack_api_calls_total{method="chat.postMessage",outcome="ok"} 1');
    expect(body).toContain('shipmate_slack_rate_limited_total{method="chat.update"} 1');
    expect(body).toContain('shipmate_k8s_api_calls_total{cluster="prod-eu",verb="patch",code="200"} 1');
    expect(body).toContain('shipmate_k8s_api_request_duration_seconds_sum{cluster="prod-eu",verb="patch"} 0.042');
    expect(body).toContain('shipmate_queue_jobs{queue="ops",state="waiting"} 3');
    expect(body).toContain('shipmate_queue_jobs{queue="ops",state="active"} 1');
    // States the source left out are reported as 0, so dashboards see a complete set.
    expect(body).toContain('shipmate_queue_jobs{queue="ops",state="failed"} 0');
    expect(body).toContain('shipmate_queue_source_up 1');
    expect(body).toContain('process_cpu_user_seconds_total');
  });

  it('reads the queue source once per scrape and drops queues that disappeared', async () => {
    const m = createMetrics({ processMetrics: false });
    let reads = 0;
    let queues = ['ops', 'notify'];
    m.setQueueSource(async () => {
      reads++;
      return queues.map((queue) => ({ queue, counts: { waiting: 1 } }));
    });
    expect((await m.render()).body).toContain('shipmate_queue_jobs{queue="notify",state="waiting"} 1');
    expect(reads).toBe(1);
    queues = ['ops'];
    const { body } = await m.render();
    expect(body).not.toContain('queue="notify"');
    expect(body).toContain('shipmate_queue_jobs{queue="ops",state="waiting"} 1');
  });

  it('still answers the scrape when the queue source fails, and says so', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (l: string) => lines.push(l) });
    const m = createMetrics({ logger, processMetrics: false });
    m.request('status', 'accepted');
    m.setQueueSource(async () => {
      throw new Error('redis down');
    });
    const { body } = await m.render();
    expect(body).toContain('shipmate_queue_source_up 0');
    expect(body).not.toContain('shipmate_queue_jobs{');
    expect(body).toContain('shipmate_requests_total{command="status",outcome="accepted"} 1');
    expect(lines.join('')).toContain('reading queue counts failed');
  });

  it('keeps two instances apart (no global registry)', async () => {
    const a = createMetrics({ processMetrics: false });
    const b = createMetrics({ processMetrics: false });
    a.approval('denied');
    expect((await a.render()).body).toContain('shipmate_approvals_total{decision="denied"} 1');
    expect((await b.render()).body).not.toContain('decision="denied"');
  });
});

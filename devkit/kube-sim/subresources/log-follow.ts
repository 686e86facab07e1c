import type { Call } from '../call.js';
import type { LogQuery } from '../context.js';
import { isPodTerminal } from '../controllers/pod-util.js';
import type { KubeObject } from '../types.js';

const POLL_MS = 100;

/**
 * `follow=true`: write what the container has logged so far, then each new line as it is written,
 * until the pod is gone or has finished (after a last flush), or the client hangs up.
 */
export function followLog(call: Call, pod: KubeObject, query: LogQuery): number {
  const { ctx, res, req, route } = call;
  const first = ctx.podLogs(pod, query);
  const whole: LogQuery = { previous: false, timestamps: query.timestamps, ...(query.container ? { container: query.container } : {}) };
  let sent = ctx.podLogs(pod, whole).length;
  res.writeHead(200, { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
  res.write(first);
  const timer = setInterval(() => {
    const now = ctx.api.store.get(route.type, route.namespace, pod.metadata.name);
    if (!now || now.metadata.uid !== pod.metadata.uid) return stop();
    let text: string;
    try {
      text = ctx.podLogs(now, whole);
    } catch {
      return stop();
    }
    if (text.length > sent) res.write(text.slice(sent));
    sent = Math.max(sent, text.length);
    if (isPodTerminal(now)) stop();
  }, POLL_MS);
  timer.unref();
  function stop(): void {
    clearInterval(timer);
    if (!res.writableEnded) res.end();
  }
  req.on('close', stop);
  res.on('close', stop);
  return 200;
}

import type { AddressInfo } from 'node:net';
import { AppDriver } from './app-driver.js';
import { createConsoleRoutes } from './console/routes.js';
import { ResponseUrls } from './response-urls.js';
import { createSimServer } from './server.js';
import { signedHeaders } from './signing.js';
import { SocketHub } from './socket-hub.js';
import { createState, resolveOptions } from './state.js';
import type { SimEphemeral, SimMessage, SlackSim, SlackSimOptions } from './types.js';

function snapshot(m: SimMessage): SimMessage {
  const copy: SimMessage = { ...m, blocks: structuredClone(m.blocks), replies: m.replies.map(snapshot), files: [...m.files] };
  if (m.pinnedTo) copy.pinnedTo = [...m.pinnedTo];
  return copy;
}

async function waitFor<T>(fn: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`slack-sim waitFor: condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Start a Slack-compatible Web API + Socket Mode server (and the web console) on a real port. */
export async function startSlackSim(options: SlackSimOptions = {}): Promise<SlackSim> {
  const opts = resolveOptions(options);
  const state = createState(options, opts);
  const hub = new SocketHub({ ackTimeoutMs: opts.ackTimeoutMs, pingIntervalMs: opts.pingIntervalMs });
  const responses = new ResponseUrls(state);
  const driver = new AppDriver(state, hub, responses);
  const server = createSimServer({
    state, hub, responses,
    ...(opts.console ? { extraRoutes: createConsoleRoutes({ state, driver }) } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  state.url = `http://${opts.host}:${port}`;

  return {
    url: state.url,
    apiUrl: `${state.url}/api/`,
    calls: state.calls,
    callsTo: (method) => state.calls.filter((c) => c.method === method),
    messages: (channel) => (state.ws.resolveChannel(channel) ? state.ws.list(state.ws.resolveChannel(channel)?.id ?? channel).map(snapshot) : []),
    thread: (channel, ts) => {
      const root = state.ws.find(state.ws.resolveChannel(channel)?.id ?? channel, ts);
      return root ? [snapshot(root), ...root.replies.map(snapshot)] : [];
    },
    pins: (channel) => state.ws.pins(state.ws.resolveChannel(channel)?.id ?? channel),
    ephemerals: (user) => state.ws.ephemerals.filter((e) => user === undefined || e.user === user).map((e): SimEphemeral => ({ ...e })),
    responses: state.responses,
    files: state.files,
    setEventsUrl: (url) => {
      opts.eventsUrl = url;
    },
    slashCommand: (p) => driver.slashCommand(p),
    clickButton: (p) => driver.clickButton(p),
    signedHeaders: (rawBody, ts) => signedHeaders(opts.signingSecret, rawBody, ts),
    rateLimit: (p) => state.limiter.force(p),
    waitFor,
    socketConnections: () => hub.connections(),
    disconnectSockets: () => hub.disconnectAll(),
    stop: async () => {
      await hub.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * slack-sim: a Slack-compatible Web API + Socket Mode server with a web console, for tests and
 * the demo. The real Bolt app runs against it unmodified via `slackApiUrl` / SLACK_API_URL.
 */
export { startSlackSim } from './sim.js';
export { signSlackRequest } from './signing.js';
export { validateBlocks, MAX_TOTAL_BLOCK_TEXT, type BlockCheck } from './block-kit.js';
export type {
  ClickButtonInput, ConsoleUsers, DeliveryResult, RateLimitInput, RecordedCall, ResponseUrlPost, SimChannel,
  SimEphemeral, SimFile, SimMessage, SimPin, SimUser, SlackSim, SlackSimOptions, SlashCommandInput,
} from './types.js';

export { renderRequestCard, type RequestCard } from './request-card.js';
export { ACTION_IDS } from './card-buttons.js';
export { stateLabel } from './state-label.js';
export {
  renderReceipt,
  renderUsageError,
  renderDenial,
  renderBusy,
  renderHelp,
  renderPlainEphemeral,
  type DenialView,
  type BusyHolder,
} from './ephemeral-replies.js';
export { renderResultSections, type RenderedResult } from './result-sections.js';
export { renderChannelMessage } from './channel-message.js';
export { renderJobsList } from './jobs-list.js';
export { renderAuditEntries } from './audit-entries.js';
export { enforceLimits, LIMITS, totalTextLength } from './limits.js';
export { escapeMrkdwn } from './mrkdwn.js';
export type { SlackMessage, SlackMessageWithFiles } from './message.js';

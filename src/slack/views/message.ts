import type { KnownBlock } from '@slack/types';
import type { OperationFile } from '../../core/plan.js';

/** A message ready for chat.postMessage / chat.update / respond: `text` is the notification fallback. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** A message plus content too long for blocks, to be uploaded as a file next to it. */
export interface SlackMessageWithFiles extends SlackMessage {
  files: OperationFile[];
}

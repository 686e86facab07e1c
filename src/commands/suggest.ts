import { closestNames } from '../core/closest.js';

// Slack input is typed by people: a long garbage token would only make the distance table large
// for no useful answer, so only its start is compared.
const MAX_TYPED_LENGTH = 64;

/** Up to `limit` (default 3) known names near what the user typed, nearest first; [] when nothing is close. */
export function closest(input: string, known: Iterable<string>, limit = 3): string[] {
  return closestNames(input, known, { limit, maxInputLength: MAX_TYPED_LENGTH });
}

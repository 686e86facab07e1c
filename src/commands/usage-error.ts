import { ShipmateError } from '../core/errors.js';

/**
 * The command line could not be understood. `userMessage` says what was wrong and what would be
 * right (usage line and an example); `suggestions` are the closest valid choices, nearest first.
 */
export class UsageError extends ShipmateError {
  readonly suggestions: string[];
  constructor(userMessage: string, suggestions: readonly string[] = []) {
    super('usage', userMessage);
    this.suggestions = [...suggestions];
  }
}

/**
 * Thrown inside argument parsers and turned into a UsageError (with the command's usage appended)
 * by parseInvocation; it never leaves this layer.
 */
export class ArgProblem extends Error {
  readonly suggestions: string[];
  constructor(message: string, suggestions: readonly string[] = []) {
    super(message);
    this.name = 'ArgProblem';
    this.suggestions = [...suggestions];
  }
}

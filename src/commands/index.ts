export { parseInvocation, type ParseResult } from './parse-invocation.js';
export { resolveScope, type ScopeResult } from './resolve-scope.js';
export { helpText, type HelpAccess, type HelpCaller, type HelpDoc, type HelpWhere } from './help-text.js';
export { commandSpecs, commandSpec, isMutating } from './registry.js';
export { UsageError } from './usage-error.js';
export { tokenize } from './tokenize.js';
export { parseImageRef, type ImageRef } from './validate/oci-reference.js';
export { isDnsLabel, isDnsSubdomain } from './validate/kube-names.js';
export type { CommandSpec, AnyCommandSpec, FlagSpec, ParseContext, ParsedArgs } from './spec.js';

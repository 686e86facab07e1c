import { InvalidError } from '../../core/errors.js';

// The OCI distribution grammar for a tag.
const TAG = /^[\w][\w.-]{0,127}$/;
const VALUES_PATH = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/;

/** The tag an `upgrade` of a Helm-owned app sets: a bare OCI tag, nothing else. */
export function helmImageTag(image: string): string {
  if (TAG.test(image)) return image;
  throw new InvalidError(
    `"${image.slice(0, 140)}" is not a bare image tag; for a Helm-owned app give just the tag (e.g. v1.4.3): Shipmate sets it in the release's values and the chart builds the image reference`,
  );
}

/**
 * `key=value` for `--set-string`: helm's strvals parser splits on `,` and treats `\` as an escape
 * (and `.`/`[` in keys as nesting), so the key is checked and the value's specials are escaped.
 * Tags never contain them; this keeps it true for any caller.
 */
export function setStringArg(valuesPath: string, value: string): string {
  if (!VALUES_PATH.test(valuesPath)) throw new InvalidError(`"${valuesPath}" is not a values path such as image.tag`);
  return `${valuesPath}=${value.replace(/[\\,]/g, (c) => `\\${c}`)}`;
}

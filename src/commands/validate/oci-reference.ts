/** A parsed OCI image reference: `[registry[:port]/]path[:tag][@sha256:…]`, or a bare tag. */
export interface ImageRef {
  registry?: string;
  repository?: string;
  tag?: string;
  digest?: string;
}

const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$/;

function isHost(text: string): boolean {
  const colon = text.lastIndexOf(':');
  const host = colon >= 0 ? text.slice(0, colon) : text;
  const port = colon >= 0 ? text.slice(colon + 1) : undefined;
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) <= 65535)) return false;
  return host.split('.').every((c) => DOMAIN_COMPONENT.test(c));
}

/** As in the distribution grammar: the first component is a registry when it has '.' or ':' or is localhost. */
function looksLikeRegistry(first: string): boolean {
  return first.includes('.') || first.includes(':') || first === 'localhost';
}

/**
 * Parses what `upgrade` accepts: a bare tag (`v1.4.2`), a digest (`@sha256:…` or `sha256:…`), or a
 * full reference with a tag and/or digest. Returns a reason string when it is not one.
 */
export function parseImageRef(text: string): ImageRef | string {
  if (TAG.test(text)) return { tag: text };
  const bareDigest = text.replace(/^@/, '');
  if (DIGEST.test(bareDigest)) return { digest: bareDigest };
  if (text.length > 512) return 'the reference is too long';
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return 'the digest must be sha256: followed by 64 lowercase hex digits';
  }
  let tag: string | undefined;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return `"${tag}" is not a valid tag (letters, digits, "_", "." and "-"; at most 128)`;
  }
  const parts = rest.split('/');
  const registry = parts.length > 1 && looksLikeRegistry(parts[0]!) ? parts.shift() : undefined;
  if (registry !== undefined && !isHost(registry)) return `"${registry}" is not a valid registry host[:port]`;
  if (parts.length === 0 || parts.some((p) => !PATH_COMPONENT.test(p))) {
    return 'repository path components must be lowercase letters and digits separated by ".", "_", "__" or "-"';
  }
  const repository = parts.join('/');
  if ((registry ? registry.length + 1 : 0) + repository.length > 255) return 'the image name is longer than 255 characters';
  if (tag === undefined && digest === undefined) return `give a tag or digest (e.g. ${repository}:v1.2.3): an implicit "latest" is not deployable`;
  const ref: ImageRef = { repository };
  if (registry !== undefined) ref.registry = registry;
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

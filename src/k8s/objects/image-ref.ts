import { InvalidError } from '../../core/errors.js';

const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
// OCI distribution reference grammar, simplified: [host[:port]/]path[:tag][@digest]
const REFERENCE =
  /^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$/;

/**
 * What the user typed is a bare tag when it has no `/`, `:` or `@` (e.g. `v1.4.2`): the current
 * image keeps its repository and gets that tag. Anything else is a full reference that replaces
 * the image (so `nginx` alone counts as a tag; `library/nginx` or `nginx:1.27` name an image).
 */
export function isBareTag(input: string): boolean {
  return !/[/:@]/.test(input);
}

/** The repository part of an image reference: without tag and digest; a registry port stays. */
export function imageRepository(image: string): string {
  const noDigest = image.split('@')[0] ?? image;
  const slash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

/** The tag (or digest) shown to people, e.g. `v1.4.2`; '' when the image has neither. */
export function imageTag(image: string): string {
  const at = image.indexOf('@');
  if (at >= 0) return image.slice(at + 1);
  const repo = imageRepository(image);
  return image.length > repo.length ? image.slice(repo.length + 1) : '';
}

/** The image to set for `typed` given the container's current image. */
export function resolveImage(currentImage: string, typed: string): string {
  if (isBareTag(typed)) {
    if (!TAG.test(typed)) throw new InvalidError(`"${typed}" is not a valid image tag`);
    return `${imageRepository(currentImage)}:${typed}`;
  }
  if (!REFERENCE.test(typed)) throw new InvalidError(`"${typed}" is not a valid image reference`);
  return typed;
}

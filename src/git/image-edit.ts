import { isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { InvalidError } from '../core/errors.js';

/** Where the tag lives in an app's directory (mirrors `apps.<app>.gitops.image`). */
export type ImageLocation = { kustomize: string } | { helmValues: string; key: string };

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

/** A tag (`1.5.0`) or a digest (`sha256:…`): what a promotion copies. */
export type ImageVersion = { tag: string } | { digest: string };

export function versionText(v: ImageVersion | undefined): string {
  if (!v) return '(none)';
  return 'tag' in v ? v.tag : v.digest;
}

export function versionOf(text: string): ImageVersion {
  return /^sha256:[0-9a-f]{64}$/.test(text) ? { digest: text } : { tag: text };
}

function parse(text: string, file: string): Document {
  const doc = parseDocument(text);
  if (doc.errors.length) throw new InvalidError(`${file} is not valid YAML: ${doc.errors[0]?.message ?? ''}`);
  return doc;
}

function imageEntry(doc: Document, file: string, name: string): unknown {
  const images = doc.get('images');
  const entry = isSeq(images) ? images.items.find((i) => isMap(i) && i.get('name') === name) : undefined;
  if (!entry || !isMap(entry)) {
    const names = isSeq(images) ? images.items.map((i) => (isMap(i) ? String(i.get('name')) : '?')) : [];
    throw new InvalidError(`image ${name} is not in the images: list of ${file} (it lists ${names.join(', ') || 'no images'}); check apps.<app>.gitops.image.kustomize`);
  }
  return entry;
}

/** The version an overlay pins, read without changing anything. */
export function readImage(text: string, file: string, where: ImageLocation): ImageVersion | undefined {
  const doc = parse(text, file);
  if ('kustomize' in where) {
    const entry = imageEntry(doc, file, where.kustomize);
    if (!isMap(entry)) return undefined;
    const digest = entry.get('digest');
    if (typeof digest === 'string') return { digest };
    const tag = entry.get('newTag');
    return tag === undefined || tag === null ? undefined : { tag: String(tag) };
  }
  const value = doc.getIn(where.key.split('.'));
  return value === undefined || value === null ? undefined : versionOf(String(value));
}

/**
 * Sets the version, keeping every other line, comment and the key order as they were (the `yaml`
 * package edits the document in place). A tag always becomes a quoted string: `1.10` is not a number.
 */
export function writeImage(text: string, file: string, where: ImageLocation, version: ImageVersion): string {
  const doc = parse(text, file);
  const value = 'tag' in version ? version.tag : version.digest;
  if ('kustomize' in where) {
    const entry = imageEntry(doc, file, where.kustomize);
    if (!isMap(entry)) return text;
    const [key, other] = 'tag' in version ? ['newTag', 'digest'] : ['digest', 'newTag'];
    setKeepingComment(doc, entry, [key], value);
    entry.delete(other);
  } else {
    if (!doc.hasIn(where.key.split('.'))) throw new InvalidError(`${file} has no ${where.key}; check apps.<app>.gitops.image.key`);
    setKeepingComment(doc, doc, where.key.split('.'), value);
  }
  quoteTags(doc, where);
  return doc.toString();
}

/** Changes the scalar in place, so a comment on its line stays; creates it when absent. */
function setKeepingComment(doc: Document, parent: { getIn(path: string[], keep: true): unknown; setIn(path: string[], v: unknown): void }, path: string[], value: string): void {
  const node = parent.getIn(path, true);
  if (isScalar(node)) node.value = value;
  else parent.setIn(path, doc.createNode(value));
}

function quoteTags(doc: Document, where: ImageLocation): void {
  const nodes: unknown[] = [];
  if ('kustomize' in where) {
    const images = doc.get('images');
    if (isSeq(images)) for (const i of images.items) if (isMap(i) && i.get('name') === where.kustomize) nodes.push(i.get('newTag', true), i.get('digest', true));
  } else {
    nodes.push(doc.getIn(where.key.split('.'), true));
  }
  for (const n of nodes) if (isScalar(n)) n.type = 'QUOTE_DOUBLE';
}

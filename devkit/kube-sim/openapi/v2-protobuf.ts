import protobuf from 'protobufjs';
import { stringify } from 'yaml';
import { kubeSimDataPath } from '../data-path.js';
import type { Obj } from '../types.js';
import { isObj } from '../types.js';

/** The media type kubectl and helm ask /openapi/v2 for (gnostic's openapi_v2.Document). */
export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';

type Msg = Record<string, unknown>;

/** gnostic carries free-form values (vendor extensions, enums, defaults) as YAML text. */
const yamlAny = (value: unknown): Msg => ({ yaml: stringify(value) });

function typeItem(type: unknown): Msg | undefined {
  if (typeof type === 'string') return { value: [type] };
  return Array.isArray(type) ? { value: type.filter((t) => typeof t === 'string') } : undefined;
}

const STRINGS = ['format', 'title', 'description', 'pattern', 'discriminator'] as const;

function schema(s: Obj): Msg {
  // OpenAPI v2 cannot say "these fields and any others"; the apiserver publishes such nodes
  // without their structure, which kubectl's v2 validator then treats as arbitrary.
  if (s['x-kubernetes-preserve-unknown-fields'] === true) s = Object.fromEntries(Object.entries(s).filter(([k]) => !['properties', 'items', 'additionalProperties', 'required'].includes(k)));
  const out: Msg = {};
  if (typeof s.$ref === 'string') out._ref = s.$ref;
  for (const key of STRINGS) if (typeof s[key] === 'string') out[key] = s[key];
  const type = typeItem(s.type);
  if (type) out.type = type;
  if (Array.isArray(s.required)) out.required = s.required;
  if (Array.isArray(s.enum)) out.enum = s.enum.map(yamlAny);
  if (s.default !== undefined) out.default = yamlAny(s.default);
  if (isObj(s.items)) out.items = { schema: [schema(s.items)] };
  if (Array.isArray(s.allOf)) out.all_of = s.allOf.filter(isObj).map(schema);
  if (isObj(s.properties)) out.properties = { additional_properties: Object.entries(s.properties).filter(([, v]) => isObj(v)).map(([name, v]) => ({ name, value: schema(v as Obj) })) };
  if (isObj(s.additionalProperties)) out.additional_properties = { schema: schema(s.additionalProperties) };
  else if (typeof s.additionalProperties === 'boolean') out.additional_properties = { boolean: s.additionalProperties };
  const extensions = Object.entries(s).filter(([k]) => k.startsWith('x-'));
  if (extensions.length) out.vendor_extension = extensions.map(([name, v]) => ({ name, value: yamlAny(v) }));
  return out;
}

/**
 * Encodes the swagger document as the protobuf kubectl's OpenAPI v2 client insists on (it sends
 * no JSON Accept type): client-side validation of `kind: List` files and `explain
 * --output plaintext-openapiv2` read it. Only the definitions are carried; paths stay empty.
 */
export class SwaggerProtobuf {
  private documentType: protobuf.Type | undefined;

  private type(): protobuf.Type {
    if (this.documentType) return this.documentType;
    const root = new protobuf.Root();
    root.loadSync(kubeSimDataPath('openapi/proto/OpenAPIv2.proto'), { keepCase: true });
    this.documentType = root.lookupType('openapi.v2.Document');
    return this.documentType;
  }

  encode(doc: Obj): Buffer {
    const definitions = isObj(doc.definitions) ? doc.definitions : {};
    const message = {
      swagger: '2.0',
      info: isObj(doc.info) ? doc.info : {},
      paths: { path: [] },
      definitions: { additional_properties: Object.entries(definitions).filter(([, v]) => isObj(v)).map(([name, v]) => ({ name, value: schema(v as Obj) })) },
    };
    const type = this.type();
    return Buffer.from(type.encode(type.fromObject(message)).finish());
  }
}

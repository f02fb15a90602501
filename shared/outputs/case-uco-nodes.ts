// The CASE 1.x / UCO 1.x vocabulary data/case.jsonld is written in: its JSON-LD context, node ids derived from the
// journal (so the verifier rebuilds the same bytes), and the shapes of the nodes (URL, file with its SHA-256, tool).
import { sha1 } from '@noble/hashes/legacy.js';
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';

const UCO = 'https://ontology.unifiedcyberontology.org/uco/';

/** The prefixes every term in case.jsonld uses. `kb` makes each node id a urn:uuid IRI. */
export const CASE_CONTEXT = {
  'case-investigation': 'https://ontology.caseontology.org/case/investigation/',
  kb: 'urn:uuid:',
  'uco-action': `${UCO}action/`,
  'uco-core': `${UCO}core/`,
  'uco-identity': `${UCO}identity/`,
  'uco-observable': `${UCO}observable/`,
  'uco-tool': `${UCO}tool/`,
  'uco-types': `${UCO}types/`,
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

/** A JSON-LD node or value as case.jsonld writes it. */
export type JsonLd = { [key: string]: JsonLdValue };
export type JsonLdValue = string | JsonLd | JsonLdValue[];

export const ref = (id: string): JsonLd => ({ '@id': id });
export const dateTime = (at: string): JsonLd => ({ '@type': 'xsd:dateTime', '@value': at });
export const integer = (n: number): JsonLd => ({ '@type': 'xsd:integer', '@value': String(n) });

/** The namespace of every name-based UUID in case.jsonld (RFC 9562 section 5.5), fixed for Countersign. */
export const CASE_ID_NAMESPACE = 'b254c801-c8a7-4cc6-89d0-13a7252c7624';

/** SHA-1 of bytes: noble's here, or the engine's own where the caller has it (it is some ten times faster). */
export type Sha1 = (bytes: Uint8Array) => Uint8Array;

/**
 * Ids for the nodes of one incident: a name-based UUID (RFC 9562 version 5) of the incident's opening entry hash and
 * the node's role, so the same journal always gives the same ids and two incidents never share one. SHA-1 here only
 * makes an identifier, as RFC 9562 specifies; nothing relies on it for integrity.
 */
export const nodeIds =
  (incidentHash: string, hash: Sha1 = sha1) =>
  (role: string): string => {
    const name = utf8ToBytes(`${incidentHash}\n${role}`);
    const b = hash(concatBytes(hexToBytes(CASE_ID_NAMESPACE.replace(/-/g, '')), name)).slice(0, 16);
    b[6] = ((b[6] ?? 0) & 0x0f) | 0x50;
    b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
    const h = bytesToHex(b);
    return `kb:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
export type NodeIds = ReturnType<typeof nodeIds>;

export const urlNode = (id: NodeIds, url: string): JsonLd => ({
  '@id': id(`url ${url}`),
  '@type': 'uco-observable:URL',
  'uco-core:hasFacet': [
    { '@id': id(`url facet ${url}`), '@type': 'uco-observable:URLFacet', 'uco-observable:fullValue': url },
  ],
});

export interface FileFacts {
  /** What the node is for, unique in the incident (e.g. "capture <sha256>"). */
  role: string;
  name: string;
  sha256: string;
  bytes?: number;
  mimeType?: string;
  description: string;
}

/** A file known by its SHA-256: a UCO File with a FileFacet (name, size) and a ContentDataFacet (hash, type). */
export const fileNode = (id: NodeIds, f: FileFacts): JsonLd => ({
  '@id': id(f.role),
  '@type': 'uco-observable:File',
  'uco-core:description': f.description,
  'uco-core:hasFacet': [
    {
      '@id': id(`${f.role} file facet`),
      '@type': 'uco-observable:FileFacet',
      'uco-observable:fileName': f.name,
      ...(f.bytes !== undefined ? { 'uco-observable:sizeInBytes': integer(f.bytes) } : {}),
    },
    {
      '@id': id(`${f.role} content facet`),
      '@type': 'uco-observable:ContentDataFacet',
      ...(f.mimeType !== undefined ? { 'uco-observable:mimeType': f.mimeType } : {}),
      'uco-observable:hash': [
        {
          '@id': id(`${f.role} sha256`),
          '@type': 'uco-types:Hash',
          // UCO 1.4 asks for a plain string from its HashNameVocab list (a typed literal is deprecated).
          'uco-types:hashMethod': 'SHA256',
          'uco-types:hashValue': { '@type': 'xsd:hexBinary', '@value': f.sha256 },
        },
      ],
    },
  ],
});

export const personNode = (id: NodeIds, p: { id: string; name: string; description: string }): JsonLd => ({
  '@id': id(`person ${p.id}`),
  '@type': 'uco-identity:Person',
  'uco-core:name': p.name,
  'uco-core:description': p.description,
});

export const toolNode = (id: NodeIds, version: string): JsonLd => ({
  '@id': id('tool'),
  '@type': 'uco-tool:Tool',
  'uco-core:name': 'Countersign',
  'uco-tool:toolType': 'Two-person review of websites of concern: evidence browser, hash-chained journal, bundle',
  'uco-tool:version': version,
});

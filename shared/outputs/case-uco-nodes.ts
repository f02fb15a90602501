// The CASE 1.x / UCO 1.x vocabulary data/case.jsonld is written in: its JSON-LD context, node ids derived from the
// journal (so the verifier rebuilds the same bytes), and the shapes of the nodes (URL, file with its SHA-256, tool).
import type { CryptoPort } from '../evidence/chain';

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
  'uco-vocabulary': `${UCO}vocabulary/`,
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

/** A JSON-LD node or value as case.jsonld writes it. */
export type JsonLd = { [key: string]: JsonLdValue };
export type JsonLdValue = string | JsonLd | JsonLdValue[];

export const ref = (id: string): JsonLd => ({ '@id': id });
export const dateTime = (at: string): JsonLd => ({ '@type': 'xsd:dateTime', '@value': at });
export const integer = (n: number): JsonLd => ({ '@type': 'xsd:integer', '@value': String(n) });

/**
 * Ids for the nodes of one incident: a name-based UUID (RFC 9562 version 8, from SHA-256, as its appendix B.2 shows)
 * of the incident's opening entry hash and the node's role, so the same journal always gives the same ids and two
 * incidents never share one.
 */
export const nodeIds =
  (crypto: Pick<CryptoPort, 'sha256Hex'>, incidentHash: string) =>
  (role: string): string => {
    const h = crypto.sha256Hex(`countersign case.jsonld\n${incidentHash}\n${role}`).slice(0, 32).split('');
    h[12] = '8';
    h[16] = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
    const s = h.join('');
    return `kb:${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
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
          'uco-types:hashMethod': { '@type': 'uco-vocabulary:HashNameVocab', '@value': 'SHA256' },
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

// data/case.jsonld: the incident described with the CASE 1.x and UCO 1.x vocabularies that police forensic tools read
// (docs/formats/case-uco.md), built from the journal alone, so that the verifier rebuilds it and compares the bytes.
import { canonicalJson } from '../evidence/chain';
import { entryIs, SYSTEM_ACTOR, type EntryKind, type JournalEntry } from '../evidence/entries';
import { CodedError } from '../result';
import { ACTION_HANDLERS, type ActionFacts, type ActionScope } from './case-uco-actions';
import {
  CASE_CONTEXT,
  dateTime,
  nodeIds,
  personNode,
  ref,
  toolNode,
  urlNode,
  type JsonLd,
  type JsonLdValue,
  type Sha1,
} from './case-uco-nodes';

/** What the bundle says of itself, outside the journal: bag-info.txt's Bag-Software-Agent and Bagging-Date. */
export interface CaseBundleFacts {
  /** Countersign's version, as after "Countersign " in Bag-Software-Agent. */
  version: string;
  /** YYYY-MM-DD. */
  baggingDate: string;
}

/** The address (or addresses) an entry of the evidence browser names, as urls.csv lists them; none for other kinds. */
const addressesOf = (e: JournalEntry): (string | undefined)[] => {
  if (entryIs(e, 'browser.redirected')) return [e.data.from, e.data.to];
  if (entryIs(e, 'browser.permission-denied')) return [e.data.origin];
  if (entryIs(e, 'browser.popup-blocked')) return [e.data.url, e.data.opener];
  if (
    entryIs(e, 'browser.requested') ||
    entryIs(e, 'browser.refused') ||
    entryIs(e, 'browser.fact-refused') ||
    entryIs(e, 'browser.navigated') ||
    entryIs(e, 'browser.in-page') ||
    entryIs(e, 'browser.title') ||
    entryIs(e, 'browser.load-failed') ||
    entryIs(e, 'browser.certificate-error') ||
    entryIs(e, 'browser.download-blocked') ||
    entryIs(e, 'browser.navigation-blocked')
  )
    return [e.data.url];
  return [];
};

type AnyHandler = (e: JournalEntry, s: ActionScope) => ActionFacts | null;
const handlerOf = (kind: EntryKind): AnyHandler | undefined =>
  Object.hasOwn(ACTION_HANDLERS, kind) ? (ACTION_HANDLERS[kind] as AnyHandler) : undefined;

const refs = (ids: readonly string[] | undefined): JsonLdValue[] => (ids ?? []).map(ref);

/**
 * The incident as a CASE/UCO graph: the investigation, its investigative actions (the review, each capture, the halt,
 * the purge, the judgement, each sign-off, each export and the rest the journal records) with performer, times and
 * tool, every address as a URL, every file with its SHA-256, and a provenance record for each screenshot. Throws
 * CORRUPT when the journal does not begin with the opening of an incident.
 */
export const buildCaseGraph = (entries: readonly JournalEntry[], bundle: CaseBundleFacts, sha1?: Sha1): JsonLd => {
  const first = entries[0];
  if (!first || !entryIs(first, 'incident.opened'))
    throw new CodedError('CORRUPT', 'The journal does not begin with the opening of an incident.');
  const open = first.data;
  const id = nodeIds(first.hash, sha1);
  const nodes: JsonLd[] = [];
  const seen = new Set<string>();
  const add = (node: JsonLd): string => {
    const nodeId = node['@id'] as string;
    if (!seen.has(nodeId)) nodes.push(node);
    seen.add(nodeId);
    return nodeId;
  };
  const urls: string[] = [];
  const url = (address: string): string => {
    const before = seen.size;
    const nodeId = add(urlNode(id, address));
    if (seen.size > before) urls.push(nodeId);
    return nodeId;
  };
  const captures = new Map<string, string>();
  const reviewers = new Map(open.reviewers.map((r) => [r.id, r]));
  const tool = add(toolNode(id, bundle.version.replace(/[\r\n\t]+/g, ' ').trim()));
  const device = add({
    '@id': id('computer'),
    '@type': 'uco-observable:Device',
    'uco-core:name': open.computer.name,
    'uco-core:description':
      `The investigation computer (location: ${open.computer.location}). Its device key (SHA-256 of the public key ` +
      `${open.deviceKeyFingerprint}) signs the journal's heads and the bundle.`,
  });
  const person = (staffId: string): string => {
    if (staffId === SYSTEM_ACTOR) return tool;
    const r = reviewers.get(staffId);
    return add(
      personNode(id, {
        id: staffId,
        name: r?.name ?? staffId,
        description: r
          ? `Reviewer, ${r.role}.${r.keyFingerprint ? ` Signing key SHA-256 fingerprint ${r.keyFingerprint}.` : ''}`
          : 'A member of staff named in the journal.',
      }),
    );
  };
  open.reviewers.forEach((r) => person(r.id));
  const scope: ActionScope = {
    id,
    ref: open.ref,
    url,
    capture: (sha256) => captures.get(sha256),
    addCapture: (sha256, fileId) => captures.set(sha256, fileId).size,
    add,
    nameOf: (staffId) => reviewers.get(staffId)?.name ?? staffId,
  };

  const actions: string[] = [];
  const common = { 'uco-action:instrument': ref(tool), 'uco-action:environment': ref(device) };
  let reviewEnd: string | null = null;
  for (const e of entries) {
    for (const a of addressesOf(e)) if (a) url(a);
    if (entryIs(e, 'browser.torn-down')) reviewEnd ??= e.at;
    const handler = handlerOf(e.kind);
    const facts = handler?.(e, scope);
    if (!facts) continue;
    actions.push(
      add({
        '@id': id(`action ${e.seq}`),
        '@type': 'case-investigation:InvestigativeAction',
        'uco-core:name': facts.name,
        'uco-core:description': `${facts.description} (Journal entry ${e.seq}, ${e.kind}, SHA-256 ${e.hash}.)`,
        'uco-action:startTime': dateTime(e.at),
        'uco-action:endTime': dateTime(e.at),
        'uco-action:performer': ref(person(facts.performer ?? e.actor)),
        ...common,
        ...(facts.participants ? { 'uco-action:participant': facts.participants.map((p) => ref(person(p))) } : {}),
        ...(facts.object?.length ? { 'uco-action:object': refs(facts.object) } : {}),
        ...(facts.result?.length ? { 'uco-action:result': refs(facts.result) } : {}),
      }),
    );
  }

  const [a, b] = open.reviewers;
  const review: JsonLd = {
    '@id': id('review'),
    '@type': 'case-investigation:InvestigativeAction',
    'uco-core:name': 'review',
    'uco-core:description':
      `Two-person review of websites of concern by ${a.name} (${a.role}) and ${b.name} (${b.role}), in ` +
      `Countersign's evidence browser, from the opening of incident ${open.ref}` +
      `${reviewEnd ? ' until the evidence browser was closed' : ''}. Every address it was asked for or reached is ` +
      'an object of this action; every screenshot is a result.',
    'uco-action:startTime': dateTime(first.at),
    ...(reviewEnd ? { 'uco-action:endTime': dateTime(reviewEnd) } : {}),
    'uco-action:performer': ref(person(first.actor)),
    'uco-action:participant': open.reviewers.map((r) => ref(person(r.id))),
    ...common,
    ...(urls.length ? { 'uco-action:object': refs(urls) } : {}),
    ...(captures.size ? { 'uco-action:result': refs([...captures.values()]) } : {}),
  };
  const bundleExport: JsonLd = {
    '@id': id('bundle export'),
    '@type': 'case-investigation:InvestigativeAction',
    'uco-core:name': 'export',
    'uco-core:description':
      `Made the evidence bundle that holds this file, on ${bundle.baggingDate}, from the journal up to entry ` +
      `${entries.at(-1)?.seq ?? first.seq}. The export itself is recorded in the computer's journal after the ` +
      "bundle is complete (export.made, with the bundle's SHA-256), so it is in any later bundle, not in this one.",
    ...common,
  };
  const provenance = nodes.filter((n) => n['@type'] === 'case-investigation:ProvenanceRecord').map((n) => n['@id']);
  const investigation: JsonLd = {
    '@id': id('investigation'),
    '@type': 'case-investigation:Investigation',
    'uco-core:name': open.ref,
    'uco-core:description':
      `${open.practice ? 'A practice (training) incident, not a real one. ' : ''}` +
      `${open.organisation}: review of websites of concern. Reason: ${open.reason}`,
    'case-investigation:focus': open.category,
    'uco-core:object': refs([id('review'), ...actions, id('bundle export'), ...(provenance as string[])]),
  };
  return { '@context': { ...CASE_CONTEXT }, '@graph': [investigation, review, ...nodes, bundleExport] };
};

/**
 * The text of case.jsonld: the graph with its keys in RFC 8785 order, two-space indented, with a final newline. `sha1`
 * makes the node ids, where the caller has a faster one than noble's: the bytes are the same.
 */
export const caseJsonldText = (entries: readonly JournalEntry[], bundle: CaseBundleFacts, sha1?: Sha1): string =>
  `${JSON.stringify(JSON.parse(canonicalJson(buildCaseGraph(entries, bundle, sha1))), null, 2)}\n`;

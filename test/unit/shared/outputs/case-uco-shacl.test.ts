// data/case.jsonld against the SHACL shapes of UCO 1.4.0 and CASE 1.4.0 (test/fixtures/case-uco), offline, as
// case_validate checks it; the few SPARQL-based shapes are left out (the validator used has no SPARQL engine).
import { readdirSync, readFileSync } from 'node:fs';
import rdf from '@zazuko/env';
import jsonld from 'jsonld';
import { Parser, type Quad } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { describe, expect, it } from 'vitest';
import { caseJsonldText } from '@shared/outputs/case-uco';
import { followedUpIncident, haltedIncident, normalIncident } from '@test/helpers/recorded-incidents';
import { repoPath } from '@test/helpers/repo';

const SPARQL = 'http://www.w3.org/ns/shacl#sparql';
const DIR = repoPath('test/fixtures/case-uco');
const BUNDLE = { version: '0.1.0', baggingDate: '2026-12-01' };

/** The ontologies and their shapes, without the SPARQL constraints. */
const ontology = (): Quad[] =>
  readdirSync(DIR)
    .filter((f) => f.endsWith('.ttl'))
    .flatMap((f) => new Parser().parse(readFileSync(`${DIR}/${f}`, 'utf8')))
    .filter((q) => q.predicate.value !== SPARQL);

/** Every result the shapes give, as "severity path: message"; the ontology joins the data for its class hierarchy. */
const validate = async (doc: object, shapes: Quad[]): Promise<string[]> => {
  const nquads = (await jsonld.toRDF(doc, { format: 'application/n-quads' })) as unknown as string;
  const data = rdf.dataset([...new Parser({ format: 'N-Quads' }).parse(nquads), ...shapes]);
  const validator = new SHACLValidator(rdf.dataset(shapes), { factory: rdf, importGraph: () => rdf.dataset() });
  const report = await validator.validate(data);
  return report.results.map(
    (r) =>
      `${r.severity?.value.split('#')[1] ?? ''} ${r.path?.value ?? ''}: ${r.message.map((m) => m.value).join(' ')}`,
  );
};

describe('data/case.jsonld against the CASE/UCO SHACL shapes', async () => {
  const shapes = ontology();
  const incidents = {
    normal: await normalIncident(),
    halted: await haltedIncident(),
    followed: await followedUpIncident(),
  };

  it.each(Object.keys(incidents) as (keyof typeof incidents)[])(
    'the %s incident conforms, with no notes',
    async (k) => {
      const doc = JSON.parse(caseJsonldText(incidents[k].entries, BUNDLE)) as object;
      expect(await validate(doc, shapes)).toEqual([]);
    },
  );

  it('a graph that breaks a shape (two performers for one action) is reported, so the check can fail', async () => {
    const doc = JSON.parse(caseJsonldText(incidents.normal.entries, BUNDLE)) as { '@graph': Record<string, unknown>[] };
    const action = doc['@graph'].find((n) => n['uco-core:name'] === 'capture');
    if (!action) throw new Error('no capture action');
    const people = doc['@graph'].filter((n) => n['@type'] === 'uco-identity:Person').map((n) => ({ '@id': n['@id'] }));
    action['uco-action:performer'] = people;
    expect((await validate(doc, shapes)).join('\n')).toMatch(/Violation .*action\/performer/);
  });
});

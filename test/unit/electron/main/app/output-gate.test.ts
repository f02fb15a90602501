// The main process, not only the screens, decides when a printable document exists: the procedure offers it or not.
import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { refusalCode as code } from '@test/helpers/refusals';
import { tempDir } from '@test/helpers/vault';
import { DSL, HEAD, incidentInReview, makeCore, setUp } from './core-fixture';

const inReview = async () => {
  const f = await makeCore();
  await setUp(f);
  const incident = await incidentInReview(f);
  await f.core.browse(incident.ref, incident.a, 'navigate', 'https://example.org/p');
  await f.core.capture(incident.ref, incident.a, 'viewport', 'Concern text');
  return { f, ...incident };
};

describe('outputs follow the procedure', () => {
  it('prints, saves and shows nothing with capture images while the purge question after a halt is open', async () => {
    const { f, ref, a } = await inReview();
    await f.core.halt(ref, a);
    const folder = await tempDir();
    expect(await code(f.core.documentHtml(ref, 'screenshots'))).toBe('PROCEDURE_FORBIDS');
    for (const doc of ['screenshots', 'form'] as const) {
      expect(await code(f.core.savePdf(ref, doc, folder))).toBe('PROCEDURE_FORBIDS');
      expect(await code(f.core.print(ref, doc))).toBe('PROCEDURE_FORBIDS');
    }
    await expect(f.core.documentHtml(ref, 'screenshots')).rejects.toThrow(/which ones show the suspect imagery/);
    expect(await readdir(folder)).toEqual([]);
  });

  it('offers the form to read at any point, and to print only once both have signed', async () => {
    const { f, ref, a } = await inReview();
    const folder = await tempDir();
    expect(await f.core.documentHtml(ref, 'form')).toContain(ref);
    await f.core.act(ref, a, {
      kind: 'judgement.made',
      data: { substance: true, actions: ['internal'], policeReasons: [] },
    });
    await f.core.act(ref, a, { kind: 'conclusion.recorded', data: { text: 'Upheld.' } });
    expect(await f.core.documentHtml(ref, 'form')).toContain(ref);
    expect(await code(f.core.savePdf(ref, 'form', folder))).toBe('PROCEDURE_FORBIDS');
    expect(await code(f.core.documentHtml(ref, 'screenshots'))).toBe('PROCEDURE_FORBIDS');
    await f.core.signOff(ref, [HEAD.passphrase, DSL.passphrase]);
    expect(await f.core.savePdf(ref, 'form', folder)).toMatch(/incident-form\.pdf$/);
    expect(await f.core.savePdf(ref, 'screenshots', folder)).toMatch(/screenshots\.pdf$/);
  });
});

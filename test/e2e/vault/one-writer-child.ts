// Child process for the one-writer test: the app core, unlocked, running listings, opens, captures, notes and exports
// all at once, over and over, until it is killed.
import { AppCore } from '@main/app/app-core';
import { systemClock } from '@main/services/clock';
import { FakeBrowser } from '@test/helpers/fake-browser';
import { minimalPdf } from '@test/helpers/sample-incident';
import { HEAD } from '../../unit/electron/main/app/core-fixture';

const [dataDir, outDir] = process.argv.slice(2);
if (!dataDir || !outDir) throw new Error('usage: one-writer-child <dataDir> <outDir>');

const core = new AppCore({
  dataDir,
  clock: systemClock,
  version: '0.1.0',
  practice: false,
  scrypt: { N: 2 ** 10, r: 8, p: 1 },
  sleep: async () => undefined,
  launchBrowser: async () => new FakeBrowser(),
  printer: async () => ({ pdf: async (html) => minimalPdf(html.slice(0, 40)), close: async () => undefined }),
  every: () => () => undefined,
});
await core.unlock(HEAD.passphrase);
const rows = await core.register.list();
const inReview = rows.filter((r) => r.phase === 'review').map((r) => r.ref);
const sealed = rows.filter((r) => r.phase === 'sealed').map((r) => r.ref);
const reviewerOf = async (ref: string) => (await core.stateOf(ref))?.reviewers[0] ?? '';
// The exporter loads PDFKit and pdf-lib on its first export (not at start-up); loaded here, before the kill window
// opens, so that a child's exports can finish between kills instead of all dying while the modules load.
await Promise.all([import('pdfkit'), import('pdf-lib')]);
process.stdout.write('ready\n');

const quietly = (p: Promise<unknown>) => p.catch(() => undefined);
// Only one incident is open for work at a time, so each round works on one incident, with listings and opens of it
// (and of the others) landing in between.
for (let i = 0; ; i++) {
  for (const ref of inReview) {
    const actor = await reviewerOf(ref);
    const capture = async () => {
      await core.browse(ref, actor, 'navigate', `https://example.org/page/${i}`);
      await core.capture(ref, actor, 'viewport', `Capture ${i}`);
    };
    const note = { kind: 'note.added' as const, data: { text: `Note ${i} ${'x'.repeat(i % 500)}` } };
    await Promise.all(
      [core.register.list(), capture(), core.detail(ref), core.act(ref, actor, note), core.register.list()].map(
        quietly,
      ),
    );
  }
  for (const ref of sealed) {
    const exported = core
      .startExport({ ref, recipient: 'Police', folder: outDir, passphrase: HEAD.passphrase })
      .then(({ job }) => core.exports.finished(job));
    await Promise.all([core.register.list(), exported, core.detail(ref), core.register.list()].map(quietly));
  }
}

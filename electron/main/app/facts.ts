// What the screens need from an incident's journal beyond the record: its register row, the page in view, and its
// exports.
import type { IncidentSummary } from '@shared/ipc/contract';
import type { EntryData, JournalEntry } from '@shared/evidence/entries';
import type { IncidentState } from '@shared/procedure/procedure-machine';
import type { AppError } from '@shared/result';

const dataOf = <K extends JournalEntry['kind']>(e: JournalEntry, kind: K): EntryData<K> | null =>
  e.kind === kind ? (e.data as EntryData<K>) : null;

/** The register row: reference, dates, stage and category only; names and descriptions stay in the vault. */
export const summaryOf = (entries: readonly JournalEntry[], state: IncidentState): IncidentSummary => {
  const first = entries[0];
  const opened = first ? dataOf(first, 'incident.opened') : null;
  if (!first || !opened) throw new Error('The journal does not begin with the opening of an incident.');
  return {
    ref: opened.ref,
    openedAt: first.at,
    updatedAt: entries.at(-1)?.at ?? first.at,
    phase: state.phase,
    category: opened.category,
    subjectKind: opened.subject.kind,
    practice: opened.practice,
    police: state.policeVia !== null,
    halted: state.halted,
    signedOffAt: signedOffAt(entries, state),
    problem: null,
  };
};

/** When the record was sealed: the second reviewer's sign-off; null before then. */
export const signedOffAt = (entries: readonly JournalEntry[], state: IncidentState): string | null =>
  state.phase === 'sealed' ? (entries.findLast((e) => e.kind === 'signoff.signed')?.at ?? null) : null;

/** A row for an incident this computer cannot open (started elsewhere, or damaged): its reference and why. */
export const unreadableSummary = (ref: string, problem: AppError): IncidentSummary => ({
  ref,
  openedAt: '',
  updatedAt: '',
  phase: 'none',
  category: '',
  subjectKind: 'unknown',
  practice: false,
  police: false,
  halted: false,
  signedOffAt: null,
  problem,
});

/**
 * The page showing in the evidence view, as the journal records it: the last top-level load or in-page move and its
 * title. None once the view has been torn down (halt, end of review) until something is loaded again.
 */
export const currentPage = (entries: readonly JournalEntry[]): { url: string; title: string } | null => {
  let url: string | null = null;
  let title = '';
  for (const e of entries) {
    const nav = dataOf(e, 'browser.navigated') ?? dataOf(e, 'browser.in-page');
    if (nav && nav.frame === 'main') {
      if (nav.url !== url) title = '';
      url = nav.url;
      continue;
    }
    const failed = dataOf(e, 'browser.load-failed');
    if (failed) {
      url = failed.url;
      title = '';
      continue;
    }
    const t = dataOf(e, 'browser.title');
    if (t && t.url === url) title = t.title;
    if (e.kind === 'browser.torn-down') {
      url = null;
      title = '';
    }
  }
  return url === null ? null : { url, title };
};

export const exportsOf = (entries: readonly JournalEntry[]) =>
  entries.flatMap((e) => {
    const d = dataOf(e, 'export.made');
    return d ? [{ at: e.at, recipient: d.recipient, file: d.file, sha256: d.sha256 }] : [];
  });

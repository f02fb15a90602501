// The app's facade over the main-process services, used by the IPC handlers and the test harness alike: plain Node, no
// Electron.
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  ActCommand,
  AppStatus,
  Bounds,
  DraftValue,
  ExportStatus,
  IncidentDetail,
  IncidentSummary,
  VerifyReport,
} from '@shared/ipc/contract';
import type { IncidentCategory } from '@shared/ipc/vocabulary';
import type { AnyCommand, EntryData } from '@shared/evidence/entries';
import {
  BUILT_IN_PROFILES,
  parseProfile,
  profileById,
  profileCanonicalJson,
  type PolicyProfile,
} from '@shared/policy/profile-registry';
import { offeredKinds } from '@shared/procedure/procedure-machine';
import { CodedError, fail, ok, toAppError, type AppError, type Result } from '@shared/result';
import type { EvidenceBrowser } from '../browser/evidence-browser';
import type { Printer } from '../printing/printer';
import { verifyBundleAt } from '../verify/verify-report';
import {
  profileFor,
  readSettings,
  setUpVault,
  signOff,
  startIncident,
  unlockVault,
  writeSettings,
  type AccessDeps,
  type OpenVault,
  type Settings,
} from '../services/access';
import type { Clock } from '../services/clock';
import { realTimer, watchClock } from '../services/clockwatch';
import { sha256Hex } from '../services/crypto';
import { Investigation } from '../services/investigation';
import type { StaffRecord } from '../services/keyring/key-files';
import type { ScryptParams } from '../services/keyring/key-wrapping';
import { openKeyring, systemSleep, type Keyring } from '../services/keyring/keyring';
import { Vault, VAULT_FILE, type IncidentStore } from '../services/vault';
import { DraftStore } from './draft-store';
import { currentPage, exportsOf, summaryOf, unreadableSummary } from './facts';
import { bundleFileName, documentHtml, recordOf, savePdf, writeBundle, type DocumentKind } from './incident-outputs';

export interface PracticeSites {
  /** Origin of the safe practice sites, e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
}

export interface CoreDeps {
  /** The app's data folder: the vault lives here. */
  dataDir: string;
  clock: Clock;
  version: string;
  /** Starts the evidence browser for a review (Electron's WebContentsView in the app, Chromium in tests). */
  launchBrowser: () => Promise<EvidenceBrowser>;
  /** The printer, created when first needed. */
  printer: () => Promise<Printer>;
  /** Started in practice mode (e.g. `--practice`). */
  practice: boolean;
  /** Serves the safe practice sites, when first needed. */
  practiceSites?: () => Promise<PracticeSites>;
  /** Positions the evidence view over the review screen's placeholder (null hides it). */
  onViewBounds?: (bounds: Bounds | null) => void;
  /** The system's folder and file pickers; absent where there are none (the harness types a path). */
  chooseFolder?: () => Promise<string | null>;
  chooseBundle?: () => Promise<string | null>;
  /** Waits between wrong passphrases; tests shorten it. */
  sleep?: (ms: number) => Promise<void>;
  /** Key-derivation cost of new wraps; tests lower it. */
  scrypt?: ScryptParams;
  /** Timer of the clock watch; tests drive it. */
  every?: (ms: number, tick: () => void) => () => void;
}

interface Active {
  ref: string;
  store: IncidentStore;
  inv: Investigation;
  stopWatch: (() => void) | null;
}

interface Job {
  status: ExportStatus;
  controller: AbortController;
  done: Promise<void>;
}

export interface StartInput {
  passphrases: readonly [string, string];
  reason: string;
  subject: EntryData<'incident.opened'>['subject'];
  category: IncidentCategory;
}

export interface SetUpInput {
  organisation: string;
  computer: { name: string; location: string };
  profileId: string;
  staff: readonly { name: string; role: string; passphrase: string }[];
}

const LOCKED = 'Countersign is locked. Unlock it with your passphrase first.';

/** How many journals the register reads at once when it is rebuilt. */
const LIST_CONCURRENCY = 8;

const must = <T>(r: Result<T>): T => {
  if (!r.ok) throw new CodedError(r.error.code, r.error.message);
  return r.value;
};

const pngDataUrl = (bytes: Uint8Array): string => `data:image/png;base64,${Buffer.from(bytes).toString('base64')}`;

const person = (s: StaffRecord) => ({ id: s.id, name: s.name, role: s.role });

export class AppCore {
  private open: OpenVault | null = null;
  /** The keyring while locked, for the count of wrong passphrases and recovery. */
  private lockedKeyring: Keyring | null = null;
  private drafts: DraftStore | null = null;
  private active: Active | null = null;
  private practice: boolean;
  private practiceSites: Promise<PracticeSites> | null = null;
  /** Register rows of incidents not open now, by the journal's size and time, so a listing reads each journal once. */
  private readonly summaries = new Map<string, { stamp: string; summary: IncidentSummary }>();
  private readonly jobs = new Map<string, Job>();
  /** Who last acted on each incident: the halt pressed inside the evidence view is theirs. */
  private readonly lastActor = new Map<string, string>();
  /** Opening incidents one at a time: one journal writer per incident. */
  private switching: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: CoreDeps) {
    this.practice = deps.practice;
  }

  private get access(): AccessDeps {
    return {
      clock: this.deps.clock,
      sleep: this.deps.sleep ?? systemSleep,
      ...(this.deps.scrypt ? { scrypt: this.deps.scrypt } : {}),
    };
  }

  private requireOpen(): OpenVault {
    if (!this.open) throw new CodedError('PROCEDURE_FORBIDS', LOCKED);
    return this.open;
  }

  private requireDrafts(): DraftStore {
    this.requireOpen();
    if (!this.drafts) throw new CodedError('PROCEDURE_FORBIDS', LOCKED);
    return this.drafts;
  }

  // ---- set-up, lock and unlock -----------------------------------------------------------------

  get isPractice(): boolean {
    return this.practice;
  }

  async isSetUp(): Promise<boolean> {
    return stat(join(this.deps.dataDir, VAULT_FILE)).then(
      () => true,
      () => false,
    );
  }

  async status(): Promise<AppStatus> {
    const setUp = await this.isSetUp();
    let failures = 0;
    let organisation: string | null = null;
    if (this.open) {
      failures = this.open.keyring.failures;
      organisation = (await readSettings(this.open.vault)).organisation;
    } else if (setUp) {
      this.lockedKeyring ??= await openKeyring(this.deps.dataDir, this.access);
      failures = this.lockedKeyring.failures;
    }
    return {
      setUp,
      unlocked: this.open !== null,
      unlockedBy: this.open ? person(this.open.unlockedBy) : null,
      practice: this.practice,
      organisation,
      failures,
    };
  }

  private opened(open: OpenVault): void {
    this.open = open;
    this.lockedKeyring = null;
    this.drafts = new DraftStore(this.deps.dataDir, open.vault.codec);
  }

  async setUp(input: SetUpInput): Promise<{ recoveryCode: string; status: AppStatus }> {
    if (await this.isSetUp()) throw new CodedError('INVALID_INPUT', 'Countersign is already set up on this computer.');
    const settings: Settings = {
      organisation: input.organisation,
      computer: input.computer,
      profileId: input.profileId,
    };
    const made = await setUpVault(this.deps.dataDir, settings, input.staff, this.access);
    this.opened(made);
    return { recoveryCode: made.recoveryCode, status: await this.status() };
  }

  async unlock(passphrase: string): Promise<Result<AppStatus>> {
    if (this.open) return ok(await this.status());
    // unlockVault opens the keyring afresh; the one kept while locked no longer knows the count of failures.
    const open = await unlockVault(this.deps.dataDir, passphrase, this.access).finally(() => {
      this.lockedKeyring = null;
    });
    this.opened(open);
    return ok(await this.status());
  }

  async lock(): Promise<AppStatus> {
    if ([...this.jobs.values()].some((j) => j.status.state === 'preparing' || j.status.state === 'writing')) {
      throw new CodedError(
        'PROCEDURE_FORBIDS',
        'An evidence bundle is still being written. Wait for it to finish (or cancel it), then lock.',
      );
    }
    await this.deactivate();
    this.open?.keyring.lock();
    this.open = null;
    this.drafts = null;
    // The register rows hold no personal data, so they are kept: unlocking again need not reread every journal.
    return this.status();
  }

  private async keyringWhileLocked(): Promise<Keyring> {
    this.lockedKeyring ??= await openKeyring(this.deps.dataDir, this.access);
    return this.lockedKeyring;
  }

  async recoveryStaff(code: string): Promise<Result<{ id: string; name: string; role: string }[]>> {
    const staff = await (await this.keyringWhileLocked()).recoveryStaffList(code);
    return ok(staff.map(person));
  }

  async recoveryReset(code: string, staffId: string, passphrase: string): Promise<Result<AppStatus>> {
    const keyring = await this.keyringWhileLocked();
    const { staff, codec } = await keyring.recover(code, staffId, passphrase);
    const vault = await Vault.open(this.deps.dataDir, { codec, clock: this.deps.clock });
    this.opened({ vault, keyring, unlockedBy: staff });
    return ok(await this.status());
  }

  async setPractice(on: boolean): Promise<AppStatus> {
    this.practice = on;
    return this.status();
  }

  private async practiceUrl(): Promise<string | null> {
    if (!this.deps.practiceSites) return null;
    this.practiceSites ??= this.deps.practiceSites();
    return `${(await this.practiceSites).url}/index.html`;
  }

  // ---- the register ---------------------------------------------------------------------------

  private async summaryFor(ref: string): Promise<IncidentSummary> {
    const open = this.requireOpen();
    const a = this.active;
    if (a?.ref === ref) return summaryOf(a.store.journal.entries, a.store.journal.state);
    const dir = open.vault.incidentDir(ref);
    const s = await stat(join(dir, 'journal.jsonl')).catch(() => null);
    const stamp = s ? `${s.size}:${s.mtimeMs}` : 'missing';
    const cached = this.summaries.get(ref);
    if (cached?.stamp === stamp) return cached.summary;
    let summary: IncidentSummary;
    try {
      const store = await open.vault.openIncident(ref);
      summary = summaryOf(store.journal.entries, store.journal.state);
    } catch (e) {
      summary = unreadableSummary(ref, toAppError(e));
    }
    this.summaries.set(ref, { stamp, summary });
    return summary;
  }

  /** Every incident in the vault as a register row (no personal data). */
  async listIncidents(): Promise<IncidentSummary[]> {
    const refs = await this.requireOpen().vault.listIncidents();
    const out: IncidentSummary[] = new Array<IncidentSummary>(refs.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < refs.length) {
        const i = next;
        next += 1;
        const ref = refs[i];
        if (ref !== undefined) out[i] = await this.summaryFor(ref);
      }
    };
    await Promise.all(Array.from({ length: Math.min(LIST_CONCURRENCY, refs.length) }, worker));
    return out;
  }

  // ---- the open incident ----------------------------------------------------------------------

  /** Opens the incident for work (closing any other): its journal, its investigation, and the clock watch. */
  private activate(ref: string): Promise<Active> {
    const run = this.switching.then(async () => {
      if (this.active?.ref === ref) return this.active;
      const open = this.requireOpen();
      await this.deactivateNow();
      const store = await open.vault.openIncident(ref);
      return this.track(store);
    });
    this.switching = run.catch(() => undefined);
    return run;
  }

  private track(store: IncidentStore): Active {
    const inv = new Investigation({ store, launchBrowser: this.deps.launchBrowser });
    const active: Active = { ref: store.ref, store, inv, stopWatch: null };
    if (store.journal.state.phase !== 'sealed') active.stopWatch = this.watch(store);
    this.active = active;
    return active;
  }

  /** A jump of the wall clock against the monotonic clock is recorded in the open incident as it happens. */
  private watch(store: IncidentStore): () => void {
    return watchClock({
      clock: this.deps.clock,
      every: this.deps.every ?? realTimer,
      record: (jump) => store.journal.append({ kind: 'clock.jump', actor: 'system', data: jump }),
    });
  }

  private async deactivateNow(): Promise<void> {
    const a = this.active;
    if (!a) return;
    this.active = null;
    a.stopWatch?.();
    this.deps.onViewBounds?.(null);
    await a.inv.close();
  }

  private deactivate(): Promise<void> {
    const run = this.switching.then(() => this.deactivateNow());
    this.switching = run.catch(() => undefined);
    return run;
  }

  private async detailOf(a: Active): Promise<IncidentDetail> {
    await a.inv.flush();
    const entries = a.store.journal.entries;
    const record = recordOf(a.store);
    return {
      ref: a.ref,
      phase: a.store.journal.state.phase,
      offered: offeredKinds(a.store.journal.state),
      record,
      page: currentPage(entries),
      practiceUrl: record.practice ? await this.practiceUrl() : null,
      exports: exportsOf(entries),
    };
  }

  async startIncident(input: StartInput): Promise<Result<IncidentDetail>> {
    const open = this.requireOpen();
    const store = await startIncident(open, input.passphrases, {
      reason: input.reason,
      subject: input.subject,
      category: input.category,
      practice: this.practice,
    });
    const run = this.switching.then(async () => {
      await this.deactivateNow();
      return this.track(store);
    });
    this.switching = run.catch(() => undefined);
    const a = await run;
    this.lastActor.set(a.ref, store.journal.state.reviewers[0] ?? '');
    return ok(await this.detailOf(a));
  }

  /** The incident's procedure state, or null when this vault holds no such incident. */
  async stateOf(ref: string) {
    this.requireOpen();
    try {
      return (await this.activate(ref)).store.journal.state;
    } catch (e) {
      if (e instanceof CodedError && e.code === 'NOT_FOUND') return null;
      throw e;
    }
  }

  async detail(ref: string): Promise<IncidentDetail> {
    return this.detailOf(await this.activate(ref));
  }

  private async afterStep(a: Active, r: Result<unknown>): Promise<Result<IncidentDetail>> {
    if (!r.ok) return fail(r.error.code, r.error.message);
    return ok(await this.detailOf(a));
  }

  /** A procedure step from a screen: appended if the procedure allows it now, refused (and nothing written) if not. */
  async act(ref: string, actor: string, command: ActCommand): Promise<Result<IncidentDetail>> {
    const a = await this.activate(ref);
    this.lastActor.set(ref, actor);
    const r = await a.inv.act({ ...command, actor } as AnyCommand);
    return this.afterStep(a, r);
  }

  async signOff(ref: string, passphrases: readonly [string, string]): Promise<Result<IncidentDetail>> {
    const open = this.requireOpen();
    const a = await this.activate(ref);
    await signOff(open, a.store, passphrases);
    a.stopWatch?.();
    a.stopWatch = null;
    await this.drafts?.clearPrefix(`${ref}:`);
    return ok(await this.detailOf(a));
  }

  /** A fact added after sign-off (police response, outcome), signed by the reviewer who adds it. */
  async addendum(ref: string, passphrase: string, text: string): Promise<Result<IncidentDetail>> {
    const open = this.requireOpen();
    const a = await this.activate(ref);
    const who = await open.keyring.authenticate(passphrase);
    const id = who.staff.id;
    if (!a.store.journal.state.reviewers.includes(id)) {
      return fail(
        'PROCEDURE_FORBIDS',
        `${who.staff.name} is not a reviewer of this incident. One of its two reviewers adds an addendum.`,
      );
    }
    const signature = who.signer.sign(`countersign addendum v1\n${ref}\n${text}`);
    const r = await a.inv.act({
      kind: 'addendum.added',
      actor: id,
      data: { text, signatures: [{ reviewer: id, signature }] },
    });
    if (r.ok) await this.drafts?.clear(`${ref}:addendum`);
    return this.afterStep(a, r);
  }

  // ---- the review -----------------------------------------------------------------------------

  async browse(
    ref: string,
    actor: string,
    action: 'navigate' | 'back' | 'forward' | 'reload' | 'stop',
    url?: string,
  ): Promise<Result<IncidentDetail>> {
    const a = await this.activate(ref);
    this.lastActor.set(ref, actor);
    const r = await a.inv.browse(actor, action, url);
    return this.afterStep(a, r);
  }

  async reviewState(ref: string) {
    const a = await this.activate(ref);
    return {
      phase: a.store.journal.state.phase,
      page: currentPage(a.store.journal.entries),
      entries: a.store.journal.entries.length,
    };
  }

  async capture(ref: string, actor: string, mode: 'viewport' | 'fullpage', concern?: string) {
    const a = await this.activate(ref);
    this.lastActor.set(ref, actor);
    const r = await a.inv.capture(actor, mode, concern);
    if (!r.ok) return r;
    const n = a.inv.captureList().findIndex((c) => c.sha256 === r.value.sha256) + 1;
    const { sha256, url, title, width, height } = r.value;
    return ok({
      capture: { n, sha256, url, title, mode, width, height },
      thumbnail: pngDataUrl(r.value.blurredThumbnail),
      detail: await this.detailOf(a),
    });
  }

  /** The blurred copy of a capture, for the list in the review. */
  async thumbnail(ref: string, sha256: string): Promise<string> {
    const a = await this.activate(ref);
    const c = a.store.journal.state.captures.find((x) => x.sha256 === sha256);
    if (!c) throw new CodedError('NOT_FOUND', 'There is no such capture in this incident.');
    if (c.purged)
      throw new CodedError('NOT_FOUND', 'That capture was destroyed after the halt; no image of it exists.');
    return pngDataUrl(await a.inv.thumbnail(sha256));
  }

  /** The original capture, only when a reviewer chooses to see it; never while a halt's purge question is open. */
  async reveal(ref: string, sha256: string): Promise<string> {
    const a = await this.activate(ref);
    const s = a.store.journal.state;
    const c = s.captures.find((x) => x.sha256 === sha256);
    if (!c) throw new CodedError('NOT_FOUND', 'There is no such capture in this incident.');
    if (c.purged || s.purgeList.includes(sha256))
      throw new CodedError('NOT_FOUND', 'That capture was destroyed after the halt; no image of it exists.');
    if (s.halted && !s.purgeDecided) {
      throw new CodedError(
        'PROCEDURE_FORBIDS',
        'After a halt, no capture is opened until you have said which ones show the suspect imagery.',
      );
    }
    return pngDataUrl(await a.store.getFile(sha256));
  }

  /**
   * Halt: the page is torn down first; the URL of concern is kept as text, taken from the journal's record of the page.
   */
  async halt(ref: string, actor: string, typedUrl?: string): Promise<Result<IncidentDetail>> {
    const a = await this.activate(ref);
    this.lastActor.set(ref, actor);
    const url = currentPage(a.store.journal.entries)?.url ?? typedUrl ?? '';
    const r = await a.inv.halt(actor, url);
    return this.afterStep(a, r);
  }

  /** The halt shortcut pressed while the evidence view has the keyboard: halts the open review at once. */
  async haltActive(): Promise<Result<IncidentDetail>> {
    const a = this.active;
    if (!a || a.store.journal.state.phase !== 'review') return fail('PROCEDURE_FORBIDS', 'No review is in progress.');
    const actor = this.lastActor.get(a.ref) ?? a.store.journal.state.reviewers[0] ?? '';
    return this.halt(a.ref, actor);
  }

  async purge(ref: string, actor: string, captures: readonly string[]): Promise<Result<IncidentDetail>> {
    const a = await this.activate(ref);
    this.lastActor.set(ref, actor);
    const r = await a.inv.purge(actor, captures);
    return this.afterStep(a, r);
  }

  setViewBounds(bounds: Bounds | null): void {
    this.deps.onViewBounds?.(bounds);
  }

  // ---- staff ----------------------------------------------------------------------------------

  staffList() {
    return this.requireOpen()
      .keyring.staffList()
      .map((s) => ({
        ...person(s),
        createdAt: s.createdAt,
        fingerprint: s.fingerprint,
      }));
  }

  async addStaff(member: { name: string; role: string; passphrase: string }, approvals: readonly [string, string]) {
    await this.requireOpen().keyring.addStaff(member, approvals);
    return this.staffList();
  }

  async removeStaff(id: string, approvals: readonly [string, string]) {
    await this.requireOpen().keyring.removeStaff(id, approvals);
    return this.staffList();
  }

  async changePassphrase(current: string, next: string): Promise<Result<Record<string, never>>> {
    await this.requireOpen().keyring.changePassphrase(current, next);
    return ok({});
  }

  // ---- settings and policy --------------------------------------------------------------------

  private async settings(): Promise<Settings> {
    return readSettings(this.requireOpen().vault);
  }

  private settingsReply(s: Settings) {
    const profile = profileFor(s);
    return {
      organisation: s.organisation,
      computer: s.computer,
      profileId: profile.id,
      imported: s.importedProfile !== undefined,
      profileName: profile.name,
    };
  }

  async getSettings() {
    return this.settingsReply(await this.settings());
  }

  async saveSettings(input: { organisation: string; computer: { name: string; location: string }; profileId: string }) {
    const current = await this.settings();
    const keepImported = current.importedProfile !== undefined && profileFor(current).id === input.profileId;
    if (!keepImported && !profileById(input.profileId))
      throw new CodedError('INVALID_INPUT', `There is no policy profile "${input.profileId}".`);
    const next: Settings = {
      organisation: input.organisation,
      computer: input.computer,
      profileId: input.profileId,
      ...(keepImported ? { importedProfile: current.importedProfile } : {}),
    };
    await writeSettings(this.requireOpen().vault, next);
    return this.settingsReply(next);
  }

  /** A school's own policy profile, from a JSON file; refused with the field that is wrong. */
  async importProfile(json: string) {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      throw new CodedError('INVALID_INPUT', 'That file is not a policy profile: it is not JSON.');
    }
    const profile = must(parseProfile(value));
    const current = await this.settings();
    const next: Settings = { ...current, profileId: profile.id, importedProfile: value };
    await writeSettings(this.requireOpen().vault, next);
    return this.settingsReply(next);
  }

  async policy(): Promise<{ profile: PolicyProfile; sha256: string }> {
    const profile = profileFor(await this.settings());
    return { profile, sha256: sha256Hex(profileCanonicalJson(profile)) };
  }

  profiles() {
    return BUILT_IN_PROFILES.map((p) => ({ id: p.id, name: p.name, organisation: p.organisation, version: p.version }));
  }

  // ---- drafts ---------------------------------------------------------------------------------

  async getDraft(key: string): Promise<DraftValue | null> {
    return this.requireDrafts().get(key);
  }

  async putDraft(key: string, value: DraftValue): Promise<void> {
    await this.requireDrafts().put(key, value);
  }

  async clearDraft(key: string): Promise<void> {
    await this.requireDrafts().clear(key);
  }

  // ---- outputs and export ---------------------------------------------------------------------

  async documentHtml(ref: string, doc: DocumentKind): Promise<string> {
    this.requireOpen();
    return documentHtml((await this.activate(ref)).store, doc);
  }

  async savePdf(ref: string, doc: DocumentKind, folder: string): Promise<string> {
    this.requireOpen();
    const a = await this.activate(ref);
    return savePdf(a.store, doc, folder, await this.deps.printer());
  }

  async print(ref: string, doc: DocumentKind): Promise<void> {
    this.requireOpen();
    const printer = await this.deps.printer();
    if (!printer.print)
      throw new CodedError('INTERNAL', 'There is no print dialog here. Save the PDF instead, and print that.');
    await printer.print(await documentHtml((await this.activate(ref)).store, doc));
  }

  async chooseFolder(): Promise<string | null> {
    return (await this.deps.chooseFolder?.()) ?? null;
  }

  async chooseBundle(): Promise<string | null> {
    return (await this.deps.chooseBundle?.()) ?? null;
  }

  /** Starts writing the evidence bundle; its progress is read with exportStatus. */
  async startExport(input: {
    ref: string;
    recipient: string;
    folder: string;
    passphrase: string;
    password?: string;
  }): Promise<Result<{ job: string }>> {
    const open = this.requireOpen();
    const a = await this.activate(input.ref);
    if (a.store.journal.state.phase !== 'sealed')
      return fail('PROCEDURE_FORBIDS', 'An incident is exported once both reviewers have signed it off.');
    const who = await open.keyring.authenticate(input.passphrase);
    if (!a.store.journal.state.reviewers.includes(who.staff.id)) {
      return fail(
        'PROCEDURE_FORBIDS',
        `${who.staff.name} is not a reviewer of this incident. One of its two reviewers signs the bundle.`,
      );
    }
    const settings = await this.settings();
    const printer = await this.deps.printer();
    const id = randomUUID();
    const controller = new AbortController();
    const status: ExportStatus = {
      state: 'preparing',
      done: 0,
      total: 0,
      path: null,
      sha256: null,
      bytes: null,
      error: null,
    };
    const run = async (): Promise<void> => {
      try {
        const result = await writeBundle({
          store: a.store,
          organisation: settings.organisation,
          version: this.deps.version,
          printer,
          device: open.vault.device,
          reviewer: { id: who.staff.id, signer: who.signer },
          folder: input.folder,
          ...(input.password ? { password: input.password } : {}),
          at: this.deps.clock.now(),
          onStage: (stage) => {
            status.state = stage;
          },
          onProgress: (done, total) => {
            status.done = done;
            status.total = total;
          },
          signal: controller.signal,
        });
        must(
          await a.store.journal.append({
            kind: 'export.made',
            actor: who.staff.id,
            data: { recipient: input.recipient, file: bundleFileName(result), sha256: result.sha256 },
          }),
        );
        Object.assign(status, {
          state: 'done',
          path: result.path,
          sha256: result.sha256,
          bytes: result.bytes,
          done: status.total,
        });
      } catch (e) {
        const error: AppError = toAppError(e);
        Object.assign(status, { state: error.code === 'CANCELLED' ? 'cancelled' : 'failed', error });
      }
    };
    this.jobs.set(id, { status, controller, done: run() });
    return ok({ job: id });
  }

  exportStatus(job: string): ExportStatus {
    const j = this.jobs.get(job);
    if (!j) throw new CodedError('NOT_FOUND', 'There is no such export.');
    return { ...j.status };
  }

  cancelExport(job: string): void {
    const j = this.jobs.get(job);
    if (!j) throw new CodedError('NOT_FOUND', 'There is no such export.');
    j.controller.abort();
  }

  /** Waits for an export to end (tests and shutdown). */
  async exportFinished(job: string): Promise<ExportStatus> {
    const j = this.jobs.get(job);
    if (!j) throw new CodedError('NOT_FOUND', 'There is no such export.');
    await j.done;
    return { ...j.status };
  }

  /** The command line's verifier; the reply schema keeps only what the screen shows. */
  verify(path: string, password?: string): Promise<VerifyReport> {
    return verifyBundleAt(path, password);
  }

  /** On quit: the review is closed (its page torn down), running exports end, the keys are forgotten. */
  async close(): Promise<void> {
    for (const j of this.jobs.values()) {
      j.controller.abort();
      await j.done;
    }
    await this.deactivate();
    this.open?.keyring.lock();
    this.open = null;
    this.drafts = null;
    if (this.practiceSites) await (await this.practiceSites).close();
  }
}

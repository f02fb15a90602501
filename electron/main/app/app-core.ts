// The app's facade over the main-process services, used by the IPC handlers and the test harness alike: plain Node, no
// Electron. It keeps the vault's lock and which incident is open for work; settings, staff, the register and exports
// are parts it holds. Every method returns its answer or throws a CodedError; the IPC layer makes that the reply.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ActCommand, AppStatus, Bounds, DraftValue, IncidentDetail, VerifyReport } from '@shared/ipc/contract';
import type { VerifyPins } from '@shared/evidence/bundle/bundle-report';
import type { AnyCommand } from '@shared/evidence/entries';
import { offeredKinds } from '@shared/procedure/procedure-machine';
import { CodedError } from '@shared/result';
import type { PracticeSites } from '../practice/practice-sites';
import { inProcessVerifier } from '../verify/bundle-verifier';
import {
  setUpVault,
  signOff,
  startIncident,
  unlockVault,
  type AccessDeps,
  type OpenVault,
  type Settings,
} from '../services/access';
import { keyChangesToConfirm, recordKeyChange } from '../services/key-change';
import { realTimer } from '../services/clockwatch';
import { openingProfile } from '../services/policy-in-force';
import { openKeyring, systemSleep, type Keyring } from '../services/keyring/keyring';
import { Vault, VAULT_FILE } from '../services/vault';
import type { CoreDeps, SetUpInput, StartInput } from './core-deps';
import { DraftStore } from './draft-store';
import { ExportJobs } from './export-jobs';
import { IncidentDesk, type Active } from './incident-desk';
import { currentPage, exportsOf } from './facts';
import { pngDataUrl, recordOf, type DocumentKind } from './incident-outputs';
import { IncidentLogs } from './incident-logs';
import { previewDocument, printDocument, saveDocument } from './output-gate';
import { RegisterRows } from './register-rows';
import { AutoLock, DEFAULT_IDLE_LOCK_MINUTES, type LockReason } from './auto-lock';
import { idleLockMinutes, SettingsService } from './settings-service';
import { VaultCare } from './vault-care';
import { addendumCommand, followUpCommand, type FollowUpInput } from './signed-additions';
import { personOf, StaffRoster } from './staff-roster';

const LOCKED = 'Countersign is locked. Unlock it with your passphrase first.';

export class AppCore {
  readonly settings: SettingsService;
  readonly register: RegisterRows;
  readonly exports: ExportJobs;
  readonly staff: StaffRoster;
  readonly logs: IncidentLogs;
  readonly care: VaultCare;
  private open: OpenVault | null = null;
  /** The keyring while locked, for the count of wrong passphrases and recovery. */
  private lockedKeyring: Keyring | null = null;
  private drafts: DraftStore | null = null;
  readonly desk: IncidentDesk;
  private practice: boolean;
  private practiceSites: Promise<PracticeSites> | null = null;
  /** Who last acted on each incident: the halt pressed inside the evidence view is theirs. */
  private readonly lastActor = new Map<string, string>();
  private readonly autoLock: AutoLock;
  /** Why Countersign locked itself last, until someone unlocks it. */
  private autoLocked: Exclude<LockReason, 'user'> | null = null;

  constructor(readonly deps: CoreDeps) {
    this.practice = deps.practice;
    const vault = (): Vault => this.requireOpen().vault;
    this.desk = new IncidentDesk({
      clock: deps.clock,
      ...(deps.every ? { every: deps.every } : {}),
      launchBrowser: deps.launchBrowser,
      vault,
      hideView: () => this.deps.onViewBounds?.(null),
    });
    this.settings = new SettingsService(vault, (s) => this.autoLock.setMinutes(idleLockMinutes(s)));
    this.autoLock = new AutoLock({
      clock: deps.clock,
      every: deps.every ?? realTimer,
      ...(deps.power ? { power: deps.power } : {}),
      lock: (why) => this.lock(why),
    });
    this.staff = new StaffRoster(() => this.requireOpen().keyring);
    const openStore = () => this.desk.active?.store ?? null;
    this.register = new RegisterRows({ vault, openStore });
    this.care = new VaultCare(deps, this.desk, this.settings, () => this.requireOpen());
    this.logs = new IncidentLogs({
      vault,
      openStore,
      profileOf: (store) => this.settings.incidentProfile(store.journal.entries),
      practice: () => this.practice,
      organisation: async () => (await this.settings.read()).organisation,
      printer: deps.printer,
    });
    this.exports = new ExportJobs({
      clock: deps.clock,
      version: deps.version,
      printer: deps.printer,
      organisation: async () => (await this.settings.read()).organisation,
      policyOf: async (store) => this.settings.recorded(openingProfile(store.journal.entries)),
    });
  }

  private get access(): AccessDeps {
    const { clock, scrypt, machineId } = this.deps;
    return { clock, scrypt, machineId, sleep: this.deps.sleep ?? systemSleep };
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

  /** What the screens need to know; read again if a lock or an unlock lands while it is being read. */
  async status(): Promise<AppStatus> {
    const setUp = await this.isSetUp();
    const open = this.open;
    let failures = 0;
    let organisation: string | null = null;
    try {
      if (open) organisation = (await this.settings.read()).organisation;
      else if (setUp) failures = (await this.keyringWhileLocked()).failures;
    } catch (e) {
      if (this.open === open) throw e;
    }
    if (this.open !== open) return this.status();
    return {
      setUp,
      unlocked: open !== null,
      unlockedBy: open ? personOf(open.unlockedBy) : null,
      practice: this.practice,
      organisation,
      failures: open ? open.keyring.failures : failures,
      autoLocked: open ? null : this.autoLocked,
    };
  }

  /** Unlocked: the keys in hand, and the idle lock watching with the minutes set in Settings. */
  private async opened(open: OpenVault): Promise<void> {
    this.open = open;
    this.lockedKeyring = null;
    this.autoLocked = null;
    this.drafts = new DraftStore(this.deps.dataDir, open.vault.codec);
    const settings = await this.settings.read().catch(() => null);
    this.autoLock.arm(settings ? idleLockMinutes(settings) : DEFAULT_IDLE_LOCK_MINUTES);
  }

  /**
   * The keys are forgotten: the data key, its codec's copy, every signing key handed out and the device key are
   * overwritten in memory. Nothing personal can be read until someone unlocks again.
   */
  private async forgetKeys(): Promise<void> {
    const open = this.open;
    this.open = null;
    this.drafts = null;
    if (!open) return;
    open.vault.device.wipe();
    await open.keyring.lock();
  }

  async setUp(input: SetUpInput): Promise<{ recoveryCode: string; status: AppStatus }> {
    if (await this.isSetUp()) throw new CodedError('INVALID_INPUT', 'Countersign is already set up on this computer.');
    const settings: Settings = {
      organisation: input.organisation,
      computer: input.computer,
      profileId: input.profileId,
    };
    const made = await setUpVault(this.deps.dataDir, settings, input.staff, this.access);
    await this.opened(made);
    return { recoveryCode: made.recoveryCode, status: await this.status() };
  }

  async unlock(passphrase: string): Promise<AppStatus> {
    if (this.open) return this.status();
    // unlockVault opens the keyring afresh; the one kept while locked no longer knows the count of failures.
    const open = await unlockVault(this.deps.dataDir, passphrase, this.access).finally(() => {
      this.lockedKeyring = null;
    });
    await this.opened(open);
    return this.status();
  }

  /**
   * Locks: the evidence view is torn down (and that recorded), then every key is overwritten in memory. Someone
   * pressing Lock, or the idle lock, waits for a bundle being written; the computer going to sleep cancels it.
   */
  async lock(why: LockReason = 'user'): Promise<AppStatus> {
    if (this.exports.busy) {
      if (why === 'user' || why === 'idle') {
        throw new CodedError(
          'PROCEDURE_FORBIDS',
          'An evidence bundle is still being written. Wait for it to finish (or cancel it), then lock.',
        );
      }
      await this.exports.closeAll();
    }
    await this.desk.switched(async () => {
      if (!this.open) return;
      await this.desk.closeNow('locked');
      this.autoLock.disarm();
      this.autoLocked = why === 'user' ? null : why;
      await this.forgetKeys();
    });
    return this.status();
  }

  /** The screen's heartbeat: input in the app window keeps the idle lock away; the reply says whether it locked. */
  activity(input: boolean): Promise<AppStatus> {
    if (input && this.open) this.autoLock.input();
    return this.status();
  }

  private async keyringWhileLocked(): Promise<Keyring> {
    this.lockedKeyring ??= await openKeyring(this.deps.dataDir, this.access);
    return this.lockedKeyring;
  }

  async recoveryStaff(code: string): Promise<{ id: string; name: string; role: string }[]> {
    const staff = await (await this.keyringWhileLocked()).recoveryStaffList(code);
    return staff.map(personOf);
  }

  async recoveryReset(code: string, staffId: string, passphrase: string): Promise<AppStatus> {
    const keyring = await this.keyringWhileLocked();
    const { staff, codec } = await keyring.recover(code, staffId, passphrase);
    const vault = await Vault.open(this.deps.dataDir, { ...this.access, codec });
    await this.opened({ vault, keyring, unlockedBy: staff });
    return this.status();
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

  // ---- the open incident ----------------------------------------------------------------------

  private activate(ref: string): Promise<Active> {
    return this.desk.activate(ref);
  }

  private async detailOf(a: Active): Promise<IncidentDetail> {
    await a.inv.flush();
    const entries = a.store.journal.entries;
    const record = recordOf(a.store, await this.settings.incidentProfile(a.store.journal.entries));
    return {
      ref: a.ref,
      phase: a.store.journal.state.phase,
      offered: offeredKinds(a.store.journal.state),
      record,
      page: currentPage(entries),
      practiceUrl: record.practice ? await this.practiceUrl() : null,
      exports: exportsOf(entries),
      retention: await this.settings.retentionOf(entries, a.store.journal.state),
      keyChanges: keyChangesToConfirm(this.requireOpen().keyring.staffList(), a.store),
    };
  }

  /**
   * The one path of a step on an incident: it is opened for work (closing any other), the reviewer acting is noted (a
   * halt pressed in the evidence view is theirs), the work is done, and the incident is read back for the screen.
   */
  private async onIncident(
    ref: string,
    actor: string | null,
    work: (a: Active) => Promise<unknown>,
  ): Promise<IncidentDetail> {
    const a = await this.activate(ref);
    if (actor !== null) this.lastActor.set(ref, actor);
    await work(a);
    return this.detailOf(a);
  }

  async startIncident(input: StartInput): Promise<IncidentDetail> {
    const store = await startIncident(this.requireOpen(), input.passphrases, {
      reason: input.reason,
      subject: input.subject,
      category: input.category,
      practice: this.practice,
      ...(input.reportedBy ? { reportedBy: input.reportedBy } : {}),
    });
    const a = await this.desk.switched(async () => {
      await this.desk.closeNow();
      return this.desk.adopt(store);
    });
    this.lastActor.set(a.ref, store.journal.state.reviewers[0] ?? '');
    return this.detailOf(a);
  }

  /** The incident's procedure state, or null when this vault holds no such incident. */
  async stateOf(ref: string) {
    try {
      return (await this.activate(ref)).store.journal.state;
    } catch (e) {
      if (e instanceof CodedError && e.code === 'NOT_FOUND') return null;
      throw e;
    }
  }

  /** The policy the incident was opened under, for its screens' quotes, routes and labels. */
  async incidentPolicy(ref: string) {
    return this.settings.policy(openingProfile((await this.activate(ref)).store.journal.entries));
  }

  async detail(ref: string): Promise<IncidentDetail> {
    return this.detailOf(await this.activate(ref));
  }

  /** A procedure step from a screen: appended if the procedure allows it now, refused (and nothing written) if not. */
  act(ref: string, actor: string, command: ActCommand): Promise<IncidentDetail> {
    return this.onIncident(ref, actor, (a) => a.inv.act({ ...command, actor } as AnyCommand));
  }

  signOff(ref: string, passphrases: readonly [string, string]): Promise<IncidentDetail> {
    return this.onIncident(ref, null, async (a) => {
      await signOff(this.requireOpen(), a.store, passphrases);
      a.stopWatch?.();
      a.stopWatch = null;
      await this.drafts?.clearPrefix(`${ref}:`);
    });
  }

  /** The other reviewer confirms a reviewer's new key (after a passphrase recovery) with their own passphrase. */
  confirmKeyChange = (ref: string, passphrase: string): Promise<IncidentDetail> =>
    this.onIncident(ref, null, (a) => recordKeyChange(this.requireOpen(), a.store, passphrase));

  /** A fact added after sign-off, signed by the reviewer who adds it. */
  addendum(ref: string, passphrase: string, text: string): Promise<IncidentDetail> {
    return this.onIncident(ref, null, async (a) => {
      await a.inv.act(await addendumCommand(this.requireOpen().keyring, a.store, passphrase, text));
      await this.drafts?.clear(`${ref}:addendum`);
    });
  }

  /** A follow-up of a named kind after sign-off (debrief, police response …), signed by the reviewer who adds it. */
  followUp(ref: string, passphrase: string, input: FollowUpInput): Promise<IncidentDetail> {
    return this.onIncident(ref, null, async (a) => {
      await a.inv.act(await followUpCommand(this.requireOpen().keyring, a.store, passphrase, input));
      await this.drafts?.clear(`${ref}:followup`);
    });
  }

  // ---- the review -----------------------------------------------------------------------------

  browse(
    ref: string,
    actor: string,
    action: 'navigate' | 'back' | 'forward' | 'reload' | 'stop',
    url?: string,
  ): Promise<IncidentDetail> {
    return this.onIncident(ref, actor, (a) => a.inv.browse(actor, action, url));
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
    const shot = await a.inv.capture(actor, mode, concern);
    const n = a.inv.captureList().findIndex((c) => c.sha256 === shot.sha256) + 1;
    const { sha256, url, title, width, height } = shot;
    return {
      capture: { n, sha256, url, title, mode, width, height },
      thumbnail: pngDataUrl(shot.blurredThumbnail),
      detail: await this.detailOf(a),
    };
  }
  /** The blurred copy of a capture, for the list in the review. */
  async thumbnail(ref: string, sha256: string): Promise<string> {
    return pngDataUrl(await (await this.activate(ref)).inv.thumbnail(sha256));
  }

  /** The original capture, only when a reviewer chooses to see it. */
  async reveal(ref: string, sha256: string): Promise<string> {
    return pngDataUrl(await (await this.activate(ref)).inv.original(sha256));
  }

  /**
   * Halt: the page is torn down first; the URL of concern is kept as text, taken from the journal's record of the page.
   */
  halt(ref: string, actor: string, typedUrl?: string): Promise<IncidentDetail> {
    return this.onIncident(ref, actor, (a) =>
      a.inv.halt(actor, currentPage(a.store.journal.entries)?.url ?? typedUrl ?? ''),
    );
  }

  /** The halt shortcut pressed while the evidence view has the keyboard: halts the open review at once. */
  async haltActive(): Promise<IncidentDetail> {
    const a = this.desk.active;
    if (!a || a.store.journal.state.phase !== 'review')
      throw new CodedError('PROCEDURE_FORBIDS', 'No review is in progress.');
    const actor = this.lastActor.get(a.ref) ?? a.store.journal.state.reviewers[0] ?? '';
    return this.halt(a.ref, actor);
  }

  purge(ref: string, actor: string, captures: readonly string[]): Promise<IncidentDetail> {
    return this.onIncident(ref, actor, (a) => a.inv.purge(actor, captures));
  }

  setViewBounds(bounds: Bounds | null): void {
    this.deps.onViewBounds?.(bounds);
  }

  // ---- drafts ---------------------------------------------------------------------------------

  getDraft = async (key: string): Promise<DraftValue | null> => this.requireDrafts().get(key);
  putDraft = async (key: string, value: DraftValue): Promise<void> => this.requireDrafts().put(key, value);
  clearDraft = async (key: string): Promise<void> => this.requireDrafts().clear(key);

  // ---- outputs and export ---------------------------------------------------------------------

  /** The incident open for work, with the policy profile it was opened under. */
  async withProfile(ref: string) {
    const { store } = await this.activate(ref);
    return { store, profile: await this.settings.incidentProfile(store.journal.entries) };
  }

  async documentHtml(ref: string, doc: DocumentKind): Promise<string> {
    const { store, profile } = await this.withProfile(ref);
    return previewDocument(store, doc, profile);
  }

  async savePdf(ref: string, doc: DocumentKind, folder: string): Promise<string> {
    const { store, profile } = await this.withProfile(ref);
    return saveDocument(store, doc, folder, profile, this.deps.printer, this.deps.clock.now());
  }

  async print(ref: string, doc: DocumentKind): Promise<void> {
    const { store, profile } = await this.withProfile(ref);
    await printDocument(store, doc, profile, this.deps.printer, this.deps.clock.now());
  }

  async chooseFolder(): Promise<string | null> {
    return (await this.deps.chooseFolder?.()) ?? null;
  }

  async chooseBundle(): Promise<string | null> {
    return (await this.deps.chooseBundle?.()) ?? null;
  }

  /** Starts writing the sealed incident's evidence bundle; its progress is read from `exports`. */
  async startExport(input: {
    ref: string;
    recipient: string;
    folder: string;
    passphrase: string;
    password?: string;
  }): Promise<{ job: string }> {
    const { ref, ...rest } = input;
    const { store } = await this.activate(ref);
    return this.exports.start({ ...rest, open: this.requireOpen(), store });
  }

  /** The command line's verifier, off this thread in the app; the reply schema keeps only what the screen shows. */
  verify(path: string, password?: string, pins?: VerifyPins): Promise<VerifyReport> {
    return (this.deps.verifier ?? inProcessVerifier).verify({ path, password, pins });
  }

  /** On quit: the review is closed (its page torn down), running exports end, the keys are forgotten. */
  async close(): Promise<void> {
    await this.exports.closeAll();
    this.autoLock.disarm();
    await this.desk.close();
    await this.forgetKeys();
    if (this.practiceSites) await (await this.practiceSites).close();
  }
}

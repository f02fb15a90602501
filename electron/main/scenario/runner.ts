// Drives the real services through a scripted investigation (docs/formats/scenario.md): one outcome per step, never a
// half-done step.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AnyCommand, EntryData } from '@shared/evidence/entries';
import { DEFAULT_PROFILE_ID, type PolicyProfile } from '@shared/policy/profile-registry';
import { resolveTold } from '@shared/procedure/told';
import {
  ScenarioSchema,
  StepSchema,
  type Scenario,
  type Step,
  type StepOutcome,
} from '@shared/scenario/scenario-schema';
import { CodedError, fail, ok, toAppError, type Result } from '@shared/result';
import type { Clock } from '../services/clock';
import {
  profileFor,
  readSettings,
  setUpVault,
  signOff,
  startIncident,
  unlockVault,
  type AccessDeps,
  type OpenVault,
} from '../services/access';
import { exportIncident } from '../services/exporting';
import { followUpCommand } from '../app/signed-additions';
import { Investigation, type InvestigationDeps } from '../services/investigation';
import { stampHeads, type HeadStamping } from '../services/head-stamping';
import { saveTimestamping } from '../services/timestamping-settings';
import type { Printer } from '../printing/printer';
import { systemSleep } from '../services/keyring/keyring';
import { checkStaffDetails, personKey } from '../services/keyring/staff-names';

export interface RunDeps {
  clock: Clock;
  launchBrowser: InvestigationDeps['launchBrowser'];
  /** Renders the form and screenshots for export; started only if a scenario exports. */
  printer: () => Promise<Printer>;
  version: string;
  /** Keyring costs and waits; the command line leaves them at their defaults. */
  keyring?: Partial<Omit<AccessDeps, 'clock'>>;
  /** The password for export steps that give none of their own (never from the command line itself). */
  bundlePassword?: string;
}

export interface RunResult {
  incident: { ok: true; ref: string } | { ok: false; error: { code: string; message: string } };
  steps: StepOutcome[];
  bundles: string[];
}

const issueText = (e: { issues: { path: PropertyKey[]; message: string }[] }): string => {
  const i = e.issues[0];
  return `${i?.path.map(String).join('.') || '(root)'}: ${i?.message ?? 'invalid'}`;
};

export const parseScenario = (json: unknown): Scenario => {
  const r = ScenarioSchema.safeParse(json);
  if (!r.success) throw new CodedError('INVALID_INPUT', `The scenario is not valid: ${issueText(r.error)}`);
  return r.data;
};

/** A refusal with what was being done put before its message; anything else as it was. */
const explained = (e: unknown, doing: string): unknown =>
  e instanceof CodedError ? new CodedError(e.code, `${doing}: ${e.message}`) : e;

/** The vault with the scenario's staff in it: set up on first use, otherwise unlocked, and the staff must match it. */
const openVaultFor = async (
  scenario: Scenario,
  dataDir: string,
  deps: AccessDeps,
): Promise<{ open: OpenVault; ids: Map<string, string> }> => {
  const exists = await stat(join(dataDir, 'vault.json')).then(
    () => true,
    () => false,
  );
  const people = scenario.staff.map((s) => ({ name: s.name, role: s.role, passphrase: s.passphrase }));
  let open: OpenVault;
  if (exists) {
    const first = scenario.staff[0];
    open = await unlockVault(dataDir, first?.passphrase ?? '', deps).catch((e: unknown) => {
      throw explained(e, `The vault in ${dataDir} does not open with ${first?.id}'s passphrase`);
    });
  } else {
    // Before anything is written, and saying which member: set-up's own check could say only "Person 2".
    for (const s of scenario.staff) checkStaffDetails(s, `staff member ${s.id}`);
    const settings = {
      organisation: scenario.organisation,
      computer: scenario.computer,
      profileId: scenario.profile ?? DEFAULT_PROFILE_ID,
    };
    open = await setUpVault(dataDir, settings, people, deps);
  }
  if (exists && scenario.profile !== undefined) {
    const inForce = profileFor(await readSettings(open.vault));
    if (inForce.id !== scenario.profile) {
      open.keyring.lock();
      throw new CodedError(
        'INVALID_INPUT',
        `The vault in ${dataDir} follows ${inForce.name} (profile "${inForce.id}"), not profile ` +
          `"${scenario.profile}": leave "profile" out, or use a new --data folder.`,
      );
    }
  }
  const ids = new Map<string, string>();
  for (const s of scenario.staff) {
    const { staff } = await open.keyring.authenticate(s.passphrase).catch((e: unknown) => {
      throw explained(e, `Staff member ${s.id} (${s.name}) does not match this vault`);
    });
    // Compared as registration compares people: names are stored tidied (spaces and accents in their normal form).
    if (personKey(staff.name, staff.role) !== personKey(s.name, s.role)) {
      throw new CodedError('INVALID_INPUT', `Staff member ${s.id}'s passphrase belongs to someone else in this vault.`);
    }
    ids.set(s.id, staff.id);
  }
  return { open, ids };
};

interface Context {
  deps: RunDeps;
  outDir: string;
  bundles: string[];
  open: OpenVault;
  inv: Investigation;
  /** Scenario staff id -> the vault's staff id. */
  ids: Map<string, string>;
  passphrases: Map<string, string>;
  reviewers: readonly [string, string];
  /** The policy profile in force: whom a "told" step names is looked up among its contacts. */
  profile: PolicyProfile;
}

/** What a step or the opening did, as result.json records it: its outcome, or the refusal's code and words. */
const settle = <T>(p: Promise<T>): Promise<Result<T>> =>
  p.then(ok, (e: unknown) => ({ ok: false, error: toAppError(e) }));

/** The scenario's subject as the journal records it: a member of the scenario's staff by their id in the vault. */
const subjectOf = (scenario: Scenario, ids: Map<string, string>): EntryData<'incident.opened'>['subject'] => {
  const { kind, ref, staff, headteacher } = scenario.incident.subject;
  const staffId = staff === undefined ? undefined : ids.get(staff);
  if (staff !== undefined && staffId === undefined)
    throw new CodedError('INVALID_INPUT', `The subject "${staff}" is not one of the scenario's staff.`);
  return { kind, ref, ...(staffId ? { staffId } : {}), ...(headteacher ? { headteacher: true as const } : {}) };
};

/** Opens the incident with its two reviewers and confirms the clock, as the start screen does. */
const openIncident = async (
  scenario: Scenario,
  open: OpenVault,
  ids: Map<string, string>,
  deps: RunDeps,
): Promise<{ inv: Investigation; stamping: HeadStamping }> => {
  const pass = (id: string) => scenario.staff.find((s) => s.id === id)?.passphrase;
  const [a, b] = scenario.incident.reviewers;
  const pa = pass(a);
  const pb = pass(b);
  if (pa === undefined || pb === undefined)
    throw new CodedError(
      'INVALID_INPUT',
      `Both reviewers must be among the scenario's staff (${pa === undefined ? a : b} is not).`,
    );
  const store = await startIncident(open, [pa, pb], {
    reason: scenario.incident.reason,
    subject: subjectOf(scenario, ids),
    category: scenario.incident.category,
    practice: scenario.practice ?? false,
    ...(scenario.incident.reportedBy ? { reportedBy: scenario.incident.reportedBy } : {}),
    ...(scenario.incident.safeViewOffReason ? { safeViewOffReason: scenario.incident.safeViewOffReason } : {}),
  });
  // Attached before the next step, so that the opening's signed head is stamped too.
  const url = scenario.timestamping?.url ?? null;
  const stamping = stampHeads({ journal: store.journal, authority: () => Promise.resolve(url) });
  await store.journal.append({
    kind: 'clock.confirmed',
    actor: store.journal.state.reviewers[1] ?? '',
    data: { shownAt: deps.clock.now().toISOString(), offsetMs: scenario.incident.clockOffsetMs ?? 0 },
  });
  const inv = new Investigation({ store, launchBrowser: deps.launchBrowser });
  inv.watchClock(deps.clock);
  return { inv, stamping };
};

/** Carries out one step; what it returns is spread into the step's outcome, and a refusal is thrown. */
const runStep = async (ctx: Context, step: Step): Promise<Record<string, unknown>> => {
  const { inv } = ctx;
  const named = 'by' in step && typeof step.by === 'string' ? step.by : ctx.reviewers[0];
  const actor = ctx.ids.get(named);
  if (!actor) throw new CodedError('INVALID_INPUT', `"${named}" is not one of the scenario's staff.`);
  const act = async (cmd: AnyCommand) => {
    await inv.act(cmd);
    return {};
  };
  switch (step.do) {
    case 'triage':
      return act({ kind: 'triage.answered', actor, data: { illegalSuspected: step.illegalSuspected } });
    case 'navigate':
      return inv.browse(actor, 'navigate', step.url);
    case 'click':
      return inv.browse(actor, 'click', step.selector);
    case 'back':
    case 'forward':
    case 'reload':
      return inv.browse(actor, step.do);
    case 'wait':
      await new Promise((r) => setTimeout(r, step.ms));
      await inv.flush();
      return {};
    case 'capture': {
      const { blurredThumbnail: _thumb, ...rest } = await inv.capture(actor, step.mode, step.concern);
      return { ...rest, n: inv.captureList().length };
    }
    case 'describe': {
      const c = inv.captureList()[step.capture - 1];
      if (!c) throw new CodedError('INVALID_INPUT', `There is no capture ${step.capture} in this incident.`);
      return act({ kind: 'capture.described', actor, data: { sha256: c.sha256, concern: step.concern } });
    }
    case 'note':
      return act({ kind: 'note.added', actor, data: { text: step.text } });
    case 'halt': {
      const list = inv.captureList();
      const missing = step.purge.find((n) => !list[n - 1]);
      if (missing !== undefined)
        throw new CodedError(
          'INVALID_INPUT',
          `purge names capture ${missing}, but this incident has ${list.length} capture(s).`,
        );
      await inv.halt(actor, step.url);
      const { purged } = await inv.purge(
        actor,
        step.purge.map((n) => list[n - 1]?.sha256 ?? ''),
      );
      return { purged };
    }
    case 'refer':
      return act({
        kind: 'referral.recorded',
        actor,
        data: {
          to: step.to,
          toldAt: step.toldAt ?? new Date().toISOString(),
          ...(step.reference ? { reference: step.reference } : {}),
        },
      });
    case 'judge': {
      const { do: _do, by: _by, ...judgement } = step;
      return act({ kind: 'judgement.made', actor, data: judgement });
    }
    case 'site':
      return act({
        kind: 'site.recorded',
        actor,
        data: {
          concern: step.concern,
          ...(step.url !== undefined ? { url: step.url } : {}),
          ...(step.device !== undefined ? { device: step.device } : {}),
        },
      });
    case 'told': {
      const whom = resolveTold(ctx.profile, step.who);
      await inv.act({
        kind: 'told.recorded',
        actor,
        data: {
          ...whom,
          toldAt: (step.at ? new Date(step.at) : new Date()).toISOString(),
          ...(step.how ? { how: step.how } : {}),
          ...(step.reference ? { reference: step.reference } : {}),
          ...(step.note ? { note: step.note } : {}),
        },
      });
      return { who: whom.who, police: whom.police };
    }
    case 'followup': {
      const passphrase = ctx.passphrases.get(named) ?? '';
      const { kind, text, judgement } = step;
      return act(
        await followUpCommand(ctx.open.keyring, inv.store, passphrase, {
          kind,
          text,
          ...(judgement ? { judgement } : {}),
        }),
      );
    }
    case 'isolate':
      return act({ kind: 'isolation.recorded', actor, data: { checks: step.checks } });
    case 'conclude':
      return act({ kind: 'conclusion.recorded', actor, data: { text: step.text } });
    case 'signoff': {
      const who = step.by ?? ctx.reviewers;
      if (who.length !== 2 || who[0] === who[1])
        throw new CodedError('SAME_PERSON', 'Sign-off needs both reviewers, two different people.');
      const passes = who.map((id) => ctx.passphrases.get(id));
      if (passes.some((p) => p === undefined))
        throw new CodedError('INVALID_INPUT', `Sign-off names someone who is not among the scenario's staff.`);
      const signed = await signOff(ctx.open, inv.store, [passes[0] ?? '', passes[1] ?? '']);
      return { signed: signed.map((e) => (e.data as { reviewer: string }).reviewer) };
    }
    case 'export': {
      const password = step.password ?? ctx.deps.bundlePassword;
      const r = await exportIncident(ctx.open, inv.store, await ctx.deps.printer(), {
        exporterPassphrase: ctx.passphrases.get(named) ?? '',
        exporter: actor,
        recipient: step.recipient,
        outDir: ctx.outDir,
        version: ctx.deps.version,
        ...(password ? { password } : {}),
      });
      if (!r.ok) throw new CodedError(r.error.code, r.error.message);
      ctx.bundles.push(r.value.path);
      return { bundle: r.value.path, sha256: r.value.sha256, bytes: r.value.bytes };
    }
  }
};

/** Runs a scenario against the vault in dataDir and writes outDir/result.json. */
export const runScenario = async (
  json: unknown,
  dataDir: string,
  outDir: string,
  deps: RunDeps,
): Promise<RunResult> => {
  const scenario = parseScenario(json);
  await mkdir(outDir, { recursive: true });
  const access: AccessDeps = {
    clock: deps.clock,
    sleep: deps.keyring?.sleep ?? systemSleep,
    ...(deps.keyring?.scrypt ? { scrypt: deps.keyring.scrypt } : {}),
  };
  const { open, ids } = await openVaultFor(scenario, dataDir, access);
  if (scenario.timestamping) await saveTimestamping(open, scenario.timestamping);
  const opened = await settle(openIncident(scenario, open, ids, deps));
  const steps: StepOutcome[] = [];
  const result: RunResult = {
    incident: opened.ok ? { ok: true, ref: opened.value.inv.store.ref } : opened,
    steps,
    bundles: [],
  };
  const ctx: Context | null = opened.ok
    ? {
        deps,
        outDir,
        bundles: result.bundles,
        open,
        inv: opened.value.inv,
        ids,
        passphrases: new Map(scenario.staff.map((s) => [s.id, s.passphrase])),
        reviewers: scenario.incident.reviewers,
        profile: profileFor(await readSettings(open.vault)),
      }
    : null;
  try {
    for (const raw of scenario.incident.steps) {
      const name =
        typeof raw === 'object' && raw !== null && 'do' in raw ? String((raw as { do: unknown }).do) : '(missing "do")';
      const parsed = StepSchema.safeParse(raw);
      let outcome: Result<Record<string, unknown>>;
      if (!parsed.success) outcome = fail('INVALID_INPUT', `step "${name}": ${issueText(parsed.error)}`);
      else if (!ctx)
        outcome = fail(
          opened.ok ? 'INTERNAL' : opened.error.code,
          'The incident could not be opened, so no step can run.',
        );
      else outcome = await settle(runStep(ctx, parsed.data));
      steps.push(outcome.ok ? { do: name, ok: true, ...outcome.value } : { do: name, ok: false, error: outcome.error });
    }
  } finally {
    // Tokens asked for are recorded before the incident closes (each request gives up after a few seconds).
    if (opened.ok) await opened.value.stamping.settled();
    // The record of what ran is written before the teardown, so that a browser that died cannot take it with it.
    await writeFile(join(outDir, 'result.json'), `${JSON.stringify(result, null, 2)}\n`);
    try {
      await ctx?.inv.close();
    } finally {
      if (opened.ok) opened.value.stamping.stop();
      await open.keyring.lock();
      open.vault.device.wipe();
    }
  }
  return result;
};

// Every channel's handler over one AppCore: what the Electron composition root and the test harness both register.
import type { AppCore } from '../../app/app-core';
import type { Handlers } from '../register-handlers';
import { recoveryReset, recoveryStaff, setupCreate, vaultLock, vaultRestore, vaultUnlock } from './access-handlers';
import { appActivity, appInfo, appPractice, appStatus, type AppFacts } from './app-handlers';
import { draftsClear, draftsGet, draftsPut } from './drafts-handlers';
import {
  incidentAct,
  incidentAddendum,
  incidentFollowUp,
  incidentConfirmKey,
  incidentGet,
  incidentSignoff,
  incidentStart,
  incidentsList,
} from './incidents-handlers';
import {
  exportCancel,
  exportStart,
  exportStatus,
  exportSuggestPassword,
  filesChooseBundle,
  filesChooseFolder,
  logHtml,
  logPrint,
  logSave,
  outputsHtml,
  outputsPrint,
  outputsSave,
  verifierSave,
  verifyRun,
} from './outputs-handlers';
import { procedureOffered } from './procedure-handlers';
import { statementHtml, statementPrint, statementSave } from './statement-handlers';
import {
  reviewBrowse,
  reviewCapture,
  reviewHalt,
  reviewPurge,
  reviewReveal,
  reviewState,
  reviewThumbnail,
  reviewViewBounds,
} from './review-handlers';
import { reviewSafeView, reviewShowMedia } from './safe-view-handlers';
import {
  incidentDelete,
  policyGet,
  policyProfiles,
  settingsGet,
  settingsImport,
  settingsRetention,
  settingsSave,
  vaultBackup,
} from './settings-handlers';
import { staffAdd, staffList, staffPassphrase, staffRemove } from './staff-handlers';
import { timestampingGet, timestampingSave, timestampingTest } from './timestamping-handlers';

export const appHandlers = (
  core: AppCore,
  facts: Omit<AppFacts, 'practice'> & {
    /** The folder holding the stand-alone HTML verifier and its SHA-256 file. */
    verifierFolder: string;
  },
): Handlers => ({
  'app.info': appInfo({ ...facts, practice: () => core.isPractice }),
  'app.status': appStatus(core),
  'app.practice': appPractice(core),
  'app.activity': appActivity(core),
  'procedure.offered': procedureOffered((ref) => core.stateOf(ref)),
  'setup.create': setupCreate(core),
  'vault.restore': vaultRestore(core),
  'vault.unlock': vaultUnlock(core),
  'vault.lock': vaultLock(core),
  'recovery.staff': recoveryStaff(core),
  'recovery.reset': recoveryReset(core),
  'policy.profiles': policyProfiles(core.settings),
  'policy.get': policyGet(core),
  'settings.get': settingsGet(core.settings),
  'settings.save': settingsSave(core.settings),
  'settings.import': settingsImport(core.settings),
  'settings.retention': settingsRetention(core.settings),
  'timestamping.get': timestampingGet(core.settings),
  'timestamping.save': timestampingSave(core.settings),
  'timestamping.test': timestampingTest(),
  'vault.backup': vaultBackup(core.care),
  'incident.delete': incidentDelete(core.care),
  'staff.list': staffList(core.staff),
  'staff.add': staffAdd(core.staff),
  'staff.remove': staffRemove(core.staff),
  'staff.passphrase': staffPassphrase(core.staff),
  'incidents.list': incidentsList(core.register),
  'incident.start': incidentStart(core),
  'incident.get': incidentGet(core),
  'incident.act': incidentAct(core),
  'incident.signoff': incidentSignoff(core),
  'incident.addendum': incidentAddendum(core),
  'incident.followup': incidentFollowUp(core),
  'incident.confirm-key': incidentConfirmKey(core),
  'review.browse': reviewBrowse(core),
  'review.state': reviewState(core),
  'review.capture': reviewCapture(core),
  'review.thumbnail': reviewThumbnail(core),
  'review.reveal': reviewReveal(core),
  'review.halt': reviewHalt(core),
  'review.purge': reviewPurge(core),
  'review.safe-view': reviewSafeView(core),
  'review.show-media': reviewShowMedia(core),
  'review.view-bounds': reviewViewBounds(core),
  'drafts.get': draftsGet(core),
  'drafts.put': draftsPut(core),
  'drafts.clear': draftsClear(core),
  'outputs.html': outputsHtml(core),
  'outputs.save': outputsSave(core),
  'outputs.print': outputsPrint(core),
  'statement.html': statementHtml(core),
  'statement.save': statementSave(core),
  'statement.print': statementPrint(core),
  'log.html': logHtml(core.logs),
  'log.save': logSave(core.logs),
  'log.print': logPrint(core.logs),
  'files.choose-folder': filesChooseFolder(core),
  'files.choose-bundle': filesChooseBundle(core),
  'export.start': exportStart(core),
  'export.suggest-password': exportSuggestPassword(),
  'export.status': exportStatus(core.exports),
  'export.cancel': exportCancel(core.exports),
  'verify.run': verifyRun(core),
  'verifier.save': verifierSave(facts.verifierFolder),
});

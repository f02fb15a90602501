// Handlers for the register and one incident's procedure steps: start, detail, steps, sign-off, addenda,
// follow-ups and a reviewer's new key.
import type { AppCore } from '../../app/app-core';
import type { RegisterRows } from '../../app/register-rows';
import type { Handler } from '../register-handlers';

export const incidentsList =
  (register: RegisterRows): Handler<'incidents.list'> =>
  async () => ({ incidents: await register.list() });

export const incidentStart =
  (core: AppCore): Handler<'incident.start'> =>
  ({ passphrases, reason, subject, category, reportedBy, safeViewOffReason }) =>
    core.startIncident({
      passphrases,
      reason,
      subject,
      category,
      ...(reportedBy ? { reportedBy } : {}),
      ...(safeViewOffReason ? { safeViewOffReason } : {}),
    });

export const incidentGet =
  (core: AppCore): Handler<'incident.get'> =>
  ({ ref }) =>
    core.detail(ref);

export const incidentAct =
  (core: AppCore): Handler<'incident.act'> =>
  ({ ref, actor, command }) =>
    core.act(ref, actor, command);

export const incidentSignoff =
  (core: AppCore): Handler<'incident.signoff'> =>
  ({ ref, passphrases }) =>
    core.signOff(ref, passphrases);

export const incidentAddendum =
  (core: AppCore): Handler<'incident.addendum'> =>
  ({ ref, passphrase, text }) =>
    core.addendum(ref, passphrase, text);

export const incidentFollowUp =
  (core: AppCore): Handler<'incident.followup'> =>
  ({ ref, passphrase, kind, text, judgement }) =>
    core.followUp(ref, passphrase, { kind, text, ...(judgement ? { judgement } : {}) });

export const incidentConfirmKey =
  (core: AppCore): Handler<'incident.confirm-key'> =>
  ({ ref, passphrase }) =>
    core.confirmKeyChange(ref, passphrase);

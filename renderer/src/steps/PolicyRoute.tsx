// What the incident's policy says about whom to tell: its steps on the police route, its route when the concern is
// about a member of staff, and who takes the matter when it involves the head teacher.
import {
  contactLabel,
  headteacherRoute,
  policeSteps,
  staffRoute,
  TEMPLATE_NOTE,
  type Route,
} from '@shared/policy/policy-words';
import type { Contact, PolicyProfile } from '@shared/policy/profile-registry';
import { PolicyQuote } from '../components/Screen';

/** How to reach someone, as the policy gives it: telephone, email, web address. */
export const ContactWays = ({ contact }: { contact: Contact }) => (
  <>
    {contact.phone && <span className="phone"> {contact.phone}</span>}
    {contact.email && <span className="small"> {contact.email}</span>}
    {contact.url && <span className="small"> {contact.url}</span>}
  </>
);

const RouteNotice = ({ route, lead }: { route: Route; lead: string }) => (
  <div className="notice route" role="note">
    <p>{route.guidance ?? <strong>{lead}</strong>}</p>
    {route.quote && <PolicyQuote quote={route.quote} />}
    {route.contacts.length > 0 && (
      <ul className="plain-list">
        {route.contacts.map((c) => (
          <li key={contactLabel(c)}>
            Tell {contactLabel(c)}
            <ContactWays contact={c} />
          </li>
        ))}
      </ul>
    )}
  </div>
);

/** The head teacher is involved: the policy's route (the chair of governors, of the Steering Committee…). */
export const HeadteacherRoute = ({ profile }: { profile: PolicyProfile }) => (
  <RouteNotice route={headteacherRoute(profile)} lead="The head teacher is involved." />
);

/** A member of staff is involved: whom the policy says to tell. */
export const StaffRoute = ({ profile }: { profile: PolicyProfile }) => (
  <RouteNotice route={staffRoute(profile)} lead="A member of staff is involved." />
);

/** The policy's own steps on the police route, each with whom it says to tell. */
export const PoliceSteps = ({ profile, subject }: { profile: PolicyProfile; subject: 'pupil' | 'staff' | 'other' }) => {
  const steps = policeSteps(profile, subject);
  if (steps.length === 0) return null;
  return (
    <section aria-labelledby="policy-steps-h">
      <h2 id="policy-steps-h">What your policy says to do</h2>
      {steps.some((s) => !s.ownWords) && <p className="hint">{TEMPLATE_NOTE}</p>}
      <ol className="policy-steps">
        {steps.map((s) => (
          <li key={s.text}>
            “{s.text}”
            {s.contact && (
              <span className="who">
                {' '}
                {contactLabel(s.contact)}
                <ContactWays contact={s.contact} />
              </span>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
};

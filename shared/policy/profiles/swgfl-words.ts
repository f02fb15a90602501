// The SWGfL template's own words for the procedure ("Responding to incidents of misuse"), as the least-altered copy
// prints them (test/fixtures/policies/000_e355d01dfdc378d2.txt, lines given): the template profile's, and Forest's.
import type { PolicyProfile, Quote, QuoteKey, Quotes } from '../schema';

const OTHER = '“Other Incidents”';
const ILLEGAL = '“Illegal Incidents”';
const FLOWCHART = 'the Online Safety Incident Flowchart';

const HALT = {
  text:
    'If content being reviewed includes images of child abuse then the ' +
    'monitoring should be halted and referred to the Police immediately.',
  from: OTHER,
  line: 473,
};

export const SWGFL_QUOTES: NonNullable<PolicyProfile['quotes']> = {
  twoPeople: {
    text:
      'Have more than one senior member of staff involved in this process. This ' +
      'is vital to protect individuals if accusations are subsequently reported.',
    from: OTHER,
    line: 465,
  },
  sameComputer: {
    text:
      'Conduct the procedure using a designated computer that will not be used by ' +
      'young people and if necessary can be taken off site by the police should ' +
      'the need arise. Use the same computer for the duration of the procedure.',
    from: OTHER,
    line: 466,
  },
  illegal: {
    text:
      'If there is any suspicion that the web site(s) concerned may contain child ' +
      'abuse images, or if there is any other suspected illegal activity, refer to ' +
      'the right hand side of the Flowchart … and report immediately to the police.',
    from: ILLEGAL,
    line: 438,
  },
  record: {
    text:
      'Record the URL of any site containing the alleged misuse and describe the ' +
      'nature of the content causing concern. It may also be necessary to record and ' +
      'store screenshots of the content on the machine being used for investigation.',
    from: OTHER,
    line: 468,
  },
  halt: HALT,
  purge: HALT,
  judge: {
    text:
      'Once this has been completed and fully investigated the group will need to judge whether ' +
      'this concern has substance or not. If it does then appropriate action will be required …',
    from: OTHER,
    line: 469,
  },
  report: {
    text:
      'DO NOT DELAY, if you have any concerns, report them immediately. ' +
      'Secure and preserve evidence. Remember do not investigate yourself.',
    from: FLOWCHART,
    line: 446,
  },
  isolate: {
    text:
      'Isolate the computer in question as best you can. Any ' +
      'change to its state may hinder a later police investigation.',
    from: OTHER,
    line: 480,
  },
  evidence: {
    text:
      'It is important that all of the above steps are taken as they will ' +
      'provide an evidence trail for the school and possibly the police and ' +
      'demonstrate that visits to these sites were carried out for safeguarding purposes.',
    from: OTHER,
    line: 481,
  },
  retain: {
    text: 'The completed form should be retained by the group for evidence and reference purposes.',
    from: OTHER,
    line: 481,
  },
  policeResponse: {
    text: 'Await Police response. If no illegal activity or material is confirmed, then revert to internal procedures.',
    from: FLOWCHART,
    line: 453,
  },
  suspension: {
    text:
      'In the case of a member of staff or volunteer, it is likely that a suspension will take place at the ' +
      'point of referral to police, whilst police and internal procedures are being undertaken.',
    from: FLOWCHART,
    line: 459,
  },
  followUp: {
    text:
      'Debrief on online safety incident. … Review polices and share experiences ' +
      'and practice as required. … Implement changes. Monitor situation.',
    from: FLOWCHART,
    line: 449,
  },
};

/** The three outcomes as "Other Incidents" lists them (lines 470-472). */
export const SWGFL_OUTCOMES: NonNullable<PolicyProfile['outcomes']> = {
  internal: { text: 'Internal response or discipline procedures', line: 470 },
  la: { text: 'Involvement by Local Authority or national / local organisation (as relevant).', line: 471 },
  police: { text: 'Police involvement and/or action', line: 472 },
};

/** The right-hand side of the flowchart (lines 444-448), with whom each box says to tell where a profile can say. */
export const swgflPoliceSteps = (tellDsl: boolean): NonNullable<PolicyProfile['policeSteps']> => [
  {
    text: 'Report to the Designated Safeguarding Lead (DSL) who may also be responsible for Online Safety',
    line: 444,
    ...(tellDsl ? { tell: 'dsl' } : {}),
  },
  { text: 'Report to Police and report under local safeguarding arrangements.', line: 445, tell: 'police101' },
  { text: 'DO NOT DELAY, if you have any concerns, report them immediately.', line: 446 },
  { text: 'Secure and preserve evidence.', line: 447 },
  { text: 'Remember do not investigate yourself. Do not ask leading questions', line: 448 },
];

/** Two wordings the copies at Glenfield (002) and Milford Haven (004) print instead of the template's. */
export const WITH_VOLUNTEERS =
  'Have more than one senior member of staff / volunteer involved in this process. ' +
  'This is vital to protect individuals if accusations are subsequently reported.';
export const CHILD_ABUSE_HALT =
  'If content being reviewed includes images of Child abuse then the ' +
  'monitoring should be halted and referred to the Police immediately.';

/**
 * The template's passages as another SWGfL-based policy prints them: each key at its line there (a key left out is not
 * in that policy), with any wording that policy changed.
 */
export const swgflQuotesAt = (
  lines: Partial<Record<QuoteKey, number>>,
  changes: Partial<Record<QuoteKey, Partial<Quote>>> = {},
): Quotes => {
  const out: Quotes = {};
  for (const [key, line] of Object.entries(lines) as [QuoteKey, number][]) {
    const base = SWGFL_QUOTES[key];
    if (base) out[key] = { ...base, ...changes[key], line };
  }
  return out;
};

/** The three outcomes at their lines in another SWGfL-based policy, with its own wording where it differs. */
export const swgflOutcomesAt = (
  lines: Record<'internal' | 'la' | 'police', number>,
  changes: Partial<Record<'internal' | 'la' | 'police', string>> = {},
): NonNullable<PolicyProfile['outcomes']> => ({
  internal: { text: changes.internal ?? SWGFL_OUTCOMES.internal?.text ?? '', line: lines.internal },
  la: { text: changes.la ?? SWGFL_OUTCOMES.la?.text ?? '', line: lines.la },
  police: { text: changes.police ?? SWGFL_OUTCOMES.police?.text ?? '', line: lines.police },
});

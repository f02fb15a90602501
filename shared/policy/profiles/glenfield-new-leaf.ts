// Glenfield Tuition Centre / New Leaf Centre's Online Safety Policy 2022-24 (SWGfL-based), from
// test/fixtures/policies/002_9d77014b07d839f6.txt.
import type { PolicyProfile } from '../schema';
import {
  ACCEPTABLE,
  AT_CERTAIN_TIMES,
  ILLEGAL,
  NOMINATED_USERS,
  SWGFL_LEVELS,
  SWGFL_STAFF_ACTIONS,
  UNACCEPTABLE,
  USERS_SHALL_NOT,
} from './common';
import { CHILD_ABUSE_HALT, swgflOutcomesAt, swgflQuotesAt, WITH_VOLUNTEERS } from './swgfl-words';
import { ticks } from './ticks';

const MISUSE = '“Responding to incidents of misuse”';

export const GLENFIELD_NEW_LEAF: PolicyProfile = {
  profileFormat: 2,
  id: 'glenfield-new-leaf',
  name: 'Glenfield Tuition Centre Online Safety Policy 2022-24',
  organisation: 'Glenfield Tuition Centre / New Leaf Centre',
  version: '2022-24',
  reviewDue: 'August 2024 (the policy covers 2022-24)',
  reviewBy: '2024-08-31',
  source: {
    title: 'Online Safety Policy 2022-24',
    file: '002_9d77014b07d839f6.txt',
    basedOn: 'SWGfL School Online Safety Policy Template',
    notes: [
      'User Actions, lines 233-235 (threatening behaviour; extremism or terrorism; other ' +
        'offensive information): each row prints four cells for five columns, with the X in ' +
        'the third. Read as "Unacceptable": the rows sit under "Users shall not visit…", and ' +
        'the template and the other policies mark them Unacceptable. Confirm with the centre.',
      'User Actions, lines 236-241 (private business; bypassing filtering; ' +
        'copyright; confidential information; viruses; unfair usage): the X is ' +
        'printed under "Acceptable for nominated users" and is recorded so, although ' +
        'the template and the other policies mark these rows Unacceptable. Confirm with the centre.',
      'The pupil Actions / Sanctions matrix has every cell ticked (lines 290-306), and is recorded so.',
      'The staff Actions / Sanctions matrix prints no column labels and only four rows, each ' +
        'with eight ticks (lines 308-314); the columns are the SWGfL template’s eight staff actions.',
      'No contact details are given; the policy names the Designated Safeguarding ' +
        'Lead (line 77) and the centre lead, to whom staff report misuse (line 69).',
      'The policy prints no review date; it covers 2022-24 (line 5), read as ending with the school year on ' +
        '31 August 2024.',
      'It has the SWGfL "Other Incidents" steps under "Responding to incidents of misuse" (lines 253-281), with ' +
        '"staff / volunteer" (line 263), "Involvement by Local Authority." (line 269) and "the New Leaf Centre" ' +
        '(line 281), but no "Illegal Incidents" section and no flowchart: the triage, referral, police-response and ' +
        'suspension passages are the template’s, marked so.',
    ],
  },
  contacts: {
    dsl: { role: 'Designated Safeguarding Lead' },
    other: [{ role: 'Centre lead' }],
  },
  userActions: {
    heading: 'User Actions',
    columns: SWGFL_LEVELS,
    rows: [
      {
        activity:
          'Child sexual abuse images –The making, production or distribution of ' +
          'indecent images of children. Contrary to The Protection of Children Act 1978',
        group: USERS_SHALL_NOT,
        level: ILLEGAL,
      },
      {
        activity:
          'Grooming, incitement, arrangement or facilitation of sexual ' +
          'acts against children Contrary to the Sexual Offences Act 2003.',
        group: USERS_SHALL_NOT,
        level: ILLEGAL,
      },
      {
        activity:
          'Possession of an extreme pornographic image (grossly offensive, disgusting or ' +
          'otherwise of an obscene character) Contrary to the Criminal Justice and Immigration Act 2008',
        group: USERS_SHALL_NOT,
        level: ILLEGAL,
      },
      {
        activity:
          'Criminally racist material in UK – to stir up religious hatred (or hatred on ' +
          'the grounds of sexual orientation) - contrary to the Public Order Act 1986',
        group: USERS_SHALL_NOT,
        level: ILLEGAL,
      },
      { activity: 'Pornography', group: USERS_SHALL_NOT, level: UNACCEPTABLE },
      { activity: 'Promotion of any kind of discrimination', group: USERS_SHALL_NOT, level: UNACCEPTABLE },
      {
        activity: 'threatening behaviour, including promotion of physical violence or mental harm',
        group: USERS_SHALL_NOT,
        level: UNACCEPTABLE,
      },
      { activity: 'Promotion of extremism or terrorism', group: USERS_SHALL_NOT, level: UNACCEPTABLE },
      {
        activity:
          'Any other information which may be offensive to colleagues or breaches the ' +
          'integrity of the ethos of the school or brings the school into disrepute',
        group: USERS_SHALL_NOT,
        level: UNACCEPTABLE,
      },
      { activity: 'Using school systems to run a private business', level: NOMINATED_USERS },
      {
        activity:
          'Using systems, applications, websites or other mechanisms that ' +
          'bypass the filtering or other safeguards employed by the school',
        level: NOMINATED_USERS,
      },
      { activity: 'Infringing copyright', level: NOMINATED_USERS },
      {
        activity:
          'Revealing or publicising confidential or proprietary information (e.g. financial ' +
          '/ personal information, databases, computer / network access codes and passwords)',
        level: NOMINATED_USERS,
      },
      { activity: 'Creating or propagating computer viruses or other harmful files', level: NOMINATED_USERS },
      {
        activity: 'Unfair usage (downloading / uploading large files that hinders others in their use of the internet)',
        level: NOMINATED_USERS,
      },
      { activity: 'On-line gaming (educational)', level: ACCEPTABLE },
      { activity: 'On-line gaming (non-educational)', level: AT_CERTAIN_TIMES },
      { activity: 'On-line gambling', level: NOMINATED_USERS },
      { activity: 'On-line shopping / commerce', level: AT_CERTAIN_TIMES },
      { activity: 'File sharing', level: AT_CERTAIN_TIMES },
      { activity: 'Use of social media', level: NOMINATED_USERS },
      { activity: 'Use of messaging apps', level: AT_CERTAIN_TIMES },
      { activity: 'Use of video broadcasting e.g. YouTube', level: NOMINATED_USERS },
    ],
  },
  pupilSanctions: {
    rowHeading: 'Pupils Incidents',
    columns: [
      'Refer to class teacher / tutor',
      'Refer to Head of Department / Year / other',
      'Refer to Head teacher / Principal',
      'Refer to Police',
      'Refer to technical support staff for action re filtering / security etc.',
      'Inform parents / carers',
      'Removal of network / internet access rights',
      'Warning',
      'Further sanction e.g. detention / exclusion',
    ],
    rows: [
      {
        incident:
          'Deliberately accessing or trying to access material that could be considered ' +
          'illegal (see list in earlier section on unsuitable / inappropriate activities).',
        cells: ticks('XXXXXXXXX'),
      },
      { incident: 'Unauthorised use of non-educational sites during lessons', cells: ticks('XXXXXXXXX') },
      {
        incident: 'Unauthorised / inappropriate use of mobile phone / digital camera / other mobile device',
        cells: ticks('XXXXXXXXX'),
      },
      {
        incident: 'Unauthorised / inappropriate use of social media / messaging apps / personal email',
        cells: ticks('XXXXXXXXX'),
      },
      { incident: 'Unauthorised downloading or uploading of files', cells: ticks('XXXXXXXXX') },
      {
        incident: 'Allowing others to access school network by sharing username and passwords',
        cells: ticks('XXXXXXXXX'),
      },
      {
        incident: "Attempting to access or accessing the school network, using another student's / pupil's account",
        cells: ticks('XXXXXXXXX'),
      },
      {
        incident: 'Attempting to access or accessing the school network, using the account of a member of staff',
        cells: ticks('XXXXXXXXX'),
      },
      { incident: 'Corrupting or destroying the data of other users', cells: ticks('XXXXXXXXX') },
      {
        incident: 'Sending an email, text or message that is regarded as offensive, harassment or of a bullying nature',
        cells: ticks('XXXXXXXXX'),
      },
      {
        incident: 'Continued infringements of the above, following previous warnings or sanctions',
        cells: ticks('XXXXXXXXX'),
      },
      {
        incident:
          'Actions which could bring the school into disrepute or breach the integrity of the ethos of the school',
        cells: ticks('XXXXXXXXX'),
      },
      {
        incident: "Using proxy sites or other means to subvert the school's filtering system",
        cells: ticks('XXXXXXXXX'),
      },
      {
        incident: 'Accidentally accessing offensive or pornographic material and failing to report the incident',
        cells: ticks('XXXXXXXXX'),
      },
      {
        incident: 'Deliberately accessing or trying to access offensive or pornographic material',
        cells: ticks('XXXXXXXXX'),
      },
      {
        incident:
          'Receipt or transmission of material that infringes the ' +
          'copyright of another person or infringes the Data Protection Act',
        cells: ticks('XXXXXXXXX'),
      },
    ],
  },
  staffSanctions: {
    columns: SWGFL_STAFF_ACTIONS,
    rows: [
      {
        incident: 'Accidentally accessing offensive or pornographic material and failing to report the incident',
        cells: ticks('XXXXXXXX'),
      },
      {
        incident: 'Deliberately accessing or trying to access offensive or pornographic material',
        cells: ticks('XXXXXXXX'),
      },
      { incident: 'Breaching copyright or licensing regulations', cells: ticks('XXXXXXXX') },
      {
        incident: 'Continued infringements of the above, following previous warnings or sanctions',
        cells: ticks('XXXXXXXX'),
      },
    ],
    note:
      'The policy prints no column labels and only these four rows (lines 308-314); ' +
      'the columns are the SWGfL template’s staff actions, eight as the ticks are.',
  },
  policeReportable: [
    { id: 'grooming', label: "incidents of 'grooming' behaviour" },
    { id: 'obscene-to-child', label: 'the sending of obscene materials to a child' },
    { id: 'obscene-publications', label: 'adult material which potentially breaches the Obscene Publications Act' },
    { id: 'criminally-racist', label: 'criminally racist material' },
    { id: 'terrorism-extremism', label: 'promotion of terrorism or extremism' },
    { id: 'other-criminal', label: 'other criminal conduct, activity or materials' },
  ],
  quotes: swgflQuotesAt(
    {
      twoPeople: 263,
      sameComputer: 264,
      record: 266,
      halt: 272,
      purge: 272,
      judge: 267,
      isolate: 279,
      evidence: 281,
      retain: 281,
    },
    {
      twoPeople: { text: WITH_VOLUNTEERS, from: MISUSE },
      sameComputer: { from: MISUSE },
      record: { from: MISUSE },
      halt: { text: CHILD_ABUSE_HALT, from: MISUSE },
      purge: { text: CHILD_ABUSE_HALT, from: MISUSE },
      judge: { from: MISUSE },
      isolate: { from: MISUSE },
      evidence: {
        text:
          'It is important that all of the above steps are taken as they will provide an evidence trail for the New ' +
          'Leaf Centre and possibly the police and demonstrate that visits to these sites were carried out for ' +
          'safeguarding purposes.',
        from: MISUSE,
      },
      retain: { from: MISUSE },
    },
  ),
  outcomes: swgflOutcomesAt({ internal: 268, la: 269, police: 270 }, { la: 'Involvement by Local Authority.' }),
};

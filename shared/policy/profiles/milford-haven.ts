// Milford Haven School's Networking e-Safety Policy (SWGfL-based, filled-in matrices), from
// test/fixtures/policies/004_5dc4f1688d9d3a79.txt.
import type { PolicyProfile } from '../schema';
import {
  ACCEPTABLE,
  AT_CERTAIN_TIMES,
  ILLEGAL,
  NOMINATED_USERS,
  SWGFL_LEVELS,
  UNACCEPTABLE,
  USERS_SHALL_NOT,
} from './common';
import { CHILD_ABUSE_HALT, swgflOutcomesAt, swgflQuotesAt, WITH_VOLUNTEERS } from './swgfl-words';
import { ticks } from './ticks';

export const MILFORD_HAVEN: PolicyProfile = {
  profileFormat: 2,
  id: 'milford-haven',
  name: 'Milford Haven School Networking e-Safety Policy',
  organisation: 'Milford Haven School',
  version: 'Approved 24/05/23',
  approved: '2023-05-24',
  reviewDue: 'Summer 2024',
  reviewBy: '2024-07-31',
  source: {
    title: 'Milford Haven School Networking e-Safety Policy',
    file: '004_5dc4f1688d9d3a79.txt',
    basedOn: 'WG and SWGfL School e-Safety Policy Template (October 2014)',
    notes: [
      'The review date is printed as "Summer 2024" (line 9) and "Summer Term 2024" (line 34): read as the end of ' +
        'July 2024.',
      'The SWGfL "Illegal Incidents" and "Other Incidents" steps are printed (lines 427-455), with ' +
        '"staff / volunteer" (line 439) and the outcomes in another order (lines 444-446), but not the ' +
        'flowchart: the referral, police-response and suspension passages are the template’s, marked so.',
      'The police list under "Other Incidents" has five items; ' +
        '"promotion of terrorism or extremism" is not among them (lines 448-452).',
      'User Actions has no "Promotion of extremism or terrorism" row (lines 398-421).',
      'The sentence "Users shall not visit Internet sites…" is ' +
        'printed above the User Actions table (line 395), not inside it.',
      'No contact details are given; the policy names the people and agencies to inform (line ' +
        '35), the e-Safety Officer (line 64) and the Safeguarding Designated Person (line 115).',
    ],
  },
  contacts: {
    dsl: { role: 'Safeguarding Designated Person' },
    mash: { role: 'LA Child Care Assessment Team (CCATs)' },
    other: [
      { role: 'e-Safety Officer', name: 'Janette Reynolds' },
      { role: 'Police: SCPO' },
      { role: 'Police Liaison Officer' },
    ],
  },
  userActions: {
    heading: 'User Actions',
    preamble: USERS_SHALL_NOT,
    columns: SWGFL_LEVELS,
    rows: [
      {
        activity:
          'Child sexual abuse images –The making, production or distribution of ' +
          'indecent images of children. Contrary to The Protection of Children Act 1978',
        level: ILLEGAL,
      },
      {
        activity:
          'Grooming, incitement, arrangement or facilitation of sexual ' +
          'acts against children Contrary to the Sexual Offences Act 2003.',
        level: ILLEGAL,
      },
      {
        activity:
          'Possession of an extreme pornographic image (grossly offensive, disgusting or ' +
          'otherwise of an obscene character) Contrary to the Criminal Justice and Immigration Act 2008',
        level: ILLEGAL,
      },
      {
        activity:
          'criminally racist material in UK – to stir up religious hatred (or hatred on ' +
          'the grounds of sexual orientation) - contrary to the Public Order Act 1986',
        level: ILLEGAL,
      },
      { activity: 'pornography', level: UNACCEPTABLE },
      { activity: 'promotion of any kind of discrimination', level: UNACCEPTABLE },
      {
        activity: 'threatening behaviour, including promotion of physical violence or mental harm',
        level: UNACCEPTABLE,
      },
      {
        activity:
          'any other information which may be offensive to colleagues or breaches the ' +
          'integrity of the ethos of the school or brings the school into disrepute',
        level: UNACCEPTABLE,
      },
      { activity: 'Using school systems to run a private business', level: UNACCEPTABLE },
      {
        activity:
          'Using systems, applications, websites or other mechanisms that ' +
          'bypass the filtering or other safeguards employed by the school',
        level: UNACCEPTABLE,
      },
      { activity: 'Infringing copyright', level: ILLEGAL },
      {
        activity:
          'Revealing or publicising confidential or proprietary information (e.g. financial ' +
          '/ personal information, databases, computer / network access codes and passwords)',
        level: UNACCEPTABLE,
      },
      { activity: 'Creating or propagating computer viruses or other harmful files', level: ILLEGAL },
      {
        activity: 'Unfair usage (downloading / uploading large files that hinders others in their use of the internet)',
        level: UNACCEPTABLE,
      },
      { activity: 'On-line gaming (educational)', level: AT_CERTAIN_TIMES },
      { activity: 'On-line gaming (non educational)', level: UNACCEPTABLE },
      { activity: 'On-line gambling', level: UNACCEPTABLE },
      { activity: 'On-line shopping / commerce', level: NOMINATED_USERS },
      { activity: 'File sharing', level: ACCEPTABLE },
      { activity: 'Use of social media', level: AT_CERTAIN_TIMES },
      { activity: 'Use of messaging apps', level: AT_CERTAIN_TIMES },
      { activity: 'Use of video broadcasting e.g. YouTube', level: ACCEPTABLE },
    ],
  },
  pupilSanctions: {
    rowHeading: 'Incidents:',
    columns: [
      'Refer to class teacher / tutor',
      'Refer to AOLE / HoH / Engagement team/ other',
      'Refer to Head teacher / Duty SLT',
      'Refer to Police',
      'Refer to technical support staff for action re filtering / security etc',
      'Inform parents / carers',
      'Removal of internet access rights',
      'Warning',
      'Further sanction e.g. detention / exclusion',
    ],
    rows: [
      {
        incident:
          'Deliberately accessing or trying to access material that could be considered ' +
          'illegal (see list in earlier section on unsuitable / inappropriate activities).',
        cells: ticks('.XXX.XX.X'),
      },
      { incident: 'Unauthorised use of non-educational sites during lessons', cells: ticks('X.......X') },
      {
        incident: 'Unauthorised use of mobile phone / digital camera / other mobile device',
        cells: ticks('X.......X'),
      },
      { incident: 'Unauthorised use of social media / messaging apps / personal email', cells: ticks('XX......X') },
      { incident: 'Unauthorised downloading or uploading of files', cells: ticks('X......X.') },
      {
        incident: 'Allowing others to access school network by sharing username and passwords',
        cells: ticks('.X..X.X..'),
      },
      {
        incident: "Attempting to access or accessing the school network, using another student's / pupil's account",
        cells: ticks('.X..X.X..'),
      },
      {
        incident: 'Attempting to access or accessing the school network, using the account of a member of staff',
        cells: ticks('.XX.XXX.X'),
      },
      { incident: 'Corrupting or destroying the data of other users', cells: ticks('.XX.XXX.X') },
      {
        incident: 'Sending an email, text or message that is regarded as offensive, harassment or of a bullying nature',
        cells: ticks('.XXXXXX.X'),
      },
      {
        incident: 'Continued infringements of the above, following previous warnings or sanctions',
        cells: ticks('.XXXXXX.X'),
      },
      {
        incident:
          'Actions which could bring the school into disrepute or breach the integrity of the ethos of the school',
        cells: ticks('.XX.XXX.X'),
      },
      {
        incident: "Using proxy sites or other means to subvert the school's filtering system",
        cells: ticks('.X..X....'),
      },
      {
        incident: 'Accidentally accessing offensive or pornographic material and failing to report the incident',
        cells: ticks('.X...X.X.'),
      },
      {
        incident: 'Deliberately accessing or trying to access offensive or pornographic material',
        cells: ticks('.XX.XXX.X'),
      },
      {
        incident:
          'Receipt or transmission of material that infringes the ' +
          'copyright of another person or infringes the Data Protection Act',
        cells: ticks('.XX.XXX.X'),
      },
    ],
  },
  staffSanctions: {
    rowHeading: 'Incidents:',
    columns: [
      'Refer to line manager',
      'Refer to Headteacher Principal',
      'Refer to Local Authority / HR',
      'Refer to Police',
      'Refer to Technical Support Staff for action re filtering etc',
      'Warning',
      'Suspension',
      'Disciplinary action',
    ],
    rows: [
      {
        incident:
          'Deliberately accessing or trying to access material that could be considered ' +
          'illegal (see list in earlier section on unsuitable / inappropriate activities).',
        cells: ticks('.XXX..XX'),
      },
      {
        incident: 'Inappropriate personal use of the internet / social media / personal email',
        cells: ticks('XX...X..'),
      },
      { incident: 'Unauthorised downloading or uploading of files', cells: ticks('X...XX..') },
      {
        incident:
          'Allowing others to access school network by sharing username and passwords or ' +
          "attempting to access or accessing the school network, using another person's account",
        cells: ticks('XX..XX.X'),
      },
      {
        incident: 'Careless use of personal data eg holding or transferring data in an insecure manner',
        cells: ticks('.X..XX..'),
      },
      { incident: 'Deliberate actions to breach data protection or network security rules', cells: ticks('.X..X.XX') },
      {
        incident:
          'Corrupting or destroying the data of other users or causing deliberate damage to hardware or software',
        cells: ticks('.X..X.X.'),
      },
      {
        incident: 'Sending an email, text or message that is regarded as offensive, harassment or of a bullying nature',
        cells: ticks('.X.XX.XX'),
      },
      {
        incident:
          'Using personal email / social networking / instant messaging / text ' +
          'messaging to carrying out digital communications with students / pupils',
        cells: ticks('XX..XXXX'),
      },
      { incident: "Actions which could compromise the staff member's professional standing", cells: ticks('XX..XX..') },
      {
        incident:
          'Actions which could bring the school into disrepute or breach the integrity of the ethos of the school',
        cells: ticks('.X..XXXX'),
      },
      {
        incident: "Using proxy sites or other means to subvert the school's filtering system",
        cells: ticks('.X..XX..'),
      },
      {
        incident: 'Accidentally accessing offensive or pornographic material and failing to report the incident',
        cells: ticks('XX..XX..'),
      },
      {
        incident: 'Deliberately accessing or trying to access offensive or pornographic material',
        cells: ticks('.XXXX.XX'),
      },
      { incident: 'Breaching copyright or licensing regulations', cells: ticks('X....X..') },
      {
        incident: 'Continued infringements of the above, following previous warnings or sanctions',
        cells: ticks('.XX.X.XX'),
      },
    ],
  },
  policeReportable: [
    { id: 'grooming', label: "incidents of 'grooming' behaviour" },
    { id: 'obscene-to-child', label: 'the sending of obscene materials to a child' },
    { id: 'obscene-publications', label: 'adult material which potentially breaches the Obscene Publications Act' },
    { id: 'criminally-racist', label: 'criminally racist material' },
    { id: 'other-criminal', label: 'other criminal conduct, activity or materials' },
  ],
  quotes: swgflQuotesAt(
    {
      twoPeople: 439,
      sameComputer: 440,
      illegal: 429,
      record: 442,
      halt: 447,
      purge: 447,
      judge: 443,
      isolate: 453,
      evidence: 455,
      retain: 455,
    },
    {
      twoPeople: { text: WITH_VOLUNTEERS },
      halt: { text: CHILD_ABUSE_HALT },
      purge: { text: CHILD_ABUSE_HALT },
    },
  ),
  outcomes: swgflOutcomesAt({ police: 444, internal: 445, la: 446 }),
};

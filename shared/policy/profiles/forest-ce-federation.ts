// Forest CE Federation's Online Safety Policy 2025-2027 (SWGfL-based), transcribed from
// test/fixtures/policies/000_e355d01dfdc378d2.txt.
import type { PolicyProfile } from '../schema';
import { ILLEGAL, SWGFL_LEVELS, UNACCEPTABLE, USERS_SHALL_NOT } from './common';
import { SWGFL_OUTCOMES, SWGFL_QUOTES, swgflPoliceSteps } from './swgfl-words';
import { ticks } from './ticks';

export const FOREST_CE_FEDERATION: PolicyProfile = {
  profileFormat: 2,
  id: 'forest-ce-federation',
  name: 'Forest CE Federation Online Safety Policy 2025-2027',
  organisation: 'Forest CE Federation',
  version: '2025-2027',
  reviewDue: 'May 2024',
  reviewBy: '2024-05-31',
  source: {
    title: 'Forest CE Federation Online Safety Policy 2025-2027',
    file: '000_e355d01dfdc378d2.txt',
    basedOn: 'SWGfL School Online Safety Policy Template',
    notes: [
      'The approval date is left blank in the policy (line 20); the review date it prints is May 2024 (line 31).',
      'Footnote markers printed after "User Actions", "Youtube" and "Data ' +
        'Protection Act" (lines 251, 423, 663) are not part of the labels and are left out.',
      'Only the first row of each Actions / Sanctions matrix is ticked; every other row is printed blank.',
      'The passages quoted, the outcomes (lines 470-472) and the police-route steps (the flowchart, lines 444-448) ' +
        'are the SWGfL words this policy prints; the DSL the flowchart names (line 444) is its contact.',
      'For a member of staff the LADO is offered: line 36 names LADO/MASH among those to inform of serious ' +
        'incidents, and the LADO is whom allegations about staff go to. The flowchart’s words on suspension at ' +
        'referral (line 459) are quoted. The policy names no route for incidents involving the head teacher.',
      'The review date printed is May 2024 (line 31): past the end of that month the screens and the form say so, ' +
        'although the title says 2025-2027.',
    ],
  },
  contacts: {
    // The flowchart (lines 443-444) and "should be informed" (lines 33-36, 458) name these roles, without details.
    dsl: { role: 'Designated Safeguarding Lead (DSL)' },
    headteacher: { role: 'Headteacher' },
    lado: { role: 'LADO' },
    mash: { role: 'MASH' },
    other: [{ role: 'Safeguarding Governor' }, { role: 'NCC Online Safety Officer', name: 'Simon Aston' }],
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
      { activity: 'Using school systems to run a private business', level: UNACCEPTABLE },
      {
        activity:
          'Using systems, applications, websites or other mechanisms that bypass ' +
          'the filtering or other safeguards employed by  the school / academy',
        level: UNACCEPTABLE,
      },
      { activity: 'Infringing copyright', level: UNACCEPTABLE },
      {
        activity:
          'Revealing or publicising confidential or proprietary information (eg financial / ' +
          'personal information, databases, computer / network access codes and passwords)',
        level: UNACCEPTABLE,
      },
      { activity: 'Creating or propagating computer viruses or other harmful files', level: UNACCEPTABLE },
      {
        activity:
          'Unfair usage (downloading / uploading large  files that hinders others in their use of the internet)',
        level: UNACCEPTABLE,
      },
      { activity: 'On-line gaming (educational)', level: null },
      { activity: 'On-line gaming (non-educational)', level: null },
      { activity: 'On-line gambling', level: null },
      { activity: 'On-line shopping / commerce', level: null },
      { activity: 'File sharing', level: null },
      { activity: 'Use of social media', level: null },
      { activity: 'Use of messaging apps', level: null },
      { activity: 'Use of video broadcasting e.g. Youtube', level: null },
    ],
  },
  pupilSanctions: {
    rowHeading: 'Pupils Incidents',
    columns: [
      'Refer to class teacher / tutor',
      'Refer to Head of Department / Year / other',
      'Refer to Headteacher / Principal',
      'Refer to Police',
      'Refer to technical support  staff for action re filtering / security etc.',
      'Inform parents / carers',
      'Removal of network / internet access rights',
      'Warning',
      'Further sanction eg detention / exclusion',
    ],
    rows: [
      {
        incident:
          'Deliberately accessing or trying to access material that could be considered ' +
          'illegal (see list in earlier section on unsuitable / inappropriate activities).',
        cells: ticks('.XXX.....'),
      },
      { incident: 'Unauthorised use of non-educational sites during lessons', cells: ticks('.........') },
      {
        incident: 'Unauthorised / inappropriate use of mobile phone / digital camera / other mobile device',
        cells: ticks('.........'),
      },
      {
        incident: 'Unauthorised / inappropriate use of social media /  messaging apps / personal email',
        cells: ticks('.........'),
      },
      { incident: 'Unauthorised downloading or uploading of files', cells: ticks('.........') },
      {
        incident: 'Allowing others to access school / academy network by sharing username and passwords',
        cells: ticks('.........'),
      },
      {
        incident:
          'Attempting to access or accessing the school / academy network, using another student’s / pupil’s account',
        cells: ticks('.........'),
      },
      {
        incident:
          'Attempting to access or accessing the school / academy network, using the account of a member of staff',
        cells: ticks('.........'),
      },
      { incident: 'Corrupting or destroying the data of other users', cells: ticks('.........') },
      {
        incident: 'Sending an email, text or message that is regarded as offensive, harassment or of a bullying nature',
        cells: ticks('.........'),
      },
      {
        incident: 'Continued infringements of the above, following previous warnings or sanctions',
        cells: ticks('.........'),
      },
      {
        incident:
          'Actions which could bring the school / academy into ' +
          'disrepute or breach the integrity of the ethos of the school',
        cells: ticks('.........'),
      },
      {
        incident: 'Using proxy sites or other means to subvert the school’s / academy’s filtering system',
        cells: ticks('.........'),
      },
      {
        incident: 'Accidentally accessing offensive or pornographic material and failing to report the incident',
        cells: ticks('.........'),
      },
      {
        incident: 'Deliberately accessing or trying to access offensive or pornographic material',
        cells: ticks('.........'),
      },
      {
        incident:
          'Receipt or transmission of material that infringes the ' +
          'copyright of another person or infringes the Data Protection Act',
        cells: ticks('.........'),
      },
    ],
    note: 'The printed table ends with a row that has no incident and no ticks (lines 675-685); it is left out.',
  },
  staffSanctions: {
    rowHeading: 'Staff Incidents',
    columns: [
      'Refer to line managerr',
      'Refer to Headteacher Principal',
      'Refer to Local Authority / HR',
      'Refer to Police',
      'Refer to Technical Support Staff for action re filtering etc.',
      'Warning',
      'Suspension',
      'Disciplinary  action',
    ],
    rows: [
      {
        incident:
          'Deliberately accessing or trying to access material that could be considered ' +
          'illegal (see list in earlier section on unsuitable / inappropriate activities).',
        cells: ticks('.XXX....'),
      },
      {
        incident: 'Inappropriate personal use of the internet / social media / personal email',
        cells: ticks('........'),
      },
      { incident: 'Unauthorised downloading or uploading of files', cells: ticks('........') },
      {
        incident:
          'Allowing others to access school network by sharing username and passwords or ' +
          'attempting to access or accessing the school network, using another person’s account',
        cells: ticks('........'),
      },
      {
        incident: 'Careless use of personal data e.g. holding or transferring data in an insecure manner',
        cells: ticks('........'),
      },
      { incident: 'Deliberate actions to breach data protection or network security rules', cells: ticks('........') },
      {
        incident:
          'Corrupting or destroying the data of other users or causing deliberate damage to hardware or software',
        cells: ticks('........'),
      },
      {
        incident: 'Sending an email, text or message that is regarded as offensive, harassment or of a bullying nature',
        cells: ticks('........'),
      },
      {
        incident:
          'Using personal email / social networking / instant messaging / text ' +
          'messaging to carrying out digital communications with students / pupils',
        cells: ticks('........'),
      },
      { incident: 'Actions which could compromise the staff member’s professional standing', cells: ticks('........') },
      {
        incident:
          'Actions which could bring the school / academy into disrepute ' +
          'or breach the integrity of the ethos of the school / academy',
        cells: ticks('........'),
      },
      {
        incident: 'Using proxy sites or other means to subvert the school’s / academy’s filtering system',
        cells: ticks('........'),
      },
      {
        incident: 'Accidentally accessing offensive or pornographic material and failing to report the incident',
        cells: ticks('........'),
      },
      {
        incident: 'Deliberately accessing or trying to access offensive or pornographic material',
        cells: ticks('........'),
      },
      { incident: 'Breaching copyright or licensing regulations', cells: ticks('........') },
      {
        incident: 'Continued infringements of the above, following previous warnings or sanctions',
        cells: ticks('........'),
      },
    ],
    note:
      'The text ends at the label of the last row (line 853), ' +
      'so its cells are not printed; they are recorded as blank.',
  },
  policeReportable: [
    { id: 'grooming', label: 'incidents of ‘grooming’ behaviour' },
    { id: 'obscene-to-child', label: 'the sending of obscene materials to a child' },
    { id: 'obscene-publications', label: 'adult material which potentially breaches the Obscene Publications Act' },
    { id: 'criminally-racist', label: 'criminally racist material' },
    { id: 'terrorism-extremism', label: 'promotion of terrorism or extremism' },
    { id: 'other-criminal', label: 'other criminal conduct, activity or materials' },
  ],
  quotes: SWGFL_QUOTES,
  outcomes: SWGFL_OUTCOMES,
  policeSteps: swgflPoliceSteps(true),
  staffTell: ['lado'],
};

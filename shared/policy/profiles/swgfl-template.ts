// The default profile: the SWGfL School Online Safety Policy Template, with national contacts and the template's own
// ticks.
import type { PolicyProfile } from '../schema';
import {
  ILLEGAL,
  NATIONAL_CONTACTS,
  SWGFL_LEVELS,
  SWGFL_PUPIL_ACTIONS,
  SWGFL_STAFF_ACTIONS,
  UNACCEPTABLE,
  USERS_SHALL_NOT,
} from './common';
import { SWGFL_OUTCOMES, SWGFL_QUOTES, swgflPoliceSteps } from './swgfl-words';
import { ticks } from './ticks';

export const SWGFL_TEMPLATE: PolicyProfile = {
  profileFormat: 2,
  id: 'swgfl-template',
  name: 'SWGfL School Online Safety Policy Template',
  organisation: 'SWGfL template (not a school’s own policy)',
  version: 'Template',
  source: {
    title: 'SWGfL School Online Safety Policy Template',
    notes: [
      'The template itself is not among the policies supplied. Its tables are taken ' +
        'from the least-altered SWGfL copy, Forest CE Federation (000_e355d01dfdc378d2.txt).',
      'That copy’s only ticks are the "Unacceptable" and "Unacceptable and illegal" marks in ' +
        'User Actions and the first (illegal material) row of each Actions / Sanctions matrix; ' +
        'they are kept as the template’s defaults. Every other cell is blank, for the school to decide.',
      'Labels are as printed there, with footnote markers, ' +
        'doubled spaces and the typo "Refer to line managerr" removed.',
      'Contacts are the national ones only: police 101 and 999, CEOP and the IWF. A school adds its own.',
      'The passages the screens quote, the three outcomes and the police-route steps are the template’s words as ' +
        'that copy prints them (lines 438-481, "Responding to incidents of misuse" and its flowchart); the footnote ' +
        'marker after "Do not ask leading questions" (line 448) is left out. They stand in, marked as the ' +
        'template’s, wherever another profile has no words of its own.',
      'The template names no review date and no route for incidents involving the head teacher.',
    ],
  },
  contacts: { ...NATIONAL_CONTACTS },
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
          'Using systems, applications, websites or other mechanisms that ' +
          'bypass the filtering or other safeguards employed by the school / academy',
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
        activity: 'Unfair usage (downloading / uploading large files that hinders others in their use of the internet)',
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
    columns: SWGFL_PUPIL_ACTIONS,
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
        incident: 'Unauthorised / inappropriate use of social media / messaging apps / personal email',
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
  },
  staffSanctions: {
    rowHeading: 'Staff Incidents',
    columns: SWGFL_STAFF_ACTIONS,
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
  policeSteps: swgflPoliceSteps(false),
};

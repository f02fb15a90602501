// Gloucester House, The Tavistock Children's Day Unit (London Borough of Camden): its online safety policy, with
// Camden's contacts and LGfL's category A and B sanctions, from test/fixtures/policies/003_477b47ee3b0ca0b8.txt.
import type { PolicyProfile, SanctionMatrix } from '../schema';

const STATEMENT = '4.1 Policy statement';
const STAFF_MISUSE = '4.4 Inappropriate use of IT by staff';
const CATEGORY_A = '5.1 Category A Infringements (Minor misconduct)';
const CATEGORY_B = '5.2 Category B Infringements (Gross misconduct)';
const COORDINATOR = 'CGraham@tavi-port.nhs.uk';

const A = [true, false, false, false, false, false, false];
const B = [false, true, true, true, true, true, true];

/** LGfL's framework (lines 636-668), for staff and pupils alike (line 130; pupils, line 504). */
const LGFL_CATEGORIES: SanctionMatrix = {
  rowHeading: '5 Sanctions for misuse of school IT',
  columns: [
    'Referral to the head teacher who may issue a warning.',
    'referral to the head teacher',
    'removal of equipment',
    'referral to Camden’s online safety officer',
    'referral to Camden’s LADO or the police',
    'suspension pending investigation',
    'disciplinary action in line with school policies.',
  ],
  rows: [
    {
      group: CATEGORY_A,
      incident: 'Excessive personal internet use not related to professional development.',
      cells: A,
    },
    {
      group: CATEGORY_A,
      incident: 'Using personal storage devices (e.g., USB sticks) without virus checks.',
      cells: A,
    },
    { group: CATEGORY_A, incident: 'Sharing or disclosing passwords.', cells: A },
    { group: CATEGORY_A, incident: 'Installing unlicensed software.', cells: A },
    {
      group: CATEGORY_A,
      incident: 'Posting inappropriate content on social media that could harm the school’s reputation.',
      cells: A,
    },
    {
      group: CATEGORY_B,
      incident:
        'serious misuse of or deliberate damage to any school computer hardware or software, for example deleting ' +
        'files, downloading unsuitable applications',
      cells: B,
    },
    {
      group: CATEGORY_B,
      incident: 'any deliberate attempt to breach data protection or computer security rules, for example hacking',
      cells: B,
    },
    {
      group: CATEGORY_B,
      incident:
        'deliberately accessing, downloading, or disseminating any material deemed offensive, obscene, defamatory, ' +
        'racist, homophobic, or violent',
      cells: B,
    },
    {
      group: CATEGORY_B,
      incident:
        'receipt or transmission of material that infringes the copyright of other people or is in breach of the ' +
        'Data Protection Act',
      cells: B,
    },
    { group: CATEGORY_B, incident: 'bringing the school’s name into disrepute.', cells: B },
  ],
  policeColumns: [],
  note:
    'Not a table: category A’s examples (lines 644-650; the last three under "Inappropriate online behaviour such ' +
    'as:", line 647) carry its one sanction (line 652); category B’s (lines 656-660) carry its "possible sanctions" ' +
    '(lines 663-668), all suggested. No column alone means the police: "referral to Camden’s LADO or the police" ' +
    'leaves the choice to the reviewers, who then answer the police question themselves.',
};

export const GLOUCESTER_HOUSE: PolicyProfile = {
  profileFormat: 2,
  id: 'gloucester-house',
  name: 'Gloucester House Online Safety Policy',
  organisation: 'Gloucester House – The Tavistock Children’s Day Unit',
  version: 'Not dated',
  source: {
    title: 'Online Safety Policy',
    file: '003_477b47ee3b0ca0b8.txt',
    basedOn: 'London Borough of Camden guidance; sanctions framework recommended by LGfL',
    notes: [
      'The text has no title page, no date and no review date; it refers to itself as the online safety policy ' +
        '(line 90). Check with the school when it is due for review.',
      'Not SWGfL-based: no User Actions table, no "Other Incidents" steps and no flowchart. The screens quote ' +
        'its own words where it has them (sections 4.1, 4.3, 4.4 and 5.2); the two-person and designated-computer ' +
        'steps, the halt and the evidence trail are the template’s, marked so.',
      'Incidents involving the head teacher go to the chair of the Steering Committee (lines 487, 513), which ' +
        'stands for the governing body (line 133); the chair is not named. Incidents about staff go to the head ' +
        'teacher, with the LADO considered (line 487).',
      'The police route follows 4.1 and 4.4: the online safety co-ordinator first (line 485), the DSL for ' +
        'safeguarding issues (line 491), the device taken out of use by the network manager (line 515; the IT ' +
        'systems/Data manager of line 44), the police for illegal material (line 521), the LADO for staff (line ' +
        '519), and Camden’s online safety officer for significant incidents (line 156).',
      'Its police list is read from 4.1 and 4.4: contact with inappropriate adults (line 491) as grooming, and ' +
        'materials illegal in nature (line 521) as other criminal conduct. The other four items are asked in ' +
        'the template’s words, marked so; extremism goes to MASH and the Prevent Education Officer (lines 622-624).',
      'Contacts as printed on the first page (lines 5-50). The LADO’s number has twelve digits ("020279744556", ' +
        'line 13), one more than a London number: check it. The MASH number "02079741553/3317" (line 19) is two ' +
        'numbers, 020 7974 1553 and 020 7974 3317. The Acting Headteacher is also the DSL and the online safety ' +
        'co-ordinator (lines 30-42).',
    ],
  },
  contacts: {
    dsl: { role: 'Designated Safeguarding Lead', name: 'Chilo Graham', email: COORDINATOR },
    deputyDsl: {
      role: 'Deputy Designated safeguarding lead',
      name: 'Selina Wightman',
      email: 'SWightman@tavi-port.nhs.uk',
    },
    headteacher: { role: 'Acting Headteacher', name: 'Chilo Graham', email: COORDINATOR },
    chairOfGovernors: { role: 'Chair of the Steering Committee' },
    lado: {
      role: 'Local Authority Designated Officer (LADO)',
      name: 'Jacqueline Fearon',
      phone: '020279744556',
      email: 'LADO@camden.gov.uk',
    },
    mash: { role: 'Child and Family Contact/MASH team', name: 'Fatima O’Dwyer, Manager', phone: '02079741553/3317' },
    prevent: { role: 'Prevent Education Officer', name: 'Jane Murphy', phone: '02079741008' },
    other: [
      {
        role: 'Child protection lead officer and Local Authority Designated Officer (LADO)',
        name: 'Sonia Forbes',
        phone: '02079744351',
      },
      { role: 'Online safety co-ordinator', name: 'Chilo Graham', email: COORDINATOR },
      { role: 'IT systems/Data manager', name: 'Jon Rex', email: 'JRex@Tavi-Port.nhs.uk' },
      { role: 'Nominated Steering Committee Member', name: 'Mark Freestone', email: 'MFreestone@tavi-port.nhs.uk' },
      { role: 'Camden’s online safety officer' },
    ],
  },
  pupilSanctions: LGFL_CATEGORIES,
  staffSanctions: LGFL_CATEGORIES,
  policeReportable: [
    { id: 'grooming', label: 'contact with inappropriate adults', line: 491 },
    { id: 'other-criminal', label: 'materials viewed are illegal in nature', line: 521 },
  ],
  quotes: {
    illegal: {
      text:
        'If the materials viewed are illegal in nature the head teacher or Steering Committee member should ' +
        'report the incident to the police and follow their advice, which should also be recorded on the online ' +
        'safety incident report form.',
      from: STAFF_MISUSE,
      line: 521,
    },
    record: {
      text:
        'The incident should be reported to the online safety co-ordinator and details of the website address ' +
        'and URL recorded.',
      from: '4.3 Intentional access of inappropriate websites by a pupil',
      line: 506,
    },
    judge: {
      text:
        'Online safety incidents involving safeguarding issues, for example contact with inappropriate adults, ' +
        'should be reported to the designated safeguarding lead, who will decide as to whether or not to refer ' +
        'the matter to the police and/or Children’s Safeguarding and Social Work in conjunction with the head ' +
        'teacher.',
      from: STATEMENT,
      line: 491,
    },
    report: {
      text:
        'If the materials viewed are illegal in nature the head teacher or Steering Committee member should ' +
        'report the incident to the police and follow their advice …',
      from: STAFF_MISUSE,
      line: 521,
    },
    isolate: {
      text:
        'The online safety co-ordinator will notify the network manager so that the computer, laptop, or other ' +
        'device is taken out of use and securely stored in order to preserve any evidence. A note of any action ' +
        'taken should be recorded on the online safety incident report form.',
      from: STAFF_MISUSE,
      line: 515,
    },
    retain: {
      text: 'The school’s online safety co-ordinator should keep a log of all online safety incidents and complaints …',
      from: STATEMENT,
      line: 489,
    },
    policeResponse: {
      text:
        '… report the incident to the police and follow their advice, which should also be recorded on the ' +
        'online safety incident report form.',
      from: STAFF_MISUSE,
      line: 521,
    },
    staff: {
      text:
        'Where the incident or complaint relates to a member of staff, the matter must always be referred to the ' +
        'head teacher for action under staff conduct policies for low level incidents or consideration given to ' +
        'contacting the LADO under the CSCP guidance on dealing with allegations against staff where this is ' +
        'appropriate.',
      from: STATEMENT,
      line: 487,
    },
    suspension: { text: 'Possible sanctions include: … suspension pending investigation', from: CATEGORY_B, line: 662 },
    headteacher: {
      text: 'Incidents involving the head teacher should be reported to the chair of the Steering Committee.',
      from: STATEMENT,
      line: 487,
    },
    followUp: {
      text:
        '… regularly review the information for evidence of emerging patterns of individual behaviour or ' +
        'weaknesses in the school’s online safety system and use these to update the online safety policy.',
      from: STATEMENT,
      line: 489,
    },
  },
  outcomes: {
    internal: {
      text: 'the school’s behaviour and staff disciplinary procedures should be used as appropriate',
      line: 620,
    },
    la: { text: 'a referral should be made to Children’s Safeguarding and Family Help', line: 182 },
    police: { text: 'report the incident to the police and follow their advice', line: 521 },
  },
  policeSteps: [
    {
      text:
        'All incidents and complaints relating to online safety and unacceptable internet use will be reported to ' +
        'the online safety co-ordinator in the first instance.',
      line: 485,
      tell: 'other-1',
    },
    {
      text:
        'Online safety incidents involving safeguarding issues, for example contact with inappropriate adults, ' +
        'should be reported to the designated safeguarding lead …',
      line: 491,
      tell: 'dsl',
    },
    {
      text:
        'The online safety co-ordinator will notify the network manager so that the computer, laptop, or other ' +
        'device is taken out of use and securely stored in order to preserve any evidence.',
      line: 515,
      tell: 'other-2',
    },
    {
      text:
        'If the materials viewed are illegal in nature the head teacher or Steering Committee member should ' +
        'report the incident to the police and follow their advice …',
      line: 521,
      tell: 'police101',
    },
    {
      text: 'Where appropriate, consideration should be given to contacting the LADO for advice.',
      line: 519,
      tell: 'lado',
      staffOnly: true,
    },
    { text: 'report significant incidents and issues to Camden’s online safety officer.', line: 156, tell: 'other-4' },
  ],
  isolation: [
    {
      text:
        'the computer, laptop, or other device is taken out of use and securely stored in order to preserve any ' +
        'evidence.',
      line: 515,
    },
  ],
  staffTell: ['headteacher', 'lado'],
  headteacherTell: 'chairOfGovernors',
};

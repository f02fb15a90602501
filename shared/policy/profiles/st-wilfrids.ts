// St Wilfrid's RC Primary School's Online Safety Policy (not SWGfL-based: its own procedures for specific incidents),
// from test/fixtures/policies/001_5c3ed894315215fa.txt.
import type { PolicyProfile, SanctionMatrix } from '../schema';

const RESPONDING = '8. Responding to Online Incidents and Safeguarding Concerns';
const IIOC = '9.3. Responding to concerns regarding Indecent Images of Children (IIOC)';

/** 9.5's sanctions "for those involved" in online bullying, pupils and staff alike (lines 437-442). */
const CYBERBULLYING: SanctionMatrix = {
  rowHeading: '9.5. Responding to concerns regarding cyberbullying',
  columns: [
    'Those involved will be asked to remove any material deemed to be inappropriate or offensive.',
    'A service provider may be contacted to remove content if those involved refuse to or are unable to ' +
      'delete content.',
    'Internet access may be suspended at school for the user for a period of time.',
    'Parent/carers of pupils involved in online bullying will be informed.',
    'The Police will be contacted if a criminal offence is suspected.',
  ],
  rows: [{ incident: 'Those involved in online or cyberbullying', cells: [true, true, true, true, true] }],
  note:
    'The policy has no Actions / Sanctions table. Its one list of sanctions is for online bullying (lines 437-442), ' +
    'and applies to pupils and staff (line 440); each item is a column, all suggested. Line 440 goes on: ' +
    '"Other sanctions for pupils and staff may also be used in accordance to the schools anti-bullying, behaviour ' +
    'policy or Acceptable Use Policy."',
};

export const ST_WILFRIDS: PolicyProfile = {
  profileFormat: 2,
  id: 'st-wilfrids',
  name: 'St Wilfrid’s RC Primary School Online Safety Policy',
  organisation: 'St Wilfrid’s RC Primary School',
  version: 'Approved September 2016, re-examined September 2021',
  reviewDue: 'September 2022',
  reviewBy: '2022-09-30',
  source: {
    title: 'Online Safety Policy',
    file: '001_5c3ed894315215fa.txt',
    notes: [
      'Approved by the Governing Body in September 2016, "updated annually", and re-examined by the head teacher in ' +
        'September 2021 (line 31): the next review was due in September 2022.',
      'Not SWGfL-based: it has no User Actions table, no "Other Incidents" steps and no flowchart. The passages ' +
        'the screens quote are its own where it has words for the step (sections 7.3, 8 and 9.3); the two-person ' +
        'and designated-computer steps, the evidence trail and the police response are the template’s, marked so.',
      'The police route follows 9.3, Indecent Images of Children (lines 401-419): the DSL told, the URLs reported ' +
        'to the IWF (line 408), copies deleted (line 409) and kept only at the request of the police (line 415), ' +
        'devices stored securely (line 404) or, for a member of staff, quarantined until police advice (line 418).',
      'Its police list is read from its sections: online child sexual abuse and grooming (9.2, line 372, police ' +
        'via 101, line 381), online hate (9.6, line 444, police if a criminal offence is suspected, line 448) as the ' +
        'criminally racist item, radicalisation and extremism online (9.4, line 424) and illegal activity (line ' +
        '340). It lists nothing for obscene material sent to a child or the Obscene Publications Act; those two are ' +
        'asked in the template’s words, marked so.',
      'The outcomes are its words for each: the discipline/behaviour policy (line 337), escalation to relevant ' +
        'agencies (line 328), and informing the police via 101 (line 381).',
      'A complaint about staff goes to the head teacher (line 331) and allegations to the LADO (line 332). It ' +
        'names no route for incidents involving the head teacher.',
      'Contacts: the DSL and the governor for online safety are named (lines 28, 30); the police are Lancashire ' +
        'Police on 101 or 999 (line 340); CEOP and the IWF with their web addresses (lines 382, 408).',
    ],
  },
  contacts: {
    dsl: { role: 'Designated Safeguarding Lead (DSL)', name: 'John McHugh' },
    headteacher: { role: 'Head teacher' },
    lado: { role: 'LADO (Local Authority Designated Officer)' },
    mash: { role: 'Children’s social care' },
    police101: { role: 'Lancashire Police (non-emergency)', phone: '101' },
    police999: { role: 'Lancashire Police (immediate danger or risk of harm)', phone: '999' },
    ceop: {
      role: 'CEOP (Child Exploitation and Online Protection Centre)',
      url: 'https://www.ceop.police.uk/safety-centre/',
    },
    iwf: { role: 'Internet Watch Foundation (IWF)', url: 'https://www.iwf.org.uk/' },
    other: [
      { role: 'Online safety (e-Safety) lead for the Governing Body', name: 'David Oxberry' },
      { role: 'Education Safeguarding Team' },
      { role: 'Lancashire’s CSET team' },
    ],
  },
  pupilSanctions: CYBERBULLYING,
  staffSanctions: CYBERBULLYING,
  policeReportable: [
    { id: 'grooming', label: 'online child sexual abuse, including  exploitation and grooming', line: 372 },
    { id: 'criminally-racist', label: 'online hate', line: 444 },
    { id: 'terrorism-extremism', label: 'radicalisation and extremism online', line: 424 },
    { id: 'other-criminal', label: 'illegal activity has taken place or is taking place', line: 340 },
  ],
  quotes: {
    illegal: {
      text:
        'Where there is cause for concern or fear that illegal activity has taken place or is taking place then ' +
        'the school will contact the Safeguarding Team or Lancashire Police via 101 or 999 if there is immediate ' +
        'danger or risk of harm.',
      from: RESPONDING,
      line: 340,
    },
    record: {
      text:
        'If staff or pupils discover unsuitable sites, the URL will be reported to the School Designated ' +
        'Safeguarding Lead and will then be recorded and escalated as appropriate.',
      from: '7.3 Filtering and Monitoring',
      line: 308,
    },
    halt: {
      text:
        'The school will not send, share or save content suspected to be an indecent image of children and will ' +
        'not allow or request children to do so.',
      from: '9.1 Responding to concerns regarding Youth Produced Sexual Imagery or “Sexting”',
      line: 366,
    },
    purge: {
      text:
        'Ensure that any copies that exist of the image, for example in emails, are deleted. … Only store copies ' +
        'of images (securely, where no one else has access to them and delete all other copies) at the request of ' +
        'the police only.',
      from: IIOC,
      line: 413,
    },
    judge: {
      text:
        'If the school is unclear if a criminal offence has been committed then the Designated Safeguarding Lead ' +
        'will obtain advice immediately through the Safeguarding Team and/or Police.',
      from: IIOC,
      line: 400,
    },
    report: {
      text:
        'Immediately inform appropriate organisations e.g. the Internet Watch Foundation (IWF), police via 101 ' +
        '(using 999 if a child is at immediate risk) and/or the LADO (if there is an allegation against a member ' +
        'of staff).',
      from: IIOC,
      line: 405,
    },
    isolate: {
      text:
        'Contact the police regarding the images and quarantine any devices involved until police advice has ' +
        'been sought.',
      from: IIOC,
      line: 418,
    },
    retain: {
      text:
        'Maintaining a record of online safety concerns/incidents and actions taken as part of the schools ' +
        'safeguarding recording structures and mechanisms …',
      from: '1.3.2 The key responsibilities of the Designated Safeguarding Lead',
      line: 57,
    },
    staff: {
      text:
        'Any complaint about staff misuse will be referred to the head teacher … Any allegations against a member ' +
        'of staff’s online conduct will be discussed with the LADO (Local Authority Designated Officer).',
      from: RESPONDING,
      line: 331,
    },
    followUp: {
      text:
        'After any investigations are completed, the school will debrief, identify lessons learnt and implement ' +
        'any changes as required.',
      from: RESPONDING,
      line: 339,
    },
  },
  outcomes: {
    internal: {
      text: 'manage online safety (e-Safety) incidents in accordance with the school discipline/behaviour policy',
      line: 337,
    },
    la: {
      text:
        'escalated and reported to relevant agencies in line with the Lancashire Safeguarding Children Board ' +
        'thresholds and procedures',
      line: 328,
    },
    police: { text: 'inform police via 101 (using 999 if a child is at immediate risk)', line: 381 },
  },
  policeSteps: [
    { text: 'Immediately notify the school Designated Safeguard Lead.', line: 403, tell: 'dsl' },
    { text: 'Store any devices involved securely.', line: 404 },
    {
      text:
        'Immediately inform appropriate organisations e.g. the Internet Watch Foundation (IWF), police via 101 ' +
        '(using 999 if a child is at immediate risk) and/or the LADO (if there is an allegation against a member ' +
        'of staff).',
      line: 405,
      tell: 'police101',
    },
    {
      text:
        'Ensure that the URLs (webpage addresses) which contain the suspect images are reported to the Internet ' +
        'Watch Foundation via www.iwf.org.uk .',
      line: 408,
      tell: 'iwf',
    },
    { text: 'Ensure that any copies that exist of the image, for example in emails, are deleted.', line: 409 },
    {
      text:
        'Inform the police via 101 (999 if there is an immediate risk of harm) and children’s social services ' +
        '(as appropriate).',
      line: 414,
      tell: 'mash',
    },
    {
      text:
        'Only store copies of images (securely, where no one else has access to them and delete all other copies) ' +
        'at the request of the police only.',
      line: 415,
    },
    {
      text:
        'Contact the police regarding the images and quarantine any devices involved until police advice has been ' +
        'sought.',
      line: 418,
      staffOnly: true,
    },
    {
      text:
        'Inform the Local Authority Designated Officer (LADO) and other relevant organisations in accordance with ' +
        'the schools managing allegations policy.',
      line: 419,
      tell: 'lado',
      staffOnly: true,
    },
  ],
  isolation: [
    { text: 'Store any devices involved securely.', line: 404 },
    { text: 'quarantine any devices involved until police advice has been sought.', line: 418 },
  ],
  staffTell: ['headteacher', 'lado'],
};

// The policy's own words, quoted on the screens where they explain what to do (SWGfL template, "Responding to incidents
// of misuse").
import type { Quote } from '../components/Screen';

const OTHER = '“Other Incidents”';
const ILLEGAL = '“Illegal Incidents”';
const FLOWCHART = 'the online safety incident flowchart';

export const POLICY = {
  twoPeople: {
    text:
      'Have more than one senior member of staff involved in this process. This ' +
      'is vital to protect individuals if accusations are subsequently reported.',
    from: OTHER,
  },
  sameComputer: {
    text:
      'Conduct the procedure using a designated computer that will not be used by ' +
      'young people and if necessary can be taken off site by the police should ' +
      'the need arise. Use the same computer for the duration of the procedure.',
    from: OTHER,
  },
  illegal: {
    text:
      'If there is any suspicion that the web site(s) concerned may contain child ' +
      'abuse images, or if there is any other suspected illegal activity, refer to ' +
      'the right hand side of the Flowchart … and report immediately to the police.',
    from: ILLEGAL,
  },
  record: {
    text:
      'Record the URL of any site containing the alleged misuse and describe the ' +
      'nature of the content causing concern. It may also be necessary to record and ' +
      'store screenshots of the content on the machine being used for investigation.',
    from: OTHER,
  },
  judge: {
    text:
      'Once this has been completed and fully investigated the group will need to judge whether ' +
      'this concern has substance or not. If it does then appropriate action will be required.',
    from: OTHER,
  },
  halt: {
    text:
      'If content being reviewed includes images of child abuse then the ' +
      'monitoring should be halted and referred to the Police immediately.',
    from: OTHER,
  },
  report: {
    text:
      'DO NOT DELAY, if you have any concerns, report them immediately. ' +
      'Secure and preserve evidence. Remember do not investigate yourself.',
    from: FLOWCHART,
  },
  isolate: {
    text:
      'Isolate the computer in question as best you can. Any ' +
      'change to its state may hinder a later police investigation.',
    from: OTHER,
  },
  evidence: {
    text:
      'It is important that all of the above steps are taken as they will ' +
      'provide an evidence trail for the school and possibly the police and ' +
      'demonstrate that visits to these sites were carried out for safeguarding purposes.',
    from: OTHER,
  },
  retain: {
    text: 'The completed form should be retained by the group for evidence and reference purposes.',
    from: OTHER,
  },
  suspension: {
    text:
      'In the case of a member of staff or volunteer, it is likely that a suspension will take place at the ' +
      'point of referral to police, whilst police and internal procedures are being undertaken.',
    from: FLOWCHART,
  },
  followUp: {
    text:
      'Debrief on online safety incident. Record details in incident log. Review polices and share experiences ' +
      'and practice as required. Implement changes. Monitor situation.',
    from: FLOWCHART,
  },
  policeResponse: {
    text: 'Await Police response. If no illegal activity or material is confirmed, then revert to internal procedures.',
    from: FLOWCHART,
  },
} as const satisfies Record<string, Quote>;

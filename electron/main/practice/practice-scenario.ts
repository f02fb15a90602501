// The built-in practice incident: a review of the safe practice sites from start to a signed, exported bundle.
import type { Scenario } from '@shared/scenario/scenario-schema';

/**
 * Fictional staff for practice runs; their passphrases are printed in the guide, since practice vaults hold nothing
 * real.
 */
export const PRACTICE_STAFF = [
  {
    id: 'head',
    name: 'Practice Headteacher',
    role: 'Headteacher',
    passphrase: 'practice lantern over the quiet harbour',
  },
  {
    id: 'dsl',
    name: 'Practice Safeguarding Lead',
    role: 'Designated Safeguarding Lead',
    passphrase: 'practice kettle sings before the bell',
  },
];

export const practiceScenario = (sites: string): Scenario => ({
  version: 1,
  organisation: 'Brindlewick Academy (practice)',
  computer: { name: 'PRACTICE-LAPTOP', location: 'Training room' },
  practice: true,
  staff: PRACTICE_STAFF,
  incident: {
    reviewers: ['head', 'dsl'],
    reason:
      'PRACTICE: a parent reports that their child is being bullied on a ' +
      'social network, and that an adult on a games forum has been messaging them.',
    subject: { kind: 'pupil', ref: 'PRACTICE-P-1' },
    category: 'Cyberbullying',
    reportedBy: 'PRACTICE: a parent, by phone to the school office',
    steps: [
      { do: 'triage', illegalSuspected: false },
      { do: 'navigate', url: `${sites}/social/index.html` },
      { do: 'navigate', url: `${sites}/social/post/1.html` },
      {
        do: 'capture',
        mode: 'fullpage',
        concern: 'Name-calling and "nobody likes you" comments under the pupil\'s photo.',
      },
      { do: 'click', selector: 'a.next' },
      {
        do: 'capture',
        mode: 'viewport',
        concern: 'The pupil is excluded from a group arrangement in front of others.',
      },
      { do: 'click', selector: 'a.next' },
      { do: 'capture', mode: 'viewport', concern: "The pupil's photo reposted and scribbled over to mock them." },
      { do: 'navigate', url: `${sites}/forum/thread.html` },
      {
        do: 'capture',
        mode: 'fullpage',
        concern: 'An adult account flatters a 12-year-old and asks their age and school.',
      },
      { do: 'click', selector: 'a.pm-link' },
      {
        do: 'capture',
        mode: 'fullpage',
        concern: 'Private messages: gifts, a move to a private app, and "don\'t tell your parents".',
      },
      {
        do: 'site',
        url: 'chat.practice.invalid/u/pixelfan',
        concern: 'PRACTICE: the private app the forum contact asked the pupil to move to; not opened.',
      },
      {
        do: 'note',
        text: 'PRACTICE: the forum messages show warning signs of grooming; the police-reportable list applies.',
      },
      { do: 'judge', substance: true, actions: ['internal', 'la', 'police'], policeReasons: ['grooming'] },
      { do: 'told', who: 'police101', how: 'phone', reference: 'PRACTICE-REF-1', note: 'PRACTICE: a practice call.' },
      { do: 'told', who: 'LADO (practice call)', how: 'phone', by: 'dsl' },
      {
        do: 'isolate',
        checks: ["PRACTICE: the pupil's device was not examined further and is kept switched off by the parents."],
      },
      {
        do: 'conclude',
        text:
          'PRACTICE: bullying upheld, handled under the behaviour policy; ' +
          'the forum contact referred to the police and the LADO informed.',
      },
      { do: 'signoff' },
      { do: 'followup', kind: 'debrief', text: 'PRACTICE: debrief with the safeguarding team.', by: 'dsl' },
      { do: 'export', recipient: 'police' },
    ],
  },
});

// What the command-line scenario tests share: the scenario's school and staff.

export const SCENARIO_BASE = {
  version: 1,
  organisation: 'Example School',
  computer: { name: 'SAFEGUARD-LAPTOP-1', location: "Head's office safe" },
  staff: [
    { id: 'ah', name: 'A. Head', role: 'Headteacher', passphrase: 'amber kettle walks north 42' },
    { id: 'ds', name: 'D. Lead', role: 'Designated Safeguarding Lead', passphrase: 'seven quiet owls by the river' },
  ],
};

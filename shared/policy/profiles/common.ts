// Wording shared by the SWGfL-based profiles: the level columns of "User Actions" and the national contacts.
import type { Contacts } from '../schema';

export const ACCEPTABLE = 'Acceptable';
export const AT_CERTAIN_TIMES = 'Acceptable at certain times';
export const NOMINATED_USERS = 'Acceptable for nominated users';
export const UNACCEPTABLE = 'Unacceptable';
export const ILLEGAL = 'Unacceptable and illegal';

/** The "User Actions" columns as every SWGfL-based policy here prints them. */
export const SWGFL_LEVELS = [ACCEPTABLE, AT_CERTAIN_TIMES, NOMINATED_USERS, UNACCEPTABLE, ILLEGAL];

/** The merged cell over the first rows of "User Actions". */
export const USERS_SHALL_NOT =
  'Users shall not visit Internet sites, make, post, download, upload, data transfer, ' +
  'communicate or pass on, material, remarks, proposals or comments that contain or relate to:';

/** National services that are the same for every school in the UK; no school policy here prints their details. */
export const NATIONAL_CONTACTS = {
  police101: { role: 'Police (non-emergency)', phone: '101' },
  police999: { role: 'Police (emergency)', phone: '999' },
  ceop: {
    role: 'CEOP (National Crime Agency Child Exploitation and Online Protection)',
    url: 'https://www.ceop.police.uk/safety-centre/',
  },
  iwf: { role: 'Internet Watch Foundation (IWF)', url: 'https://report.iwf.org.uk/' },
} as const satisfies Contacts;

/** The pupil "Actions / Sanctions" columns of the SWGfL template. */
export const SWGFL_PUPIL_ACTIONS = [
  'Refer to class teacher / tutor',
  'Refer to Head of Department / Year / other',
  'Refer to Headteacher / Principal',
  'Refer to Police',
  'Refer to technical support staff for action re filtering / security etc.',
  'Inform parents / carers',
  'Removal of network / internet access rights',
  'Warning',
  'Further sanction eg detention / exclusion',
];

/** The staff "Actions / Sanctions" columns of the SWGfL template. */
export const SWGFL_STAFF_ACTIONS = [
  'Refer to line manager',
  'Refer to Headteacher Principal',
  'Refer to Local Authority / HR',
  'Refer to Police',
  'Refer to Technical Support Staff for action re filtering etc.',
  'Warning',
  'Suspension',
  'Disciplinary action',
];

// Policy profiles: validating one from JSON, the built-in profiles, and what a profile suggests during judgement.
import { canonicalJson } from '../evidence/chain';
import { fail, ok, type Result } from '../result';
import { PolicyProfileSchema, type Contacts, type PolicyProfile, type SubjectKind } from './schema';
import { NATIONAL_CONTACTS } from './profiles/common';
import { FOREST_CE_FEDERATION } from './profiles/forest-ce-federation';
import { GLENFIELD_NEW_LEAF } from './profiles/glenfield-new-leaf';
import { GLOUCESTER_HOUSE } from './profiles/gloucester-house';
import { MILFORD_HAVEN } from './profiles/milford-haven';
import { ST_WILFRIDS } from './profiles/st-wilfrids';
import { SWGFL_TEMPLATE } from './profiles/swgfl-template';

export * from './schema';
export { NATIONAL_CONTACTS } from './profiles/common';

export const DEFAULT_PROFILE_ID = SWGFL_TEMPLATE.id;

/** The default (SWGfL template) first, then one profile per school policy supplied, in the order of their files. */
export const BUILT_IN_PROFILES: readonly PolicyProfile[] = [
  SWGFL_TEMPLATE,
  FOREST_CE_FEDERATION,
  ST_WILFRIDS,
  GLENFIELD_NEW_LEAF,
  GLOUCESTER_HOUSE,
  MILFORD_HAVEN,
];

export const profileById = (id: string): PolicyProfile | undefined => BUILT_IN_PROFILES.find((p) => p.id === id);

type PathKey = PropertyKey;

const formatPath = (path: readonly PathKey[]): string => {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? 'profile' : out;
};

const valueAt = (root: unknown, path: readonly PathKey[]): unknown => {
  let v: unknown = root;
  for (const key of path) {
    if (typeof v !== 'object' || v === null || typeof key === 'symbol') return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
};

const quotedList = (keys: readonly string[]): string => keys.map((k) => `"${k}"`).join(', ');

const kindOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * Where the value is not what JSON.parse could produce (a function, a Date, undefined in an array, NaN,
 * a cycle…), the path to the first such place; null when the whole value is JSON-like. A profile is
 * hashed in canonical JSON, so anything JSON cannot carry is refused before the schema is consulted.
 */
const nonJsonAt = (value: unknown): { path: PathKey[]; what: string } | null => {
  const onPath = new Set<object>();
  const walk = (v: unknown, path: PathKey[]): { path: PathKey[]; what: string } | null => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return null;
    if (typeof v === 'number') return Number.isFinite(v) ? null : { path, what: `the number ${v}` };
    if (typeof v !== 'object') return { path, what: `a value of type ${typeof v}` };
    if (onPath.has(v)) return { path, what: 'a reference back to itself' };
    const proto: unknown = Object.getPrototypeOf(v);
    if (!Array.isArray(v) && proto !== Object.prototype && proto !== null)
      return { path, what: 'an object that is not plain data' };
    onPath.add(v);
    try {
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          const bad = walk(v[i], [...path, i]);
          if (bad) return bad;
        }
        return null;
      }
      for (const [k, child] of Object.entries(v)) {
        // An undefined field is dropped by JSON.stringify, as an absent optional field would be.
        if (child === undefined) continue;
        const bad = walk(child, [...path, k]);
        if (bad) return bad;
      }
      return null;
    } finally {
      onPath.delete(v);
    }
  };
  return walk(value, []);
};

/** Validates a profile (as parsed from JSON); the error names the field, e.g. "pupilSanctions.rows[3]: …". */
export const parseProfile = (json: unknown): Result<PolicyProfile> => {
  const bad = nonJsonAt(json);
  if (bad) return fail('INVALID_INPUT', `${formatPath(bad.path)}: not JSON data (${bad.what})`);
  const parsed = PolicyProfileSchema.safeParse(json);
  if (parsed.success) return ok(parsed.data);
  const issues = parsed.error.issues;
  const describe = (issue: (typeof issues)[number]): string => {
    const where = formatPath(issue.path);
    switch (issue.code) {
      case 'invalid_type': {
        const actual = valueAt(json, issue.path);
        return actual === undefined
          ? `${where}: expected ${issue.expected}, but it is missing`
          : `${where}: expected ${issue.expected}, received ${kindOf(actual)}`;
      }
      case 'unrecognized_keys':
        return `${where}: unknown field${issue.keys.length > 1 ? 's' : ''} ${quotedList(issue.keys)}`;
      case 'invalid_value':
        if (where === 'profileFormat')
          return `${where}: ${issue.message} (this one is ${String(valueAt(json, issue.path))})`;
        return `${where}: ${JSON.stringify(valueAt(json, issue.path))} is not one of ${issue.values.join(', ')}`;
      default:
        return `${where}: ${issue.message}`;
    }
  };
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return fail('INVALID_INPUT', first ? `${describe(first)}${more}` : 'profile: invalid');
};

/** The actions the school's matrix ticks for this incident type; none when the row is not in the matrix. */
export const suggestSanctions = (profile: PolicyProfile, subjectKind: SubjectKind, incidentRow: string): string[] => {
  const matrix = subjectKind === 'pupil' ? profile.pupilSanctions : profile.staffSanctions;
  const row = matrix.rows.find((r) => r.incident === incidentRow);
  if (!row) return [];
  return matrix.columns.filter((_, i) => row.cells[i] === true);
};

/**
 * The profile's contacts, with the national ones (police 101 and 999, CEOP, IWF) filled in where the policy gives none.
 */
export const contactsWithNational = (profile: PolicyProfile): Contacts => ({
  ...profile.contacts,
  police101: profile.contacts.police101 ?? NATIONAL_CONTACTS.police101,
  police999: profile.contacts.police999 ?? NATIONAL_CONTACTS.police999,
  ceop: profile.contacts.ceop ?? NATIONAL_CONTACTS.ceop,
  iwf: profile.contacts.iwf ?? NATIONAL_CONTACTS.iwf,
});

/** The canonical JSON (RFC 8785) of a profile: what the main process hashes to record the profile in force. */
export const profileCanonicalJson = (profile: PolicyProfile): string => canonicalJson(profile);

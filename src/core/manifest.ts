// The manifest of a bundle (SPEC 8, 11.16): which database and subtree it came from, that it
// holds full unmasked data, and per kind the file, its row count and SHA-256. Pure: the caller
// reads and writes the JSON.
import { z } from 'zod';
import { KINDS, type Kind } from './kinds.js';

export const BUNDLE_FORMAT = 'vledger-bundle';
/** Raised when the bundle layout changes in a way an older vledger cannot read. */
export const BUNDLE_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';

/** The stable file name of each kind inside a bundle. */
export function bundleFileName(kind: Kind): string {
  return `${kind}.csv`;
}

/**
 * The volunteers' org and political-status history (volunteer_no, field, value, effective).
 * Listed apart from `files`, and optional: a bundle written before it existed still merges
 * (its volunteers then start their history from their current values, as before), and an
 * older vledger reading a newer bundle only misses the history.
 */
export const HISTORY_FILE = 'history.csv';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in hex (64 characters)');

const FileEntry = z.object({
  kind: z.enum(KINDS),
  file: z.string(),
  rows: z.number().int().nonnegative(),
  sha256,
});

const ManifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  format_version: z.number().int().positive(),
  product: z.string(),
  product_version: z.string(),
  database_id: z.string().min(1),
  org: z.string().min(1),
  exported_at: z.string().min(1),
  operator: z.string(),
  unmasked: z.literal(true),
  includes_voided: z.literal(true),
  contents: z.string(),
  files: z.array(FileEntry),
  history: z.object({ file: z.literal(HISTORY_FILE), rows: z.number().int().nonnegative(), sha256 }).optional(),
}).superRefine((m, ctx) => {
  const seen = new Set<string>();
  m.files.forEach((f, i) => {
    if (f.file !== bundleFileName(f.kind)) ctx.addIssue({ code: 'custom', path: ['files', i, 'file'], message: `expected ${bundleFileName(f.kind)} for ${f.kind}` });
    if (seen.has(f.kind)) ctx.addIssue({ code: 'custom', path: ['files', i, 'kind'], message: `${f.kind} is listed twice` });
    seen.add(f.kind);
  });
  const missing = KINDS.filter((k) => !seen.has(k));
  if (missing.length) ctx.addIssue({ code: 'custom', path: ['files'], message: `no entry for ${missing.join(', ')}` });
});

export type Manifest = z.infer<typeof ManifestSchema>;
export type ManifestFile = z.infer<typeof FileEntry>;
export type ManifestHistory = NonNullable<Manifest['history']>;

export interface ManifestFacts {
  productVersion: string; databaseId: string; org: string; exportedAt: string; operator: string;
  files: ManifestFile[]; history: ManifestHistory;
}

/** What the bundle holds, in words, for whoever opens the folder. */
export const BUNDLE_CONTENTS = 'Every kind for the subtree of `org`: its organisations plus their ancestors and any organisation '
  + 'a row refers to; the volunteers of the subtree plus any team leader or member from elsewhere; the teams and activities '
  + 'of the subtree plus any a record refers to; the members of the subtree\'s teams; every record of the subtree\'s '
  + 'volunteers, voided ones included (status "voided", void_reason); in history.csv the org and political-status history '
  + 'of every volunteer in the bundle (effective empty = from the beginning). Full, unmasked personal data (id numbers, phones): '
  + 'keep it confidential and send it only to whoever merges it (vledger import bundle DIR).';

export function buildManifest(f: ManifestFacts): Manifest {
  return {
    format: BUNDLE_FORMAT, format_version: BUNDLE_FORMAT_VERSION, product: 'volunteer-ledger', product_version: f.productVersion,
    database_id: f.databaseId, org: f.org, exported_at: f.exportedAt, operator: f.operator, unmasked: true,
    includes_voided: true, contents: BUNDLE_CONTENTS, files: f.files, history: f.history,
  };
}

/** The manifest, or every problem with it as `path: message`. */
export function parseManifest(json: unknown): { ok: true; manifest: Manifest } | { ok: false; problems: string[] } {
  const version = (json as { format_version?: unknown } | null)?.format_version;
  if (typeof version === 'number' && version > BUNDLE_FORMAT_VERSION) {
    return { ok: false, problems: [`format_version: the bundle was written by a newer vledger (format ${version}, this one reads ${BUNDLE_FORMAT_VERSION}); upgrade vledger`] };
  }
  const r = ManifestSchema.safeParse(json);
  if (r.success) return { ok: true, manifest: r.data };
  return { ok: false, problems: r.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(top)'}: ${i.message}`) };
}

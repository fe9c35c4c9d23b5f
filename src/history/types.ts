import type { DriftClass } from '../drift/types.js';

export type Outcome = 'new-version' | 'unchanged' | 'fetch-failed';

/** One line of history.jsonl: one observation of a pack's upstream. */
export interface HistoryEntry {
  time: string;
  pack: string;
  outcome: Outcome;
  source: { name: string | null; kind: string; location: string };
  sha256: string | null;
  etag: string | null;
  lastModified: string | null;
  versionId: string | null;
  previousVersionId: string | null;
  fingerprint: string | null;
  summary: string | null;
  counts: Partial<Record<DriftClass, number>> | null;
  residual: number | null;
  serviceClass: DriftClass | null;
  tools: Record<string, DriftClass> | null;
  headline: string[];
  error: string | null;
}

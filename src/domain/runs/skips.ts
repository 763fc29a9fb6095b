// What a daily run could not handle. Batch work isolates each record: a planner catches a failure
// per activity, task, risk event, initiative, person or message, describes it as a Skip (returned
// with its results, never collected by side effects) and goes on with the next record.
import type { DAILY_RUN_STEPS, SKIPPED_RECORD_TYPES } from "../../db/schema";

export type RunStep = (typeof DAILY_RUN_STEPS)[number];
export type SkippedRecordType = (typeof SKIPPED_RECORD_TYPES)[number];

export type Skip = {
  step: RunStep;
  recordType: SkippedRecordType;
  recordId: string;
  /** The initiative the record belongs to (for links), when it belongs to one. */
  initiativeId: string | null;
  error: string;
};

/** Longest error text kept per skipped record. */
export const SKIP_ERROR_CHARS = 500;

/** A readable, bounded message for anything thrown. */
export function errorText(err: unknown): string {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return text.slice(0, SKIP_ERROR_CHARS);
}

export function skipOf(step: RunStep, recordType: SkippedRecordType, recordId: string, initiativeId: string | null, err: unknown): Skip {
  return { step, recordType, recordId, initiativeId, error: errorText(err) };
}

/**
 * Runs `work` for one record; a failure becomes a Skip in `skipped` and the caller goes on.
 * Returns the work's result, or undefined when it failed.
 */
export function isolated<T>(skipped: Skip[], describe: Omit<Skip, "error">, work: () => T): T | undefined {
  try {
    return work();
  } catch (err) {
    skipped.push({ ...describe, error: errorText(err) });
    return undefined;
  }
}

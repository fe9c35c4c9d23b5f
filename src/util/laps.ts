/**
 * Where a comparison's time goes, by phase: milliseconds added up over calls (`npm run bench` reports them as
 * ratios to the floor). Filled only for a caller that passes one; otherwise nothing is timed.
 */
export type Laps = Record<string, number>;

/** Adds the time since `t0` to a phase and returns the time now (the start of the next phase). */
export function lap(laps: Laps | undefined, phase: string, t0: number): number {
  if (!laps) return 0;
  const now = performance.now();
  laps[phase] = (laps[phase] ?? 0) + now - t0;
  return now;
}

/** The time a first phase starts (0 when nothing is timed). */
export const lapStart = (laps: Laps | undefined): number => (laps ? performance.now() : 0);

/** Exit codes, documented in the README and in --help. */
export const EXIT = {
  OK: 0,
  DRIFT: 1, // drift at or above --fail-on, or a replay failure
  INPUT: 2, // bad input, bad config, usage error
  FETCH: 3, // every source of a pack failed to fetch
  INTERNAL: 4,
  GITHUB: 5, // the drift issue could not be synced (the history is recorded all the same)
} as const;

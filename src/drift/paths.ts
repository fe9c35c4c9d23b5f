/**
 * Where a path splits into segments (`Tool.input.Member[]{}{key}#doc`): the path spelling, the one thing the
 * rule engine and `unseen` share.
 */
export const PATH_SEPARATORS: ReadonlySet<string> = new Set(['.', '[', '{', '#']);

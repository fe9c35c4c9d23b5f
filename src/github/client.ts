import Bottleneck from 'bottleneck';
import { Octokit } from 'octokit';
import { UsageError } from '../util/errors.js';

export interface GitHubTarget {
  octokit: Octokit;
  owner: string;
  repo: string;
  serverUrl: string;
  token: string;
}

/**
 * octokit from the Actions environment (GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_TOKEN). The
 * `octokit` package already composes @octokit/plugin-retry and @octokit/plugin-throttling; we set
 * their policies here. The token is only ever handed to octokit, never printed.
 */
export function githubFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  opts: { log?: (m: string) => void } = {},
): GitHubTarget {
  const token = env.GITHUB_TOKEN ?? '';
  const repository = env.GITHUB_REPOSITORY ?? '';
  if (!token) throw new UsageError('GITHUB_TOKEN is not set (needed to open drift issues; use --dry-run to preview)');
  const m = /^([\w.-]+)\/([\w.-]+)$/.exec(repository);
  if (!m) throw new UsageError(`GITHUB_REPOSITORY must be "owner/repo" (got "${repository}")`);
  const log = opts.log ?? (() => {});
  // The unit both plugins multiply their waits by (1 s). Only the tests turn it down, so that a retried
  // 500 takes milliseconds instead of 14 s; production never sets it.
  const base = Number(env.SPECWATCH_GITHUB_RETRY_BASE_MS);
  const retryAfterBaseValue = Number.isFinite(base) && base > 0 ? base : 1000;
  const octokit = new Octokit({
    auth: token,
    baseUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    userAgent: 'specwatch/0.1',
    log: {
      debug: () => {},
      info: () => {},
      warn: (m: string) => log(redact(m, token)),
      error: (m: string) => log(redact(m, token)),
    },
    retry: { doNotRetry: [400, 401, 404, 410, 422, 451], retryAfterBaseValue },
    throttle: {
      retryAfterBaseValue,
      // The throttling plugin spaces writes 1 s apart and writes that notify (new issues, comments) 3 s
      // apart, as GitHub asks; the same unit scales both, so tests pace them in milliseconds and
      // production keeps the plugin's own 1 s and 3 s.
      write: new Bottleneck.Group({ id: 'specwatch-write', maxConcurrent: 1, minTime: retryAfterBaseValue }),
      notifications: new Bottleneck.Group({
        id: 'specwatch-notify',
        maxConcurrent: 1,
        minTime: 3 * retryAfterBaseValue,
      }),
      onRateLimit: (after: number, o: { method: string; url: string; request: { retryCount: number } }) => {
        log(`GitHub rate limit on ${o.method} ${o.url}; retrying in ${after}s`);
        return o.request.retryCount < 2;
      },
      onSecondaryRateLimit: (after: number, o: { method: string; url: string; request: { retryCount: number } }) => {
        log(`GitHub secondary rate limit on ${o.method} ${o.url}; retrying in ${after}s`);
        return o.request.retryCount < 2;
      },
    },
  });
  return { octokit, owner: m[1], repo: m[2], serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com', token };
}

/** Removes a secret from any text that might reach a log. */
export function redact(text: string, secret: string): string {
  return secret ? text.split(secret).join('***') : text;
}

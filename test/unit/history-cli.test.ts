import { describe, expect, it } from 'vitest';
import { cli, corpusFile, tmp } from '../helpers.js';

describe('record / history / timeline (CLI)', () => {
  it('records versions and shows the spec history and the drift timeline', () => {
    const root = tmp();
    const rec = (prefix: string, at: string) =>
      cli(['record', corpusFile('botocore', prefix), '--root', root, '--at', at]);
    expect(rec('013', '2022-02-03T19:13:51Z').stdout).toMatch(
      /^amazonaws-com-meteringmarketplace: new-version 2022-02-03-[0-9a-f]{12}  4 tools CLEAN:4 residual 0%\n$/,
    );
    expect(rec('014', '2025-03-25T18:05:50Z').stdout).toMatch(/4 tools RISKY:2 BREAKING:2 service:DOC residual 0%/);
    expect(rec('014', '2025-03-26T00:00:00Z').stdout).toMatch(/unchanged/);
    const h = cli(['history', '--root', root]);
    expect(h.code).toBe(0);
    const lines = h.stdout.trim().split('\n');
    // One line per version: recording the same bytes again is a check, not a version.
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d+(mo|y) ago\s+4 tools RISKY:2 BREAKING:2 service:DOC residual 0%$/);
    expect(lines[1]).toMatch(/4 tools CLEAN:4 residual 0%$/);
    const t = cli(['timeline', '--root', root]);
    expect(t.stdout).toMatch(
      new RegExp(
        String.raw`^2025-03-25 \(.+ ago\) 2025-03-25-[0-9a-f]{12}: ` +
          '4 tools RISKY:2 BREAKING:2 service:DOC residual 0% — ' +
          'BatchMeterUsage BREAKING, MeterUsage RISKY, RegisterUsage RISKY, ResolveCustomer BREAKING; service DOC\n',
      ),
    );
    expect(t.stdout).toMatch(/\n {4}BREAKING BatchMeterUsage\.output/);
    const j = JSON.parse(cli(['timeline', '--root', root, '--json']).stdout);
    expect(j).toHaveLength(1);
    expect(cli(['history', '--root', tmp()]).stdout).toMatch(/no history yet/);
    const a = cli(['accept', '--root', root, '--no-github', '--note', 'reviewed']);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(
      /^amazonaws-com-meteringmarketplace: accepted version 2025-03-25-[0-9a-f]{12} as the reviewed baseline\n$/,
    );
    const empty = tmp();
    expect(cli(['accept', '--root', empty, '--no-github']).code).toBe(2);
  });
});

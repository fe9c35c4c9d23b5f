import { Command, CommanderError, Option } from 'commander';
import { colorChoice } from '../util/color.js';
import { EXIT } from '../util/exit.js';
import { oneLine } from '../util/errors.js';

const DEFAULT_PACK = 'amazonaws-com-meteringmarketplace';

/** System errors that are the user's to fix (permissions, a busy port, absurd input): exit 2, one line. */
function usageProblem(err: Error & { code?: string; path?: string; address?: string; port?: number }): string | null {
  if (err instanceof RangeError && /call stack/.test(err.message)) return 'input nested too deeply to process: refused';
  if (err.code === 'EADDRINUSE') {
    return `${err.address ?? ''}:${err.port ?? ''}: address already in use (pick another --port)`;
  }
  if (err.code === 'EADDRNOTAVAIL') return `${err.address ?? ''}: address not available on this machine (--host)`;
  if (err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'EROFS' || err.code === 'ENOTDIR') {
    return `${err.path ?? err.address ?? ''}: cannot write there (${err.code})`;
  }
  return null;
}

/** Runs an action; bad input becomes one line on stderr and exit 2, never a stack trace. */
async function run(fn: () => unknown | Promise<unknown>): Promise<void> {
  try {
    const code = await fn();
    process.exitCode = typeof code === 'number' ? code : EXIT.OK;
  } catch (e) {
    const err = e as Error & { exitCode?: number; code?: string; path?: string; address?: string; port?: number };
    const usage = usageProblem(err);
    if (
      err.exitCode !== undefined &&
      (err.name === 'InputError' || err.name === 'UsageError' || err.name === 'FetchError')
    ) {
      process.stderr.write(`specwatch: ${oneLine(err.message)}\n`);
      process.exitCode = err.exitCode;
    } else if (usage) {
      process.stderr.write(`specwatch: ${oneLine(usage)}\n`);
      process.exitCode = EXIT.INPUT;
    } else {
      process.stderr.write(`specwatch: internal error: ${oneLine(err?.message ?? String(e))}\n`);
      if (process.env.SPECWATCH_DEBUG) process.stderr.write(`${err?.stack}\n`);
      process.exitCode = EXIT.INTERNAL;
    }
  }
}

const program = new Command('specwatch')
  .description(
    "Watches an API connector's spec for drift and proves, by replay, that the API still behaves as modelled.",
  )
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  .option('--color', 'colour output even when not a terminal')
  .option('--no-color', 'never colour output (NO_COLOR=1 does the same)')
  .hook('preAction', (cmd) => {
    // Unset unless given (commander sets no default for a --color/--no-color pair).
    const c = cmd.opts().color as boolean | undefined;
    if (c !== undefined) colorChoice.forced = c;
  })
  .exitOverride()
  .addHelpText(
    'after',
    `
Exit codes: 0 ok · 1 drift at/above --fail-on or replay failure · 2 bad input/config/usage · 3 fetch failed ·
            4 internal error

Quick start (offline, no network needed):
  specwatch watch --offline          refresh from the vendored spec, replay against the emulator, write the status page
  specwatch diff OLD.json NEW.json   classify the drift between two model versions (either format)
  specwatch history                  the spec history of the default pack`,
  );

const packOpt = () => new Option('--pack <id>', 'pack id').default(DEFAULT_PACK);
const rootOpt = () => new Option('--root <dir>', 'project folder holding specs/ and snapshots/').default('.');

program
  .command('snapshot')
  .argument('<spec>', 'raw model file (Smithy JSON AST or AWS JSON service-2.json)')
  .description('normalize a model into the deterministic snapshot (JSON Schema per tool, fingerprints)')
  .option('-o, --out <file>', 'write to a file (atomically) instead of stdout')
  .addOption(packOpt())
  .action((spec, o) => run(async () => (await import('./commands/model.js')).snapshotCmd(spec, o)));

program
  .command('tools')
  .argument('<spec>', 'raw model or snapshot file')
  .description('a short table of the tools: members, errors, fingerprint prefix')
  .option('--json', 'machine-readable output')
  .addOption(packOpt())
  .action((spec, o) => run(async () => (await import('./commands/model.js')).toolsCmd(spec, o)));

program
  .command('facts')
  .argument('[pack-or-spec]', 'pack id, or a raw model or snapshot file', DEFAULT_PACK)
  .description(
    "behavioural facts in each tool's docs (limits, windows, dates, errors, must / not supported) " +
      'with their doc paths, and whether each emulator rule and replay expectation still rests on them',
  )
  .option('--tool <name>', 'one tool only')
  .option('--json', 'machine-readable output')
  .option('--config <file>', 'config file')
  .addOption(rootOpt())
  .addHelpText(
    'after',
    `
A documentation change that adds, removes or alters one of these facts is a behavioural doc change
(rule tool.doc.behaviour-changed, RISKY); a behaviour whose fact moved is STALE and keeps the pack from
replay-proven until reviewed.`,
  )
  .action((t, o) => run(async () => (await import('./commands/facts.js')).factsCmd(t, o)));

const gateOpts = (c: Command) =>
  c
    .addOption(
      new Option('--block-on <class>', 'gate tools with drift at or above this class against the accepted baseline')
        .choices(['BREAKING', 'RISKY', 'ADDITIVE', 'DOC'])
        .default('BREAKING'),
    )
    .addOption(
      new Option('--min-trust <level>', "gate every tool while the pack's trust is below this level")
        .choices(['spec-monitored', 'replay-proven', 'live-proven'])
        .default('spec-monitored'),
    )
    .option('--config <file>', 'config file')
    .addOption(rootOpt());

gateOpts(
  program
    .command('pack')
    .argument('[pack]', 'pack id', DEFAULT_PACK)
    .description(
      "the current snapshot's tools as agent tool definitions: description, self-contained input schema, " +
        'read-only/destructive/idempotent hints, drift against the baseline, trust, fingerprint, gate',
    )
    .addOption(
      new Option('--format <format>', 'mcp (tools/list shape), openai (function tools) or json')
        .choices(['mcp', 'openai', 'json'])
        .default('mcp'),
    )
    .option('-o, --out <file>', 'write to a file (atomically) instead of stdout'),
).action((p, o) => run(async () => (await import('./commands/pack.js')).packCmd(p, o)));

gateOpts(
  program
    .command('mcp')
    .argument('[pack]', 'pack id', DEFAULT_PACK)
    .description("serve the pack's tools to agents over MCP (stdio), only as far as the verdict allows")
    .option(
      '--endpoint-url <url>',
      'send calls here (e.g. a `specwatch emulator`) instead of the regional AWS endpoint',
    )
    .option('--region <region>', 'signing region (default AWS_REGION or us-east-1)')
    .option(
      '--allow-write',
      'also send calls that meter or change state (without it: DryRun MeterUsage, empty BatchMeterUsage and ' +
        'ResolveCustomer; for another awsJson service, the operations its model marks @readonly)',
    ),
)
  .addHelpText(
    'after',
    `
Gate: a tool is listed DISABLED (the reason in its description and _meta) and refuses calls while its drift
against the accepted baseline is at or above --block-on, an emulator rule or expectation it rests on is STALE,
or the pack's trust is below --min-trust. The store is read again on every list and call, so a version that
\`watch\` records re-gates a running server without a restart. Inputs are validated against the snapshot's
schema before anything is sent; credentials come from the default AWS chain. The metering pack calls through
@aws-sdk/client-marketplace-metering; another awsJson service is called with a signed request built from its
snapshot; a service of another protocol is listed with every tool DISABLED (not callable here).`,
  )
  .action((p, o) => run(async () => (await import('./commands/pack.js')).mcpCmd(p, o)));

program
  .command('add')
  .argument('<service>', 'SDK id ("FreeTier"), model file name or path ("freetier") or Smithy shape id')
  .description('watch another AWS service: a pack named by the existing scheme, its first version from a local model')
  .option(
    '--source <file-or-url>',
    'the local model file (required, the first version) and extra source URLs',
    (v: string, acc: string[]) => [...acc, v],
    [] as string[],
  )
  .option('--json', 'machine-readable output')
  .option('--config <file>', 'config file')
  .addOption(rootOpt())
  .addHelpText(
    'after',
    `
The pack's sources follow the public layouts: aws/api-models-aws (models/<sdk-id>/service/<version>/…) and
botocore (botocore/data/<name>/<version>/service-2.json); both are fetched and compared on later refreshes.
Example: specwatch add FreeTier --source freetier-2023-09-07.json && specwatch watch --offline`,
  )
  .action((svc, o) => run(async () => (await import('./commands/add.js')).addCmd(svc, o)));

program
  .command('packs')
  .description('the configured packs; with --matrix N, a GitHub Actions matrix of N shards')
  .option('--matrix <n>', 'split the packs into N shards balanced by model size (one JSON line)')
  .option('--json', 'machine-readable output')
  .option('--config <file>', 'config file')
  .addOption(rootOpt())
  .action((o) => run(async () => (await import('./commands/packs.js')).packsCmd(o)));

program
  .command('merge')
  .argument('<shards...>', 'shard result folders: a store tree plus watch.json (watch --json) and exit')
  .description('merge sharded watch results into this store (each pack from its shard), then write the directory')
  .option('--json', 'machine-readable output')
  .option('--config <file>', 'config file')
  .addOption(rootOpt())
  .addHelpText(
    'after',
    `
Used by .github/workflows/nightly-sharded.yml: \`packs --matrix N\` plans the shards, each job watches its
packs and uploads its tree, one job merges, commits once and syncs the issues. Exits with the worst shard's code.`,
  )
  .action((d, o) => run(async () => (await import('./commands/merge.js')).mergeCmd(d, o)));

program
  .command('diff')
  .argument('<old>', 'old model or snapshot')
  .argument('<new>', 'new model or snapshot')
  .description('classify every change between two versions (BREAKING, RISKY, ADDITIVE, DOC), direction-aware')
  .option('--json', 'print the diff JSON contract')
  .option('--markdown', 'tables per tool, ready for an issue body')
  .option('--fail-on <class>', 'exit 1 when this class or worse occurs: BREAKING|RISKY|ADDITIVE|DOC')
  .addOption(packOpt())
  .action((a, b, o) => run(async () => (await import('./commands/diff.js')).diffCmd(a, b, o)));

program
  .command('record')
  .argument('<spec>', 'raw model file to record')
  .description('record a model version into specs/ and snapshots/ (append-only history.jsonl)')
  .addOption(packOpt())
  .addOption(rootOpt())
  .option('--json', 'print the history entry')
  .option('--at <iso-date>', 'observation time (default: now)')
  .option('--location <url|path>', 'provenance to record (default: the file path)')
  .action((spec, o) => run(async () => (await import('./commands/history.js')).recordCmd(spec, o)));

program
  .command('history')
  .argument('[pack]', 'pack id', DEFAULT_PACK)
  .description('the spec history, newest first, with relative times')
  .addOption(rootOpt())
  .option('--json', 'machine-readable output')
  .option('--limit <n>', 'at most n entries')
  .action((pack, o) => run(async () => (await import('./commands/history.js')).historyCmd(pack, o)));

program
  .command('timeline')
  .argument('[pack]', 'pack id', DEFAULT_PACK)
  .description('the drift timeline: only versions that drifted, with classes and headline changes')
  .addOption(rootOpt())
  .option('--json', 'machine-readable output')
  .action((pack, o) => run(async () => (await import('./commands/history.js')).timelineCmd(pack, o)));

program
  .command('emulator')
  .description(
    'run the model-driven awsJson1_0/1_1 emulator of the pack (metering behaviours, admin routes under ' +
      '/_emulator/; other protocols are refused)',
  )
  .option('--port <n>', 'port (0 = ephemeral)', '4566')
  .option('--host <addr>', 'bind address', '127.0.0.1')
  .option('--fixtures <file>', 'fixture JSON (products, customers, tokens, callers, faults)')
  .option('--spec <file>', "serve this model instead of the pack's current snapshot")
  .option(
    '--credential <akid:secret>',
    'verify SigV4 signatures for this test key (repeatable)',
    (v: string, acc: string[] = []) => [...acc, v],
  )
  .option(
    '--admin-token <token>',
    'require this token (x-emulator-admin-token) on /_emulator/* (env SPECWATCH_EMULATOR_ADMIN_TOKEN)',
  )
  .addHelpText(
    'after',
    `
The admin routes (/_emulator/records, requests, reset, faults, fixtures, public-key) are unauthenticated test
tools for loopback use: a --host beyond loopback is refused unless an admin token is set.`,
  )
  .addOption(packOpt())
  .addOption(rootOpt())
  .action((o) => run(async () => (await import('./commands/emulator.js')).emulatorCmd(o)));

program
  .command('replay')
  .argument('[pack]', 'pack id', DEFAULT_PACK)
  .description('drive every tool through the real AWS SDK and validate each raw response against the snapshot')
  .addOption(
    new Option('--target <target>', 'emulator (built-in, default) or live (read-only probes)').choices([
      'emulator',
      'live',
    ]),
  )
  .option('--endpoint-url <url>', 'any awsJson endpoint (LocalStack, moto, …): target "endpoint", never live-proven')
  .addOption(new Option('--endpoint <url>', 'alias of --endpoint-url').hideHelp())
  .option('--region <region>', 'signing region (default AWS_REGION or us-east-1)')
  .option('--fixtures <file>', 'emulator fixtures')
  .option('--junit <file>', 'also write JUnit XML')
  .option('--json', 'print the report as one JSON document')
  .option('--no-store', 'do not update the stored trust verdict')
  .addOption(rootOpt())
  .addHelpText(
    'after',
    '\nLive mode is strictly read-only: only MeterUsage with DryRun, an empty BatchMeterUsage and ' +
      'ResolveCustomer with a bogus token can leave; RegisterUsage is skipped.',
  )
  .action((pack, o) =>
    run(async () =>
      (await import('./commands/replay.js')).replayCmd(pack, { ...o, endpoint: o.endpointUrl ?? o.endpoint }),
    ),
  );

program
  .command('refresh')
  .argument('[packs...]', 'pack ids (default: every configured pack)')
  .description('fetch upstream models (conditional, retried), normalize, classify against history, record')
  .option('--source <name|url|file>', 'a configured source name, or a URL or local file/folder to use instead')
  .option('--offline', 'use the vendored copy under specs/ (no network)')
  .option('--fail-on <class>', 'exit 1 when drift of this class or worse is recorded: BREAKING|RISKY|ADDITIVE|DOC')
  .option('--config <file>', 'config file (default specwatch.config.json)')
  .option('--json', 'machine-readable output')
  .addOption(rootOpt())
  .addHelpText(
    'after',
    '\nExit codes: 0 no drift at/above --fail-on · 1 drift · 2 bad config/input · 3 every source of a pack ' +
      'failed to fetch',
  )
  .action((packs, o) => run(async () => (await import('./commands/refresh.js')).refreshCmd(packs, o)));

program
  .command('watch')
  .argument('[packs...]', 'pack ids (default: every configured pack)')
  .description('the main job: refresh → replay (when the snapshot changed) → verdict → status page → drift issues')
  .option('--source <name|url|file>', 'a configured source name, or a URL or local file/folder')
  .option('--offline', 'use the vendored spec under specs/ (no network)')
  .option('--fail-on <class>', 'exit 1 when drift of this class or worse is recorded')
  .addOption(
    new Option('--replay <when>', 'replay against the emulator: auto (new version or no proof yet), always, never')
      .choices(['auto', 'always', 'never'])
      .default('auto'),
  )
  .option('--open-issues', 'open/update/close GitHub drift issues (GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL)')
  .option('--dry-run', 'with --open-issues: print what would happen, change nothing on GitHub')
  .option('--status-dir <dir>', 'where the status page goes (default status/)')
  .option('--config <file>', 'config file')
  .option('--json', 'machine-readable output')
  .addOption(rootOpt())
  .addHelpText(
    'after',
    '\nExit codes: 0 ok · 1 drift at/above --fail-on or a replay failure · 2 bad config/usage · 3 fetch failed',
  )
  .action((packs, o) => run(async () => (await import('./commands/watch.js')).watchCmd(packs, o)));

program
  .command('report')
  .argument('[packs...]', 'pack ids (default: every configured pack)')
  .description('write the connector status page (self-contained HTML + Markdown twin) from the stored history')
  .option('--status-dir <dir>', 'where the status page goes (default status/)')
  .addOption(new Option('--out <dir>', 'alias of --status-dir').hideHelp())
  .option('--json', 'print the written files as JSON')
  .option('--config <file>', 'config file')
  .addOption(rootOpt())
  .action((packs, o) =>
    run(async () => (await import('./commands/watch.js')).reportCmd(packs, { ...o, out: o.statusDir ?? o.out })),
  );

program
  .command('accept')
  .argument('[pack]', 'pack id', DEFAULT_PACK)
  .description(
    'record that people reviewed the current version: it becomes the baseline, and its drift issue is closed',
  )
  .option('--note <text>', 'why it was accepted')
  .option('--dry-run', 'say what would be accepted and closed; write nothing')
  .option('--json', 'print the result as JSON')
  .option('--no-github', 'only record the baseline')
  .option('--config <file>', 'config file')
  .addOption(rootOpt())
  .action((pack, o) => run(async () => (await import('./commands/watch.js')).acceptCmd(pack, o)));

program
  .command('scan')
  .argument('<dir>', 'a folder of models (searched recursively), e.g. an unpacked AWS catalog')
  .description('run the drift pipeline over many models, one service at a time, with a summary table')
  .option('--against <dir>', 'compare each model with the file of the same relative path here')
  .option('--mutate', 'compare each model with a seeded mutation of itself (robustness check)')
  .option('--json', 'machine-readable output')
  .action((dir, o) => run(async () => (await import('./commands/scan.js')).scanCmd(dir, o)));

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? 0 : EXIT.INPUT;
  } else throw e;
}

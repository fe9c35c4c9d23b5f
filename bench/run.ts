// npm run bench: catalog drift scan, emulator throughput and CLI cold start, each as a ratio to its
// floor measured in the same run. Writes bench/results.json. Not part of the test run.
import { execFileSync, fork, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MarketplaceMeteringClient, MeterUsageCommand } from '@aws-sdk/client-marketplace-metering';
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const ROOT = join(import.meta.dirname, '..');
const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: (await import('node:os')).cpus().length,
};
const log = (s: string) => process.stdout.write(s + '\n');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

// The pipeline is measured as users run it: the compiled dist/ and the bin's bundle of it (scripts/build.mjs).
execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'ignore' });
const dist = (p: string) => import(pathToFileURL(join(ROOT, 'dist', p)).href);
const { diffModelTexts, modelFiles, scanOne } = await dist('drift/scan.js');
const { diffSnapshots } = await dist('drift/engine.js');
const { loadModelText } = await dist('model/load.js');
const { normalize } = await dist('snapshot/normalize.js');
const { mutateSmithy } = await dist('drift/mutate.js');
const { refreshPack } = await dist('fetch/refresh.js');
const { httpGet } = await dist('fetch/http.js');
const { canonicalJson } = await dist('util/canonical.js');

/** The vendored metering model (the newest file under specs/). */
function vendoredSpec(): string {
  const dir = join(ROOT, 'specs', 'amazonaws-com-meteringmarketplace');
  return join(dir, readdirSync(dir).sort().pop()!);
}

/** The AWS catalog archives (SPECWATCH_CATALOG, else the shared models folder beside the project). */
function catalogArchives(): { src: string; tars: string[] } {
  const src = process.env.SPECWATCH_CATALOG ?? join(ROOT, '..', 'shared', 'models', 'aws-catalog');
  return { src, tars: existsSync(src) ? readdirSync(src).filter((f) => f.endsWith('.tar.xz')) : [] };
}

/**
 * The catalog pipeline's phases, in order: parsing both texts (JSON.parse, as the floor does), loading both models
 * (depth checks, lending equal shapes), planning which tools changed, building their schemas, the rule engine and
 * the independent differ (`unseen`).
 */
const PHASES = ['parse', 'load', 'plan', 'schemas', 'rules', 'unseen'];

/** One round of the catalog scan in a child process (bench/catalog-round.ts). */
function catalogRound(dir: string): Promise<{
  pipeline: number;
  floor: number;
  tools: number;
  failed: number;
  nonZeroResidual: number;
  times: [number, string][];
  phases: Record<string, number>;
  peakRssMB: number;
}> {
  return new Promise((resolve, reject) => {
    const child = fork(join(import.meta.dirname, 'catalog-round.ts'), [dir], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (m) => resolve(m as Awaited<ReturnType<typeof catalogRound>>));
    child.once('exit', (code) => reject(new Error(`catalog round exited ${code} before reporting`)));
    child.once('error', reject);
  });
}

// 1. Catalog: load + normalize + classify every model against a seeded mutation of itself.
async function catalog() {
  const { src, tars } = catalogArchives();
  if (!tars.length) {
    log(`catalog: skipped — no *.tar.xz under ${src} (set SPECWATCH_CATALOG)`);
    results.catalog = { skipped: `no catalog at ${src}` };
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'specwatch-catalog-'));
  try {
    for (const t of tars) execFileSync('tar', ['-xJf', join(src, t), '-C', dir]);
    const files = modelFiles(dir);
    log(`catalog: ${files.length} models unpacked; scanning (model vs seeded mutation) …`);
    // Three rounds over the catalog, each in a fresh process (no round inherits another's caches or compiled
    // code), each model's floor timed beside its pipeline; the figure is the round with the median ratio, so one
    // busy minute on a shared machine does not make the number.
    type Round = { pipeline: number; floor: number; tools: number; failed: number; nonZeroResidual: number };
    const rounds: (Round & { times: [number, string][]; phases: Record<string, number>; peakRssMB: number })[] = [];
    const t0 = performance.now();
    for (let round = 0; round < 3; round++) rounds.push(await catalogRound(dir));
    const ratios = rounds.map((r) => r.pipeline / r.floor);
    const mid = [...rounds].sort((a, b) => a.pipeline / a.floor - b.pipeline / b.floor)[1];
    const { pipeline, floor, tools, failed, nonZeroResidual } = mid;
    const times = mid.times;
    // Where the median round's time went, each phase as a ratio to the same floor; `other` is the rest of the
    // pipeline's time (decoding the bytes, the summary), so the phases add up to the ratio.
    const timed = PHASES.filter((p) => mid.phases[p] !== undefined);
    const rest = pipeline - timed.reduce((sum, p) => sum + mid.phases[p], 0);
    const phases = Object.fromEntries(
      [...timed.map((p) => [p, mid.phases[p]] as const), ['other', rest] as const].map(([p, ms]) => [
        p,
        +(ms / floor).toFixed(2),
      ]),
    );
    const wall = performance.now() - t0;
    const peakRssMB = Math.max(...rounds.map((r) => r.peakRssMB)); // the scanning process's, at most
    // Truth: the fast path (diffModelTexts: lent shapes, diffModels) against the full pipeline (normalize both,
    // diffSnapshots) on every pair.
    // And a nightly's comparison: the stored snapshot (canonical JSON read back) against a fresh one.
    let mismatches = 0;
    let storedMismatches = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const other = JSON.stringify(mutateSmithy(JSON.parse(text)).doc);
      const before = normalize(loadModelText(text, f), { pack: 's', bytes: text, location: 'x' });
      const after = normalize(loadModelText(other, f), { pack: 's', bytes: other, location: 'x' });
      const full = JSON.stringify(diffSnapshots(before, after));
      const fast = diffModelTexts(text, other, f).d; // as scanOne compares them (shapes lent at load)
      if (full !== JSON.stringify(fast)) mismatches++;
      if (full !== JSON.stringify(diffSnapshots(JSON.parse(canonicalJson(before)), after))) storedMismatches++;
    }
    // Robustness: diff neighbouring, unrelated services (must never throw).
    let crossPairs = 0,
      crossErrors = 0;
    let prev: unknown = null;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const s = normalize(loadModelText(text, f), { pack: 'x', bytes: text, location: f });
      if (prev) {
        try {
          diffSnapshots(prev, s);
          crossPairs++;
        } catch {
          crossErrors++;
        }
      }
      prev = s;
    }
    times.sort((a, b) => b[0] - a[0]);
    results.catalog = {
      models: files.length,
      tools,
      failed,
      nonZeroResidual,
      fastPathMismatches: mismatches,
      storedVsFreshMismatches: storedMismatches,
      wallMs: Math.round(wall / rounds.length), // per round
      pipelineMs: Math.round(pipeline),
      floorMs: Math.round(floor),
      ratio: +(pipeline / floor).toFixed(2),
      roundRatios: ratios.map((x) => +x.toFixed(2)),
      phases,
      peakRssMB,
      slowest: times.slice(0, 5).map(([ms, f]) => ({ model: f, ms: Math.round(ms) })),
      crossServicePairs: crossPairs,
      crossServiceErrors: crossErrors,
    };
    log(
      `catalog: ${files.length} models, ${tools} tools, pipeline ${Math.round(pipeline)} ms vs floor ` +
        `${Math.round(floor)} ms → ${(pipeline / floor).toFixed(2)}× (median of 3 rounds: ` +
        `${ratios.map((x) => x.toFixed(2)).join(', ')}), peak RSS ${peakRssMB} MB, ${failed} ` +
        `failed, ${nonZeroResidual} with residual > 0, ${mismatches} fast-path mismatches, ${storedMismatches} ` +
        `stored-vs-fresh mismatches, ${crossPairs} ` +
        `cross-service diffs (${crossErrors} errors)`,
    );
    log(
      `catalog phases (× floor): ${Object.entries(phases)
        .map(([p, r]) => `${p} ${r}`)
        .join(', ')}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// 1b. Real releases: every consecutive pair of the six real model histories (test/fixtures/corpus), the common
// case of a nightly check that finds a new version. Same pipeline and floor as the catalog, median of 5 rounds.
function history() {
  const corpus = join(ROOT, 'test', 'fixtures', 'corpus');
  const dirs = [join(corpus, 'botocore'), join(corpus, 'smithy')];
  for (const s of readdirSync(join(corpus, 'services')).sort()) dirs.push(join(corpus, 'services', s));
  const pairs: [string, string][] = [];
  for (const d of dirs) {
    const files = readdirSync(d)
      .filter((f) => /^\d{3}-.*\.json$/.test(f))
      .sort()
      .map((f) => readFileSync(join(d, f), 'utf8'));
    for (let i = 1; i < files.length; i++) pairs.push([files[i - 1], files[i]]);
  }
  const rounds: { pipeline: number; floor: number }[] = [];
  for (let r = 0; r < 5; r++) {
    let pipeline = 0,
      floor = 0;
    for (const [a, b] of pairs) {
      const f0 = performance.now();
      for (const t of [a, b]) (JSON.parse(t), createHash('sha256').update(t).digest());
      const t0 = performance.now();
      diffModelTexts(a, b, 'a.json');
      pipeline += performance.now() - t0;
      floor += t0 - f0;
    }
    rounds.push({ pipeline, floor });
  }
  const pipeline = median(rounds.map((x) => x.pipeline));
  const floor = median(rounds.map((x) => x.floor));
  results.history = {
    transitions: pairs.length,
    pipelineMs: Math.round(pipeline),
    floorMs: Math.round(floor),
    ratio: +(pipeline / floor).toFixed(2),
  };
  log(
    `history: ${pairs.length} real transitions of 6 services, pipeline ${Math.round(pipeline)} ms vs floor ` +
      `${Math.round(floor)} ms → ${(pipeline / floor).toFixed(2)}×`,
  );
}

// 2. Emulator throughput vs a bare node:http server answering the same bytes (servers in a child process).
async function startServer(kind: string): Promise<{ url: string; stop(): void }> {
  const child = fork(join(import.meta.dirname, 'servers.ts'), [kind], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve) => child.once('message', (m) => resolve((m as { url: string }).url)));
  return { url, stop: () => child.kill() };
}

let seq = 0;
async function load(
  url: string,
  concurrency: number,
  total: number,
): Promise<{ rps: number; p50: number; p99: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const u = new URL(url);
  const lat: number[] = [];
  let next = 0;
  const auth =
    `AWS4-HMAC-SHA256 Credential=AKIDBENCH/20261127/us-east-1/aws-marketplace/aws4_request, ` +
    `SignedHeaders=host, Signature=${'0'.repeat(64)}`;
  const one = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify({
        ProductCode: 'prod-abc123',
        Timestamp: Math.floor(Date.now() / 1000) - 60,
        UsageDimension: 'users',
        UsageQuantity: 1,
        ClientToken: `bench-${seq++}`,
      });
      void i;
      const t = performance.now();
      const req = request(
        {
          agent,
          host: u.hostname,
          port: u.port,
          path: '/',
          method: 'POST',
          headers: {
            'content-type': 'application/x-amz-json-1.1',
            'x-amz-target': 'AWSMPMeteringService.MeterUsage',
            authorization: auth,
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            lat.push(performance.now() - t);
            res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`));
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const worker = async () => {
    while (next < total) await one(next++);
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const secs = (performance.now() - t0) / 1000;
  agent.destroy();
  return { rps: Math.round(total / secs), p50: +pct(lat, 50).toFixed(2), p99: +pct(lat, 99).toFixed(2) };
}

async function throughput() {
  const emu = await startServer('emulator');
  const bare = await startServer('bare');
  const rows: Record<string, unknown>[] = [];
  try {
    for (const c of [1, 8, 32]) {
      const n = c === 1 ? 1000 : 3000;
      await load(emu.url, c, 300);
      await load(bare.url, c, 300); // warm-up
      // Seven interleaved rounds; the ratio is the median of each round's emulator/bare ratio (the two runs of a
      // round are back to back, so the drift of a shared 2-core machine between rounds cancels out).
      const es: Awaited<ReturnType<typeof load>>[] = [];
      const bs: Awaited<ReturnType<typeof load>>[] = [];
      for (let k = 0; k < 7; k++) {
        const [first, second] = k % 2 ? [bare, emu] : [emu, bare];
        const x = await load(first.url, c, n);
        const y = await load(second.url, c, n);
        es.push(k % 2 ? y : x);
        bs.push(k % 2 ? x : y);
      }
      const ratio = median(es.map((e, k) => e.rps / bs[k].rps));
      const mid = (xs: typeof es) => [...xs].sort((x, y) => x.rps - y.rps)[3];
      const e = mid(es);
      const b = mid(bs);
      rows.push({ concurrency: c, emulator: e, bare: b, ratio: +ratio.toFixed(2) });
      log(
        `emulator c=${c}: ${e.rps} req/s (p50 ${e.p50} ms, p99 ${e.p99} ms) vs bare node:http ${b.rps} req/s → ` +
          `${(100 * ratio).toFixed(0)}% (median of 7 round ratios)`,
      );
    }
    const client = new MarketplaceMeteringClient({
      endpoint: emu.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
    const lat: number[] = [];
    const total = 2000;
    let i = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (i++ < total) {
          const t = performance.now();
          await client.send(
            new MeterUsageCommand({
              ProductCode: 'prod-abc123',
              Timestamp: new Date(Date.now() - 60_000),
              UsageDimension: 'users',
              UsageQuantity: 1,
            }),
          );
          lat.push(performance.now() - t);
        }
      }),
    );
    const sdk = {
      rps: Math.round(total / ((performance.now() - t0) / 1000)),
      p50: +pct(lat, 50).toFixed(2),
      p99: +pct(lat, 99).toFixed(2),
    };
    client.destroy();
    log(`through the AWS SDK (c=16): ${sdk.rps} req/s (p50 ${sdk.p50} ms, p99 ${sdk.p99} ms)`);
    results.emulator = { levels: rows, sdk };
  } finally {
    emu.stop();
    bare.stop();
  }
}

// 3. Cold start: `specwatch --help` and `specwatch diff` (compiled dist) vs `node -e 0`.
function coldStart() {
  const once = (args: string[]) => {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    return performance.now() - t;
  };
  const spec = vendoredSpec();
  const boto = join(ROOT, 'test', 'fixtures', 'corpus', 'botocore', '017-2026-02-26-14bc74f6f.json');
  const bin = join(ROOT, 'bin', 'specwatch.js');
  // Interleaved rounds, as for the emulator: each round times `node -e 0` beside the command, and the ratio is
  // the median of the rounds' ratios, so the drift of a shared machine between rounds cancels out.
  const nodes: number[] = [];
  const helps: number[] = [];
  const diffs: number[] = [];
  const helpRatios: number[] = [];
  const diffRatios: number[] = [];
  for (let k = 0; k < 15; k++) {
    const n = once(['-e', '0']);
    const h = once([bin, '--help']);
    nodes.push(n);
    helps.push(h);
    helpRatios.push(h / n);
    if (k % 2 === 0) {
      const d = once([bin, 'diff', spec, boto, '--json']);
      diffs.push(d);
      diffRatios.push(d / n);
    }
  }
  const [nodeE, help, diff] = [median(nodes), median(helps), median(diffs)];
  const [helpRatio, diffRatio] = [median(helpRatios), median(diffRatios)];
  results.coldStart = {
    nodeMs: Math.round(nodeE),
    helpMs: Math.round(help),
    diffMs: Math.round(diff),
    helpRatio: +helpRatio.toFixed(2),
    diffRatio: +diffRatio.toFixed(2),
  };
  log(
    `cold start: node -e 0 ${Math.round(nodeE)} ms · specwatch --help ${Math.round(help)} ms ` +
      `(${helpRatio.toFixed(2)}×) · specwatch diff ${Math.round(diff)} ms (${diffRatio.toFixed(2)}×) ` +
      '(medians of 15 and 8 interleaved round ratios)',
  );
}

// 4. A quiet night: refresh of an unchanged upstream (same bytes, then 304) vs its floor, the fetch of the
// same bytes through the same HTTP layer plus one JSON.parse. Served by a child process.
async function quietNight() {
  const { src, tars } = catalogArchives();
  const dir = mkdtempSync(join(tmpdir(), 'specwatch-night-'));
  try {
    // The largest model of the catalog (SageMaker, 3.3 MB) when present, else the vendored metering model.
    let model = vendoredSpec();
    if (tars.length) {
      execFileSync('tar', ['-xJf', join(src, tars[0]), '-C', dir, '--wildcards', '*/sagemaker-2*.json']);
      model = modelFiles(dir).find((f: string) => /sagemaker-2/.test(f)) ?? model;
    }
    const child = fork(join(import.meta.dirname, 'servers.ts'), ['file', model], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const base = await new Promise<string>((resolve) =>
      child.once('message', (m) => resolve((m as { url: string }).url)),
    );
    const http = { timeoutMs: 20_000, deadlineMs: 60_000, retries: 0, backoffMs: 0, maxBytes: 256 * 1024 * 1024 };
    const root = join(dir, 'store');
    const pack = (etag: boolean) => ({
      id: 'night',
      sources: [{ name: 'up', url: `${base}/${etag ? 'etag' : 'plain'}` }],
    });
    await refreshPack({ root, pack: pack(false), http });
    const floor: number[] = [],
      same: number[] = [],
      notModified: number[] = [];
    for (let k = 0; k < 9; k++) {
      let t = performance.now();
      const r = await httpGet(`${base}/plain`, http);
      if (r.status === 'ok') JSON.parse(r.bytes.toString('utf8'));
      floor.push(performance.now() - t);
      t = performance.now();
      const a = await refreshPack({ root, pack: pack(false), http });
      same.push(performance.now() - t);
      if (a.outcome !== 'unchanged') throw new Error(`quiet night recorded ${a.outcome}`);
      t = performance.now();
      await refreshPack({ root, pack: pack(true), http });
      notModified.push(performance.now() - t);
    }
    child.kill();
    const f = median(floor),
      s = median(same),
      n = median(notModified);
    const bytes = statSync(model).size;
    results.quietNight = {
      model: model.split('/').pop(),
      bytes,
      floorMs: +f.toFixed(1),
      sameBytesMs: +s.toFixed(1),
      notModifiedMs: +n.toFixed(1),
      sameBytesRatio: +(s / f).toFixed(2),
      notModifiedRatio: +(n / f).toFixed(2),
    };
    log(
      `quiet night (${model.split('/').pop()}, ${(bytes / 1e6).toFixed(1)} MB): fetch + JSON.parse ` +
        `${f.toFixed(1)} ms · ` +
        `same bytes ${s.toFixed(1)} ms (${(s / f).toFixed(2)}×) · 304 ${n.toFixed(1)} ms (${(n / f).toFixed(2)}×)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// 5. The sharded nightly over the whole catalog (only with `npm run bench -- shards`: minutes of work).
// 402 packs are added from the catalog, upstream moves (a seeded mutation of every model), and the night
// runs as 1, 4 and 8 parallel shard processes on copies of each shard's packs, then merges; the merged
// store must equal the 1-shard run byte for byte.
async function shardsBench() {
  const { src, tars } = catalogArchives();
  if (!tars.length) return log('shards: skipped — no catalog');
  const { addPack } = await dist('config/add.js');
  const { shardPacks } = await dist('watch/shards.js');
  const { mergeShards, packPaths } = await dist('watch/merge.js');
  const work = mkdtempSync(join(tmpdir(), 'specwatch-shards-'));
  try {
    const cat = join(work, 'catalog');
    mkdirSync(cat);
    for (const t of tars) execFileSync('tar', ['-xJf', join(src, t), '-C', cat]);
    const base = join(work, 'base');
    mkdirSync(join(base, 'upstream'), { recursive: true });
    let skipped = 0;
    const t0 = performance.now();
    for (const f of modelFiles(cat)) {
      const name = f
        .split('/')
        .pop()!
        .replace(/-\d{4}-\d{2}-\d{2}\.json$/, '');
      try {
        addPack(name, { root: base, sources: [f], now: new Date('2026-11-26T04:17:00Z') });
      } catch {
        skipped++; // two models guessing the same botocore name: the second is refused, as `add` says
        continue;
      }
      const up = join(base, 'upstream', f.split('/').pop()!);
      writeFileSync(up, JSON.stringify(mutateSmithy(JSON.parse(readFileSync(f, 'utf8'))).doc));
    }
    const cfgFile = join(base, 'specwatch.config.json');
    const cfg = JSON.parse(readFileSync(cfgFile, 'utf8'));
    // Each pack's upstream is the next version of the model it was added from (recorded as its file name).
    for (const p of cfg.packs as { id: string; sources: unknown[] }[]) {
      const first = JSON.parse(
        readFileSync(join(base, 'snapshots', p.id, 'history.jsonl'), 'utf8')
          .trim()
          .split('\n')[0],
      );
      p.sources = [{ name: 'upstream', path: `upstream/${first.source.location}` }];
    }
    writeFileSync(cfgFile, JSON.stringify(cfg, null, 2));
    log(
      `shards: ${cfg.packs.length} packs added in ${((performance.now() - t0) / 1000).toFixed(1)} s (${skipped} ` +
        `models refused as duplicates)`,
    );
    const env = { ...process.env, SPECWATCH_NOW: '2026-11-27T04:17:00Z', SPECWATCH_QUIET: '1', NO_COLOR: '1' };
    const tree = (root: string) => {
      const out = new Map<string, string>();
      const walk = (d: string) => {
        for (const e of readdirSync(d)) {
          const p = join(d, e);
          if (statSync(p).isDirectory()) walk(p);
          else out.set(p.slice(root.length), createHash('sha256').update(readFileSync(p)).digest('hex'));
        }
      };
      for (const top of ['specs', 'snapshots', 'replays', 'status'])
        if (existsSync(join(root, top))) walk(join(root, top));
      return out;
    };
    const rows: Record<string, unknown>[] = [];
    let reference: Map<string, string> | null = null;
    for (const k of [1, 4, 8]) {
      const plan = shardPacks(base, cfg.packs, k) as { shard: number; packs: string }[];
      const dirs = plan.map((s) => {
        const d = join(work, `k${k}-shard${s.shard}`);
        mkdirSync(d);
        cpSync(cfgFile, join(d, 'specwatch.config.json'));
        cpSync(join(base, 'upstream'), join(d, 'upstream'), { recursive: true });
        for (const id of s.packs.split(' ')) {
          for (const rel of packPaths(id))
            if (existsSync(join(base, rel))) cpSync(join(base, rel), join(d, rel), { recursive: true });
        }
        return d;
      });
      const t1 = performance.now();
      const times = await Promise.all(
        plan.map(
          (s, i) =>
            new Promise<number>((resolve, reject) => {
              const start = performance.now();
              const child = spawn(
                process.execPath,
                [join(ROOT, 'bin', 'specwatch.js'), 'watch', ...s.packs.split(' '), '--replay', 'never', '--json'],
                { cwd: dirs[i], env, stdio: ['ignore', 'pipe', 'inherit'] },
              );
              const chunks: Buffer[] = [];
              child.stdout.on('data', (c) => chunks.push(c));
              child.on('close', (code) => {
                writeFileSync(join(dirs[i], 'watch.json'), Buffer.concat(chunks));
                writeFileSync(join(dirs[i], 'exit'), String(code));
                if (code !== 0 && code !== 1) reject(new Error(`shard ${s.shard} exited ${code}`));
                else resolve(performance.now() - start);
              });
            }),
        ),
      );
      const wall = performance.now() - t1;
      const merged = join(work, `k${k}-merged`);
      cpSync(base, merged, { recursive: true });
      const t2 = performance.now();
      mergeShards(merged, dirs);
      const mergeMs = performance.now() - t2;
      const t = tree(merged);
      reference ??= t;
      const same = t.size === reference.size && [...reference].every(([f, h]) => t.get(f) === h);
      rows.push({
        shards: k,
        wallMs: Math.round(wall),
        slowestShardMs: Math.round(Math.max(...times)),
        mergeMs: Math.round(mergeMs),
        files: t.size,
        identicalToOneShard: same,
      });
      log(
        `shards: ${k} shard(s): wall ${(wall / 1000).toFixed(1)} s (slowest shard ` +
          `${(Math.max(...times) / 1000).toFixed(1)} s), ` +
          `merge ${(mergeMs / 1000).toFixed(1)} s, ${t.size} files, identical to 1 shard: ${same}`,
      );
    }
    results.shards = {
      packs: cfg.packs.length,
      refusedDuplicates: skipped,
      cpus: (await import('node:os')).cpus().length,
      rows,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const only = process.argv[2];
if (!only || only === 'catalog') await catalog();
if (!only || only === 'history') history();
if (!only || only === 'emulator') await throughput();
if (!only || only === 'cold') coldStart();
if (!only || only === 'night') await quietNight();
if (only === 'shards') await shardsBench();
// A partial run (`npm run bench -- catalog`) updates its own section and keeps the others.
const out = join(import.meta.dirname, 'results.json');
const previous = only && existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>) : {};
writeFileSync(out, JSON.stringify({ ...previous, ...results }, null, 2) + '\n');
log(`wrote bench/results.json`);

/**
 * The hub's lookup API under load: the real server (buildHttpApp, listening on 127.0.0.1, SQLite
 * in a temp folder, logger off) with BENCH_N random PDQ hashes stored (default 1M, loaded once
 * through the repositories and kept under the system temp folder), then bounded autocannon runs
 * from a separate process for each kind of lookup. See `--help`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type VigilApp } from '../src/app.js';
import { buildHttpApp } from '../src/http/http-app.js';
import { AgencyRepository } from '../src/storage/agency.repository.js';
import { CaseRepository } from '../src/storage/case.repository.js';
import { MediaRepository } from '../src/storage/media.repository.js';
import { envCount, parseBenchArgs } from './lib/bench-args.js';
import type { LoadConfig, LoadResult } from './lib/load-run.js';
import { median } from './lib/stats.js';
import { formatTable, printJsonLine, status } from './lib/table.js';

const KINDS = ['single-pdq', 'single-sha256', 'single-pdq-hit', 'bulk-10k'] as const;
type Kind = (typeof KINDS)[number];
const USAGE = `Usage: [BENCH_N=N] [BENCH_SECONDS=S] [BENCH_CONNECTIONS=C] [BENCH_BULK_REQUESTS=R] npm run bench:api -- [--json] [--reps N] [--modes a,b]

Loads BENCH_N random PDQ hashes (default 1,000,000; one media each, made once and cached under
the system temp folder), starts the server on 127.0.0.1 and runs autocannon (own process) for
BENCH_SECONDS each (default 10) and BENCH_CONNECTIONS connections (default 16); bulk: BENCH_BULK_REQUESTS
requests (default 10) one at a time:
  single-pdq      POST /api/v1/lookup, one random PDQ (radius 31): a miss, no audit write
  single-sha256   POST /api/v1/lookup, one random SHA-256: a miss
  single-pdq-hit  POST /api/v1/lookup, a PDQ 1-8 bits from a stored, visible one: a hit (audited)
  bulk-10k        POST /api/v1/lookup/bulk, 10,000 random PDQs per request
Figures are medians of --reps runs (default 3).
  --json   one object per row: {bench:"api", kind, req_per_s, p50_ms, p99_ms, errors, server_cpu_us_per_req}
           (the last: the server's CPU time, all threads, per request — less disturbed by a busy machine)
Bar (issue 7): single lookups >= 5,000/s on 2 cores with p99 <= 20 ms; bulk 10k <= 1 s.`;

const HITS = 1_000;
const BATCH = 20_000;
const hexOf = (buf: Buffer, i: number, bytes: number) => buf.subarray(i * bytes, (i + 1) * bytes).toString('hex');

/** The cached data folder for `n` hashes, loaded on first use; returns it and the hit PDQs. */
async function dataFor(n: number): Promise<{ dir: string; known: string[] }> {
  const dir = join(tmpdir(), `vigil-bench-api-v1-${n}`);
  const ready = join(dir, 'loaded');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const vigil = await open(dir);
  try {
    if (!existsSync(ready)) await load(vigil, n);
    writeFileSync(ready, `${n}\n`);
    const rows = await vigil.database.db
      .selectFrom('signals')
      .innerJoin('sightings', 'sightings.media_id', 'signals.media_id')
      .select('signals.value')
      .where('signals.type', '=', 'pdq')
      .limit(HITS)
      .execute();
    return { dir, known: rows.map((r) => r.value) };
  } finally {
    await vigil.close();
  }
}

const open = (dir: string) =>
  createApp({ database: { dialect: 'sqlite', file: join(dir, 'vigil.sqlite') }, dataDir: dir });

async function load(vigil: VigilApp, n: number): Promise<void> {
  const db = vigil.database.db;
  const media = new MediaRepository(db, 'sqlite');
  const t0 = performance.now();
  for (let done = 0; done < n; ) {
    const count = Math.min(BATCH, n - done);
    const bytes = randomBytes(count * (16 + 20 + 32 + 32));
    const items = Array.from({ length: count }, (_, i) => {
      const o = i * 100;
      return {
        md5: bytes.subarray(o, o + 16).toString('hex'),
        sha1: bytes.subarray(o + 16, o + 36).toString('hex'),
        sha256: bytes.subarray(o + 36, o + 68).toString('hex'),
        size: 1,
        signals: [{ type: 'pdq', value: hexOf(bytes.subarray(o + 68, o + 100), 0, 32), quality: 90 }],
      };
    });
    const stored = await media.insertMany(items);
    if (done === 0)
      await sight(
        vigil,
        stored.slice(0, HITS).map((s) => s.mediaId),
      );
    done += count;
    if (done % 100_000 === 0 || done === n) {
      status(`api: stored ${done} of ${n} media with PDQ (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
  }
}

/** Sightings by the bench agency, so that lookups near these media are hits it may see. */
async function sight(vigil: VigilApp, mediaIds: number[]): Promise<void> {
  const agency = await benchAgency(vigil);
  const cases = new CaseRepository(vigil.database.db);
  const kase = await cases.createCase({ agencyId: agency, reference: 'BENCH', title: 'bench:api' });
  const exhibit = await cases.createExhibit({ caseId: kase.id, label: 'generated' });
  const media = new MediaRepository(vigil.database.db, 'sqlite');
  for (const id of mediaIds) await media.addSighting({ mediaId: id, exhibitId: exhibit.id, path: `generated/${id}` });
}

async function benchAgency(vigil: VigilApp): Promise<number> {
  const agencies = new AgencyRepository(vigil.database.db);
  const found = (await agencies.list()).find((a) => a.name === 'Bench unit');
  return found ? found.id : (await agencies.create({ countryCode: 'ZZ', name: 'Bench unit' })).id;
}

/** A fresh analyst token of the bench agency, with a rate limit the load cannot reach. */
async function token(vigil: VigilApp): Promise<string> {
  const agencyId = await benchAgency(vigil);
  const user = await new AgencyRepository(vigil.database.db).createUser({
    agencyId,
    username: `bench-${randomBytes(4).toString('hex')}`,
    displayName: 'bench',
    roles: ['analyst'],
  });
  const key = await vigil.apiKeys.createUserToken({ userId: user.id, agencyId, roles: user.roles }, { name: 'bench' });
  await vigil.database.db.updateTable('api_keys').set({ rate_per_minute: 1e9 }).where('id', '=', key.id).execute();
  return key.token;
}

function runLoad(config: LoadConfig): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'lib', 'load-run.ts'), JSON.stringify(config)],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}'))
        : reject(new Error(`load run exit ${code}`)),
    );
  });
}

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2), KINDS, USAGE);
  const n = envCount('BENCH_N', 1_000_000, USAGE);
  const seconds = envCount('BENCH_SECONDS', 10, USAGE);
  const connections = envCount('BENCH_CONNECTIONS', 16, USAGE);
  const bulkRequests = envCount('BENCH_BULK_REQUESTS', 10, USAGE);
  const { dir, known } = await dataFor(n);
  const vigil = await open(dir);
  const t0 = performance.now();
  await vigil.pdqIndex.start();
  status(`api: index of ${vigil.pdqIndex.size.media} PDQs ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const http = await buildHttpApp(vigil, { logger: false });
  await http.server.listen({ host: '127.0.0.1', port: 0 });
  const url = `http://127.0.0.1:${(http.server.server.address() as AddressInfo).port}`;
  const bearer = await token(vigil);
  const rows: Array<{ bench: 'api'; kind: Kind; server_cpu_us_per_req: number } & Omit<LoadResult, 'requests'>> = [];
  try {
    for (const kind of args.modes) {
      const bulk = kind === 'bulk-10k';
      const config = { url, token: bearer, kind, known, seconds, connections: bulk ? 1 : connections };
      if (bulk) Object.assign(config, { amount: bulkRequests });
      await runLoad({ ...config, seconds: 2, amount: bulk ? 2 : undefined });
      const runs: Array<LoadResult & { cpu: number }> = [];
      for (let r = 0; r < args.reps; r++) {
        const cpu0 = process.cpuUsage();
        const run = await runLoad(config);
        const cpu = process.cpuUsage(cpu0);
        // The server's CPU per request (all its threads): a figure that a busy machine disturbs less.
        runs.push({ ...run, cpu: run.requests > 0 ? (cpu.user + cpu.system) / run.requests : 0 });
      }
      const row = {
        bench: 'api' as const,
        kind,
        req_per_s: median(runs.map((x) => x.req_per_s)),
        p50_ms: median(runs.map((x) => x.p50_ms)),
        p99_ms: median(runs.map((x) => x.p99_ms)),
        errors: runs.reduce((t, x) => t + x.errors, 0),
        server_cpu_us_per_req: Math.round(median(runs.map((x) => x.cpu))),
      };
      status(`api: ${kind}: ${runs.map((x) => `${x.req_per_s}/s p99 ${x.p99_ms} ms`).join(', ')}`);
      rows.push(row);
      if (args.json) printJsonLine(row);
    }
  } finally {
    await http.server.close();
    await vigil.close();
  }
  if (!args.json) {
    const cpus = execFileSync('nproc').toString().trim();
    process.stdout.write(`bench:api — ${n} PDQ hashes, ${cpus} cores, medians of ${args.reps} runs of ${seconds} s\n`);
    process.stdout.write(
      `${formatTable(
        [
          { header: 'kind', value: (r) => r.kind },
          { header: 'req/s', value: (r) => r.req_per_s },
          { header: 'p50 ms', value: (r) => r.p50_ms },
          { header: 'p99 ms', value: (r) => r.p99_ms },
          { header: 'errors', value: (r) => r.errors },
          { header: 'server CPU µs/req', value: (r) => r.server_cpu_us_per_req },
        ],
        rows,
      )}\n`,
    );
  }
}

await main();

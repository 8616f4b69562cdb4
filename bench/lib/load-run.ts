/**
 * The load generator of bench:api, run as its own process so that it does not share the server's
 * event loop: one bounded autocannon run of POST requests whose bodies are drawn in turn from a
 * set made by `bodies`, then one JSON line on stdout: requests/s, p50 and p99 latency, errors.
 *
 *   node --import tsx bench/lib/load-run.ts '<json LoadConfig>'
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';

export interface LoadConfig {
  url: string;
  token: string;
  kind: 'single-pdq' | 'single-sha256' | 'single-pdq-hit' | 'bulk-10k';
  connections: number;
  seconds: number;
  /** Stop after this many requests instead of after `seconds` (bulk: each request takes long). */
  amount?: number;
  /** PDQ values near which `single-pdq-hit` asks (stored and visible to the token's agency). */
  known: string[];
}

export interface LoadResult {
  req_per_s: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
  /** Requests answered in the run. */
  requests: number;
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** `value` with its first `bits` bits flipped. */
function near(value: string, bits: number): string {
  const d = value.split('');
  for (let b = 0; b < bits; b++) d[b >> 2] = (Number.parseInt(d[b >> 2], 16) ^ (8 >> (b % 4))).toString(16);
  return d.join('');
}

function bodies(config: LoadConfig): { path: string; bodies: string[] } {
  const one = (signal: object) => JSON.stringify({ signals: [signal] });
  switch (config.kind) {
    case 'single-pdq':
      return {
        path: '/api/v1/lookup',
        bodies: Array.from({ length: 4096 }, () => one({ type: 'pdq', value: hex(32) })),
      };
    case 'single-sha256':
      return {
        path: '/api/v1/lookup',
        bodies: Array.from({ length: 4096 }, () => one({ type: 'sha256', value: hex(32) })),
      };
    case 'single-pdq-hit':
      return {
        path: '/api/v1/lookup',
        bodies: config.known.map((v, i) => one({ type: 'pdq', value: near(v, 1 + (i % 8)) })),
      };
    case 'bulk-10k':
      return {
        path: '/api/v1/lookup/bulk',
        bodies: Array.from({ length: 4 }, () =>
          JSON.stringify({ signals: Array.from({ length: 10_000 }, () => ({ type: 'pdq', value: hex(32) })) }),
        ),
      };
  }
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '{}') as LoadConfig;
  const made = bodies(config);
  let next = 0;
  const result = await autocannon({
    url: config.url,
    connections: config.connections,
    ...(config.amount ? { amount: config.amount } : { duration: config.seconds }),
    // Seconds before a request counts as timed out: a bulk answer may take longer than the default 10.
    timeout: 120,
    headers: { authorization: `Bearer ${config.token}`, 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST',
        path: made.path,
        setupRequest: (request) => ({ ...request, body: made.bodies[next++ % made.bodies.length] }),
      },
    ],
  });
  const out: LoadResult = {
    req_per_s: Math.round((100 * result.requests.total) / (result.duration || config.seconds)) / 100,
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

await main();

/**
 * The web app's weight (issue #9: first page's JavaScript ≤ 400 KB gzipped). Builds the app
 * (unless --no-build and dist/web exists), then lists every asset with its size and gzipped size,
 * marking those the first page loads: the scripts, module preloads and style sheets index.html
 * names. Lazy chunks (the links graph, the world map) load only on their page.
 *
 * JSON rows: {bench:"web", asset, kind, first_page, bytes, gzip_bytes}, then a total row per
 * kind for the first page: {bench:"web", asset:"first page", kind, first_page:true, ...}.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { formatTable, printJsonLine, status } from './lib/table.js';

const USAGE = `Usage: npm run bench:web -- [--json] [--no-build] [--help]
  Builds web/ into dist/web and prints each asset's size and gzipped size; the first page's
  JavaScript total is the figure issue #9 bounds (≤ 400 KB gzipped).`;
const DIST = 'dist/web';

interface Row {
  asset: string;
  kind: 'js' | 'css' | 'other';
  firstPage: boolean;
  bytes: number;
  gzipBytes: number;
}

function args(): { json: boolean; build: boolean } {
  try {
    const { values } = parseArgs({
      options: {
        json: { type: 'boolean', default: false },
        'no-build': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    return { json: values.json === true, build: values['no-build'] !== true };
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}\n`);
    process.exit(2);
  }
}

/** Asset paths index.html loads itself (scripts, module preloads, style sheets). */
export function firstPageAssets(html: string): Set<string> {
  const found = new Set<string>();
  for (const m of html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="\/?(assets\/[^"]+)"/g)) found.add(m[1]);
  return found;
}

function measure(): Row[] {
  const first = firstPageAssets(readFileSync(join(DIST, 'index.html'), 'utf8'));
  return readdirSync(join(DIST, 'assets'))
    .sort()
    .map((name) => {
      const body = readFileSync(join(DIST, 'assets', name));
      const kind = name.endsWith('.js') ? 'js' : name.endsWith('.css') ? 'css' : 'other';
      return {
        asset: `assets/${name}`,
        kind,
        firstPage: first.has(`assets/${name}`),
        bytes: body.length,
        gzipBytes: gzipSync(body, { level: 9 }).length,
      } satisfies Row;
    });
}

const { json, build } = args();
if (build || !existsSync(join(DIST, 'index.html'))) {
  status('building web/ (vite build)…');
  execFileSync('npm', ['run', '-s', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
const rows = measure();
const totals = (['js', 'css'] as const).map((kind) => {
  const of = rows.filter((r) => r.firstPage && r.kind === kind);
  return {
    asset: 'first page',
    kind,
    firstPage: true,
    bytes: of.reduce((s, r) => s + r.bytes, 0),
    gzipBytes: of.reduce((s, r) => s + r.gzipBytes, 0),
  } satisfies Row;
});
if (json) {
  for (const r of [...rows, ...totals]) {
    printJsonLine({
      bench: 'web',
      asset: r.asset,
      kind: r.kind,
      first_page: r.firstPage,
      bytes: r.bytes,
      gzip_bytes: r.gzipBytes,
    });
  }
} else {
  const kb = (n: number) => (n / 1024).toFixed(1);
  console.log(
    formatTable(
      [
        { header: 'asset', value: (r: Row) => r.asset },
        { header: 'kind', value: (r: Row) => r.kind },
        { header: 'first page', value: (r: Row) => (r.firstPage ? 'yes' : 'lazy') },
        { header: 'KB', value: (r: Row) => kb(r.bytes), align: 'right' },
        { header: 'KB gzipped', value: (r: Row) => kb(r.gzipBytes), align: 'right' },
      ],
      [...rows, ...totals],
    ),
  );
  const js = totals[0];
  console.log(`\nFirst page JavaScript: ${kb(js.gzipBytes)} KB gzipped (bar: ≤ 400 KB).`);
}

// Copies the reference data the catalogue needs at run time from shared/data into data/catalog,
// each source in its own folder with its licence beside it. endoflife.date front matter and the
// CISA KEV catalogue are reduced to compact JSON; everything else is copied byte for byte.
//
//   node --import tsx scripts/build-catalog-data.ts [path/to/shared/data]
//
// The google-play-supported-devices list has no licence and is never copied.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(process.argv[2] ?? join(repo, '..', 'shared', 'data'));
const target = join(repo, 'data', 'catalog');

function copy(from: string, to: string): void {
  mkdirSync(dirname(join(target, to)), { recursive: true });
  copyFileSync(join(shared, from), join(target, to));
}

function writeJson(to: string, value: unknown): void {
  mkdirSync(dirname(join(target, to)), { recursive: true });
  writeFileSync(join(target, to), `${JSON.stringify(value)}\n`);
}

type Scalar = string | boolean;

/** Parses one scalar of the endoflife.date front matter: quoted string, boolean, date or bare word. */
function scalar(raw: string): Scalar {
  const text = raw.replace(/\s+#.*$/, '').trim();
  if (text === 'true' || text === 'false') return text === 'true';
  const quoted = /^"(.*)"$/.exec(text) ?? /^'(.*)'$/.exec(text);
  return quoted ? (quoted[1] ?? '') : text;
}

/**
 * Reads the `releases:` list of an endoflife.date product page. The pages use a small, regular
 * YAML subset there (a list of flat maps of scalars); anything else is reported, not guessed.
 */
function releases(file: string): Array<Record<string, Scalar>> {
  const lines = readFileSync(join(shared, 'endoflife-date', 'products', file), 'utf8').split('\n');
  const start = lines.indexOf('releases:');
  if (start < 0) throw new Error(`${file}: no releases list`);
  const out: Array<Record<string, Scalar>> = [];
  for (const [offset, line] of lines.slice(start + 1).entries()) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (!line.startsWith(' ')) break;
    const item = /^ {2}- (\w+):(.*)$/.exec(line);
    const field = /^ {4}(\w+):(.*)$/.exec(line);
    if (item) out.push({ [item[1] as string]: scalar(item[2] as string) });
    else if (field && out.length > 0) (out[out.length - 1] as Record<string, Scalar>)[field[1] as string] = scalar(field[2] as string);
    else throw new Error(`${file}:${start + offset + 2}: unexpected line in releases: ${line}`);
  }
  return out;
}

const EOL_PRODUCTS = ['ios', 'ipados', 'macos', 'android', 'windows', 'iphone', 'ipad'] as const;
// Only the fields osSupport reads; links and prose stay upstream.
const EOL_FIELDS = ['releaseCycle', 'releaseLabel', 'releaseDate', 'eoas', 'eol', 'latest', 'supportedIosVersions', 'supportedIpadOsVersions'];

function buildEndOfLife(): void {
  const products: Record<string, Array<Record<string, Scalar>>> = {};
  for (const name of EOL_PRODUCTS) {
    products[name] = releases(`${name}.md`).map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => EOL_FIELDS.includes(k))));
  }
  writeJson('endoflife-date/endoflife.json', { source: 'endoflife-date/endoflife.date@a70eca337600e7d721dc48112c271f98661d208b', products });
  copy('endoflife-date/products/LICENSE', 'endoflife-date/LICENSE');
}

interface KevEntry { cveID: string; vendorProject: string; product: string; dateAdded: string; shortDescription: string }

// Vendors whose entries can affect the platforms Cordon classifies (see src/catalog/kev-catalog.ts).
const KEV_VENDORS = new Set(['Apple', 'Android', 'Google', 'Samsung', 'Qualcomm', 'Arm', 'MediaTek', 'Microsoft', 'Linux']);

function buildKev(): void {
  const kev = JSON.parse(readFileSync(join(shared, 'cisa-kev', 'known_exploited_vulnerabilities.json'), 'utf8')) as {
    catalogVersion: string; dateReleased: string; vulnerabilities: KevEntry[];
  };
  const vulnerabilities = kev.vulnerabilities
    .filter((v) => KEV_VENDORS.has(v.vendorProject))
    .map(({ cveID, vendorProject, product, dateAdded, shortDescription }) => ({ cveID, vendorProject, product, dateAdded, shortDescription }));
  writeJson('cisa-kev/kev.json', { catalogVersion: kev.catalogVersion, dateReleased: kev.dateReleased, vulnerabilities });
  copy('cisa-kev/LICENSE', 'cisa-kev/LICENSE');
}

for (const file of ['ios-device-identifiers.json', 'mac-device-identifiers-unique.json', 'watchos-device-identifiers.json', 'LICENSE']) {
  copy(`apple-device-identifiers/${file}`, `apple-device-identifiers/${file}`);
}
copy('android-device-names/android-devices.csv', 'android-device-names/android-devices.csv');
copy('android-device-names/LICENSE.txt', 'android-device-names/LICENSE.txt');
buildEndOfLife();
buildKev();
console.log(`catalogue data written to ${target}`);

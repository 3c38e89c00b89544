/**
 * Brand of an Android device from its marketing name or model code. The Android catalogue
 * (Google Play's list as packaged by AndroidDeviceNames) dropped the brand column, so the brand
 * comes from the product-line names and model-code prefixes that each maker uses publicly.
 */

// First word of the marketing name → brand. Only unambiguous product lines are listed.
const NAME_PREFIXES: Array<[RegExp, string]> = [
  [/^galaxy\b/i, 'Samsung'],
  [/^samsung\b/i, 'Samsung'],
  [/^(pixel|nexus)\b/i, 'Google'],
  [/^(redmi|poco|xiaomi|mi)\b/i, 'Xiaomi'],
  [/^(huawei|mate|mediapad|matepad|nova|enjoy)\b/i, 'Huawei'],
  [/^honor\b/i, 'Honor'],
  [/^(xperia|sony)\b/i, 'Sony'],
  [/^(lg|optimus)\b/i, 'LG'],
  [/^(moto|motorola)\b/i, 'Motorola'],
  [/^(zenfone|zenpad|asus|rog)\b/i, 'ASUS'],
  [/^(oneplus)\b/i, 'OnePlus'],
  [/^(oppo|reno)\b/i, 'OPPO'],
  [/^realme\b/i, 'realme'],
  [/^vivo\b/, 'vivo'], // lower case: BLU sells a "Vivo" line
  [/^nokia\b/i, 'Nokia'],
  [/^(htc|desire)\b/i, 'HTC'],
  [/^lenovo\b/i, 'Lenovo'],
  [/^(zte|blade|axon|nubia)\b/i, 'ZTE'],
  [/^(alcatel)\b/i, 'Alcatel'],
  [/^tcl\b/i, 'TCL'],
  [/^aquos\b/i, 'Sharp'],
  [/^(tecno|camon|spark|pova)\b/i, 'TECNO'],
  [/^infinix\b/i, 'Infinix'],
  [/^itel\b/i, 'itel'],
  [/^hisense\b/i, 'Hisense'],
  [/^fairphone\b/i, 'Fairphone'],
  [/^(blackview)\b/i, 'Blackview'],
  [/^(ulefone)\b/i, 'Ulefone'],
  [/^(doogee)\b/i, 'DOOGEE'],
  [/^(archos)\b/i, 'Archos'],
  [/^(digma)\b/i, 'DIGMA'],
  [/^(bq)\b/i, 'BQ'],
];

// Model-code prefixes that only one maker uses.
const MODEL_PREFIXES: Array<[RegExp, string]> = [
  [/^(SM|GT|SCH|SGH|SHV)-/i, 'Samsung'],
  [/^XT\d{3,4}/i, 'Motorola'],
  [/^(LM|LG)-/i, 'LG'],
  [/^ASUS_/i, 'ASUS'],
  [/^(CPH|PE[A-Z]M|PF[A-Z]M)\d/i, 'OPPO'],
  [/^RMX\d/i, 'realme'],
  [/^Lenovo /i, 'Lenovo'],
];

/** The brand a marketing name or model code points to, or undefined when neither says. */
export function androidBrand(name: string, model: string): string | undefined {
  for (const [pattern, brand] of NAME_PREFIXES) if (pattern.test(name.trim())) return brand;
  for (const [pattern, brand] of MODEL_PREFIXES) if (pattern.test(model.trim())) return brand;
  return undefined;
}

/** The name without a leading brand word ("Samsung Galaxy S23" → "Galaxy S23"), for name lookups. */
export function withoutBrand(name: string, vendor?: string): string {
  const text = name.trim();
  const words = [vendor, 'samsung', 'google', 'xiaomi', 'huawei', 'motorola', 'sony', 'lenovo', 'asus', 'oppo', 'nokia', 'htc', 'zte', 'lg', 'honor']
    .filter((w): w is string => Boolean(w));
  for (const word of words) {
    const m = new RegExp(`^${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+`, 'i').exec(text);
    if (m) return text.slice(m[0].length);
  }
  return text;
}

/** True when the maker sells the named device under its own brand ("Huawei" matches a Huawei row). */
export function sameBrand(vendor: string | undefined, brand: string | undefined): boolean {
  return vendor !== undefined && brand !== undefined && vendor.trim().toLowerCase().startsWith(brand.toLowerCase());
}

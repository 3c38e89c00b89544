/** Reads the shipped reference data under data/catalog, once, on first use. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// src/catalog → repository root → data/catalog. Product code never reads ../shared/data.
const CATALOG_DIR = fileURLToPath(new URL('../../data/catalog/', import.meta.url));

/** Absolute path of a file under data/catalog. */
export function catalogPath(relative: string): string {
  return `${CATALOG_DIR}${relative}`;
}

/** Parses a JSON file under data/catalog. */
export function readCatalogJson<T>(relative: string): T {
  return JSON.parse(readFileSync(catalogPath(relative), 'utf8')) as T;
}

/** Reads a text file under data/catalog. */
export function readCatalogText(relative: string): string {
  return readFileSync(catalogPath(relative), 'utf8');
}

/** Wraps a builder so that it runs once, on the first call, and its result is reused. */
export function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}

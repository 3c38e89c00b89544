/**
 * A bounded map that keeps what was used recently: two generations of at most `capacity` entries each.
 * Reads hit the young one; a hit in the old one moves the entry back; when the young one is full it
 * becomes the old one and the previous old one is dropped. O(1), no reordering on ordinary hits —
 * the hot path of the decision point.
 */
export class TwoGenerationLru<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  /** Entries held (both generations). */
  get size(): number {
    return this.young.size + this.old.size;
  }

  get(key: K): V | undefined {
    const v = this.young.get(key);
    if (v !== undefined) return v;
    const aged = this.old.get(key);
    if (aged !== undefined) {
      this.old.delete(key);
      this.set(key, aged);
    }
    return aged;
  }

  set(key: K, value: V): void {
    if (this.young.size >= this.capacity && !this.young.has(key)) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  clear(): void {
    this.young = new Map();
    this.old = new Map();
  }
}

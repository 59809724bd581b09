interface Entry<V> {
  value: V;
  expiresAt: number;
  tags: string[];
}

/**
 * A bounded in-memory cache whose entries expire and can be dropped by tag (a key id, a tenant
 * id, a user id). `generation` moves on every tag drop, so a lookup that started before an
 * invalidation can refuse to store its (possibly stale) answer.
 */
export class TaggedTtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly byTag = new Map<string, Set<string>>();
  private invalidations = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get generation(): number {
    return this.invalidations;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Stores unless ttlMs <= 0 or an invalidation happened since `generation` was read. */
  set(key: string, value: V, ttlMs: number, tags: string[], generation = this.invalidations): boolean {
    if (ttlMs <= 0 || generation !== this.invalidations) return false;
    this.delete(key);
    // Map keeps insertion order: the first entry is the oldest write.
    while (this.entries.size >= this.maxEntries) this.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs, tags });
    for (const tag of tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    return true;
  }

  /** Drops every entry carrying `tag`; answers how many. */
  invalidate(tag: string): number {
    this.invalidations += 1;
    const keys = [...(this.byTag.get(tag) ?? [])];
    keys.forEach((key) => this.delete(key));
    return keys.length;
  }

  clear(): void {
    this.invalidations += 1;
    this.entries.clear();
    this.byTag.clear();
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    for (const tag of entry.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
  }
}

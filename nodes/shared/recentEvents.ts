/**
 * Remembers event keys for a while, to drop repeated deliveries of the same webhook event.
 *
 * The memory is this n8n process's own: with several processes (queue mode with webhook
 * processors, multi-main) a repeat that reaches a different process is not recognised, and a
 * restart forgets everything. Workflow static data is no better for this (it is written only after
 * an execution and is unreliable under frequent executions), so the limits are stated to the user.
 */
export class RecentKeys {
	private readonly seenAt = new Map<string, number>();

	constructor(
		private readonly maxKeys = 10_000,
		private readonly ttlMs = 24 * 60 * 60 * 1000,
		private readonly now: () => number = Date.now,
	) {}

	/** True when the key was seen within the TTL; otherwise remembers it and returns false. */
	seenBefore(key: string): boolean {
		const now = this.now();
		const at = this.seenAt.get(key);
		if (at !== undefined && now - at < this.ttlMs) return true;
		// Re-inserting moves the key to the end of the Map's order, so the oldest keys come first.
		this.seenAt.delete(key);
		this.seenAt.set(key, now);
		this.evict(now);
		return false;
	}

	/** Takes back a key remembered by seenBefore, e.g. when the event could not be handed on. */
	forget(key: string): void {
		this.seenAt.delete(key);
	}

	get size(): number {
		return this.seenAt.size;
	}

	private evict(now: number): void {
		for (const [key, at] of this.seenAt) {
			if (this.seenAt.size <= this.maxKeys && now - at < this.ttlMs) break;
			this.seenAt.delete(key);
		}
	}
}

const caches = new Map<string, RecentKeys>();

/** The process-wide cache of one trigger node in one workflow. */
export function recentKeysFor(scope: string): RecentKeys {
	let cache = caches.get(scope);
	if (!cache) {
		cache = new RecentKeys();
		caches.set(scope, cache);
	}
	return cache;
}

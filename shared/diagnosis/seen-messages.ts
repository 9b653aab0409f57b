// Retransmission detection for one session: has the same sender sent a message with the same
// header before? Most sessions send a handful of distinct messages, compared one by one with
// no string built per message; a session that sends many (a storm, a fuzzer) gets an index by
// the numeric part, so each message costs the same whatever came before. Bounded: past `max`
// distinct messages, new ones are not remembered.

/** Distinct messages compared one by one before an index is built. */
const LINEAR_LIMIT = 16;

/**
 * What makes a message the same message again: the numeric fields packed in one number, the
 * message ID and the responder SPI. Kept in three parallel lists (no object per message).
 */
export class SeenMessages {
  #packed: number[] = [];
  #messageIds: string[] = [];
  #rspis: string[] = [];
  /** Positions in the lists per packed value, once past LINEAR_LIMIT. */
  #index: Map<number, number[]> | undefined;

  constructor(private readonly max: number) {}

  /** True when this message was seen before; otherwise it is remembered (while under `max`). */
  seenBefore(packed: number, messageId: string, rspi: string): boolean {
    if (this.#index) {
      for (const i of this.#index.get(packed) ?? []) if (this.#same(i, messageId, rspi)) return true;
    } else {
      for (let i = 0; i < this.#packed.length; i++)
        if (this.#packed[i] === packed && this.#same(i, messageId, rspi)) return true;
    }
    const at = this.#packed.length;
    if (at >= this.max) return false;
    this.#packed.push(packed);
    this.#messageIds.push(messageId);
    this.#rspis.push(rspi);
    if (this.#index) this.#add(at);
    else if (at + 1 > LINEAR_LIMIT) {
      this.#index = new Map();
      for (let i = 0; i <= at; i++) this.#add(i);
    }
    return false;
  }

  /** Forgets every message in place (see releaseSession). */
  clear(): void {
    this.#packed.length = 0;
    this.#messageIds.length = 0;
    this.#rspis.length = 0;
    this.#index?.clear();
  }

  #same(i: number, messageId: string, rspi: string): boolean {
    return this.#messageIds[i] === messageId && this.#rspis[i] === rspi;
  }

  #add(i: number): void {
    const index = this.#index!;
    const bucket = index.get(this.#packed[i]);
    if (bucket) bucket.push(i);
    else index.set(this.#packed[i], [i]);
  }
}

// Retransmission detection for one session: has the same sender sent a message with the same
// header before? Most sessions send a handful of distinct messages, compared one by one with
// no string built per message; a session that sends many (a storm, a fuzzer) gets an index by
// the numeric part, so each message costs the same whatever came before. Bounded: past `max`
// distinct messages, new ones are not remembered.

/** What makes a message the same message again, the numeric fields packed in one number. */
interface Seen {
  packed: number;
  messageId: string;
  rspi: string;
}

/** Distinct messages compared one by one before an index is built. */
const LINEAR_LIMIT = 16;

export class SeenMessages {
  #list: Seen[] = [];
  #index: Map<number, Seen[]> | undefined;

  constructor(private readonly max: number) {}

  /** True when this message was seen before; otherwise it is remembered (while under `max`). */
  seenBefore(packed: number, messageId: string, rspi: string): boolean {
    const candidates = this.#index ? (this.#index.get(packed) ?? []) : this.#list;
    for (const m of candidates) if (m.packed === packed && m.messageId === messageId && m.rspi === rspi) return true;
    if (this.#list.length >= this.max) return false;
    const seen = { packed, messageId, rspi };
    this.#list.push(seen);
    if (this.#index) this.#add(seen);
    else if (this.#list.length > LINEAR_LIMIT) {
      this.#index = new Map();
      for (const m of this.#list) this.#add(m);
    }
    return false;
  }

  #add(m: Seen): void {
    const bucket = this.#index!.get(m.packed);
    if (bucket) bucket.push(m);
    else this.#index!.set(m.packed, [m]);
  }
}

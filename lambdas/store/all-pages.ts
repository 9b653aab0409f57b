// Follows a Query or Scan to its last page. DynamoDB returns at most 1 MB per call and a
// LastEvaluatedKey while more remain; every "read all of them" walk goes through here.
import type { DdbItem } from './attributes.js';

/** One call of the query/scan, continuing after `startKey` when given. */
export type PageRequest = (startKey: DdbItem | undefined) => Promise<{ Items?: DdbItem[]; LastEvaluatedKey?: DdbItem }>;

export async function* allPages(request: PageRequest): AsyncGenerator<DdbItem[]> {
  let startKey: DdbItem | undefined;
  do {
    const out = await request(startKey);
    yield out.Items ?? [];
    startKey = out.LastEvaluatedKey;
  } while (startKey);
}

/** Every item of every page. */
export async function allItems(request: PageRequest): Promise<DdbItem[]> {
  const items: DdbItem[] = [];
  for await (const page of allPages(request)) items.push(...page);
  return items;
}

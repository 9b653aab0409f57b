// Paging the way the Dashboard API does it: perPage within the operation's range, the next page
// named by startingAfter (the last item's id) in an RFC 5988 Link header (first, prev, next).

export class FakeBadRequest extends Error {}

export interface PageResult<T> {
  items: T[];
  link: string;
}

export function pageOf<T>(
  all: T[],
  idOf: (t: T) => string,
  url: URL,
  range: { min: number; max: number; default: number },
): PageResult<T> {
  const raw = url.searchParams.get('perPage');
  let perPage = range.default;
  if (raw !== null) {
    perPage = Number(raw);
    if (!Number.isInteger(perPage) || perPage < range.min || perPage > range.max) {
      throw new FakeBadRequest(`'perPage' must be an integer between ${range.min} and ${range.max}`);
    }
  }
  const after = url.searchParams.get('startingAfter');
  const before = url.searchParams.get('endingBefore');
  let start = 0;
  let end = all.length;
  if (after !== null) {
    const i = all.findIndex((t) => idOf(t) === after);
    start = i < 0 ? all.length : i + 1;
    end = Math.min(all.length, start + perPage);
  } else if (before !== null) {
    const i = all.findIndex((t) => idOf(t) === before);
    end = i < 0 ? 0 : i;
    start = Math.max(0, end - perPage);
  } else end = Math.min(all.length, perPage);
  const items = all.slice(start, end);
  const link = (param?: string, value?: string) => {
    const u = new URL(url);
    u.searchParams.delete('startingAfter');
    u.searchParams.delete('endingBefore');
    u.searchParams.set('perPage', String(perPage));
    if (param && value !== undefined) u.searchParams.set(param, value);
    return `<${u.toString()}>`;
  };
  const links = [`${link()}; rel=first`];
  if (start > 0 && items.length > 0) links.push(`${link('endingBefore', idOf(items[0]))}; rel=prev`);
  if (end < all.length && items.length > 0)
    links.push(`${link('startingAfter', idOf(items[items.length - 1]))}; rel=next`);
  return { items, link: links.join(', ') };
}

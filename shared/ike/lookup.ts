// Name lookup over the wire-number tables: an unknown value survives as its number (as text).

export type NameTable = Readonly<Record<number, string>>;

export function nameOf(table: NameTable, n: number): string {
  return Object.prototype.hasOwnProperty.call(table, n) ? table[n] : String(n);
}

// Two hosts as one text whichever sent first: the key of everything kept per host pair (IKE
// sessions, ESP's pairing, L2TP beside IKE, the clients' latest attempts).

export function hostPair(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

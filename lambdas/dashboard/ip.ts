// IPv4 / IPv6 address syntax, checked in the browser so a typo is said in the UI language
// before any request (the API checks again).

const V4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIpAddress(text: string): boolean {
  if (V4.test(text)) return true;
  if (!text.includes(':') || text.length > 45) return false;
  return isIpv6(text);
}

/** RFC 4291 §2.2 text forms: eight groups, one `::`, an optional trailing dotted IPv4. */
function isIpv6(text: string): boolean {
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  let count = 0;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    if (i === groups.length - 1 && V4.test(g)) count += 2;
    else if (/^[0-9a-fA-F]{1,4}$/.test(g)) count += 1;
    else return false;
  }
  return halves.length === 2 ? count < 8 : count === 8;
}

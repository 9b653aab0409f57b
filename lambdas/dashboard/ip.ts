// IPv4 / IPv6 address syntax, checked in the browser so a typo is said in the UI language
// before any request (the API checks again).

const V4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIpAddress(text: string): boolean {
  if (V4.test(text)) return true;
  if (!text.includes(':') || text.length > 45) return false;
  try {
    // The URL parser knows IPv6 (and its embedded IPv4 forms); anything else throws.
    new URL(`http://[${text}]/`);
    return true;
  } catch {
    return false;
  }
}

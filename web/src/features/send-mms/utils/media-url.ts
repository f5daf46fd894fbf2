// Checks a media URL before it is sent: Plivo must be able to fetch it from the internet, so only
// public http(s) URLs are accepted. Mirrors the server's is_private_or_local_host.
import { maxMediaUrlLength } from '@/features/send-mms/utils/limits';

function isPrivateIpv4(parts: number[]): boolean {
  const [a = 0, b = 0] = parts;
  return (
    a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || a >= 224
  );
}

function parseIpv4(host: string): number[] | null {
  const parts = host.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part))) return null;
  const numbers = parts.map(Number);
  return numbers.every((value) => value <= 255) ? numbers : null;
}

// Expands an IPv6 literal to 8 16-bit groups. URL.hostname has already canonicalised it, which
// also rewrites an embedded IPv4 tail ("::ffff:127.0.0.1") as hex groups.
function parseIpv6(literal: string): number[] | null {
  const halves = literal.split('::');
  if (halves.length > 2) return null;
  const readGroups = (part: string | undefined) => (part ? part.split(':') : []);
  const head = readGroups(halves[0]);
  const rest = readGroups(halves[1]);
  if (![...head, ...rest].every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return null;
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  return [
    ...head.map((group) => Number.parseInt(group, 16)),
    ...new Array<number>(halves.length === 2 ? missing : 0).fill(0),
    ...rest.map((group) => Number.parseInt(group, 16)),
  ];
}

function isPrivateIpv6(groups: number[]): boolean {
  const [first = 0] = groups;
  const allZeroUntilLast = groups.slice(0, 7).every((group) => group === 0);
  if (allZeroUntilLast && (groups[7] === 0 || groups[7] === 1)) return true;
  const v4Mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (v4Mapped) {
    const high = groups[6] ?? 0;
    const low = groups[7] ?? 0;
    return isPrivateIpv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  }
  const uniqueLocal = (first & 0xfe00) === 0xfc00;
  const linkLocal = (first & 0xffc0) === 0xfe80;
  const multicast = (first & 0xff00) === 0xff00;
  return uniqueLocal || linkLocal || multicast;
}

// `host` as URL.hostname gives it: lower case, IPv4 normalised ("127.1" -> "127.0.0.1"), IPv6 in brackets.
export function isPrivateOrLocalHost(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  if (name.startsWith('[') && name.endsWith(']')) {
    const groups = parseIpv6(name.slice(1, -1));
    return groups === null || isPrivateIpv6(groups);
  }
  if (name === 'localhost' || name.endsWith('.localhost') || name.endsWith('.local') || name.endsWith('.internal')) return true;
  if (!name.includes('.')) return true;
  const ipv4 = parseIpv4(name);
  if (ipv4) return isPrivateIpv4(ipv4);
  // Digits and dots that are not a plain address are read as one by some resolvers.
  return /^[\dx.]+$/.test(name);
}

// Returns the problem with the URL, or undefined when it can be sent.
export function checkMediaUrl(input: string): string | undefined {
  const value = input.trim();
  if (value === '') return 'Enter the URL of an image.';
  if (value.length > maxMediaUrlLength) return `The URL is too long (at most ${maxMediaUrlLength.toLocaleString('en-US')} characters).`;
  if (/\s/.test(value)) return 'A URL cannot contain spaces.';
  if (!/^https?:\/\//i.test(value)) return 'The URL must start with https:// or http://.';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'This is not a valid URL.';
  }
  if (url.hostname === '') return 'This is not a valid URL.';
  if (url.username !== '' || url.password !== '') return 'The URL must not contain a user name or password.';
  if (isPrivateOrLocalHost(url.hostname)) return 'Plivo cannot fetch media from local or private addresses. Use a public URL.';
  return undefined;
}

import { describe, expect, it } from 'vitest';
import { checkMediaUrl, isPrivateOrLocalHost } from '@/features/send-mms/utils/media-url';

describe('checkMediaUrl', () => {
  it.each([
    'https://media.giphy.com/media/26gscSULUcfKU7dHq/source.gif',
    'http://example.com/a.png',
    'https://cdn.example.com:8443/images/cat.jpg?size=large#top',
    'https://[2001:db8::1]/x.png',
  ])('accepts the public URL %s', (url) => {
    expect(checkMediaUrl(url)).toBeUndefined();
  });

  it.each([
    ['', 'Enter the URL of an image.'],
    ['ftp://example.com/a.png', 'The URL must start with https:// or http://.'],
    ['example.com/a.png', 'The URL must start with https:// or http://.'],
    ['javascript:alert(1)', 'The URL must start with https:// or http://.'],
    ['https://exa mple.com/a.png', 'A URL cannot contain spaces.'],
    ['https://user:secret@example.com/a.png', 'The URL must not contain a user name or password.'],
    ['https://', 'This is not a valid URL.'],
  ])('rejects %j', (url, message) => {
    expect(checkMediaUrl(url)).toBe(message);
  });

  it('rejects URLs longer than 2,048 characters', () => {
    const url = `https://example.com/${'a'.repeat(2048 - 'https://example.com/'.length + 1)}`;
    expect(url).toHaveLength(2049);
    expect(checkMediaUrl(url)).toMatch(/too long/);
    expect(checkMediaUrl(url.slice(0, 2048))).toBeUndefined();
  });

  it.each([
    'http://localhost/a.png',
    'http://LOCALHOST:8080/a.png',
    'http://app.localhost/a.png',
    'http://printer.local/a.png',
    'http://metadata.google.internal/a.png',
    'http://intranet/a.png',
    'http://127.0.0.1/a.png',
    'http://127.1/a.png',
    'http://0x7f.1/a.png',
    'http://2130706433/a.png',
    'http://10.1.2.3/a.png',
    'http://172.16.0.1/a.png',
    'http://172.31.255.255/a.png',
    'http://192.168.1.10/a.png',
    'http://169.254.169.254/latest/meta-data',
    'http://100.64.0.1/a.png',
    'http://0.0.0.0/a.png',
    'http://[::1]/a.png',
    'http://[::]/a.png',
    'http://[fd00::1]/a.png',
    'http://[fe80::1]/a.png',
    'http://[::ffff:127.0.0.1]/a.png',
    'http://[::ffff:10.0.0.1]/a.png',
  ])('rejects the local or private %s', (url) => {
    expect(checkMediaUrl(url)).toBe('Plivo cannot fetch media from local or private addresses. Use a public URL.');
  });

  it.each(['http://172.32.0.1/a.png', 'http://8.8.8.8/a.png', 'http://[::ffff:8.8.8.8]/a.png'])('accepts the public address %s', (url) => {
    expect(checkMediaUrl(url)).toBeUndefined();
  });
});

describe('isPrivateOrLocalHost', () => {
  it('treats a trailing dot like the name without it', () => {
    expect(isPrivateOrLocalHost('localhost.')).toBe(true);
    expect(isPrivateOrLocalHost('example.com.')).toBe(false);
  });
});

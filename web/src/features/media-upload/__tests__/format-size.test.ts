import { describe, expect, it } from 'vitest';
import { fittedSizeText, formatBytes } from '@/features/media-upload/utils/format-size';
import { parsePreflight, parseSentMedia, parseUploadedMedia } from '@/features/media-upload/utils/parse-media';
import { checkFiles, totalSizeProblem } from '@/features/media-upload/utils/upload-checks';
import { imageFile, uploadAnswer } from '@/features/media-upload/__tests__/fixtures';

describe('sizes', () => {
  it('says what fitting did in decimal units', () => {
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(614_400)).toBe('600 KB');
    expect(formatBytes(4_089_446)).toBe('3.9 MB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MB');
    expect(formatBytes(25 * 1024 * 1024)).toBe('25 MB');
    expect(fittedSizeText(parseUploadedMedia(uploadAnswer('u1')))).toBe('3.9 MB → 580 KB, resized to 1200×1600');
    expect(fittedSizeText(parseUploadedMedia(uploadAnswer('u2', { fitted: false, bytes: 204_800, width: 640, height: 480 })))).toBe(
      '200 KB, 640×480, sent as it is',
    );
  });
});

describe('parsing', () => {
  it('reads uploads in either spelling and shows only same-origin media URLs', () => {
    const media = parseUploadedMedia(uploadAnswer('u1', { url: 'https://evil.example/x.jpg' }));
    expect(media).toMatchObject({ id: 'u1', contentType: 'image/jpeg', originalBytes: 4_089_446, url: '/api/media/u1' });
    expect(parseUploadedMedia({ id: 'u2', contentType: 'image/png', originalBytes: 5 })).toMatchObject({ contentType: 'image/png', originalBytes: 5 });
  });

  it('reads a preflight verdict, treating an unknown one as refused', () => {
    expect(parsePreflight({ verdict: 'too_large', content_length: 4_000_000, content_type: 'image/jpeg', image: true, status: 200, reason: 'x' })).toEqual({
      verdict: 'too_large', reason: 'x', status: 200, contentType: 'image/jpeg', contentLength: 4_000_000, image: true,
    });
    expect(parsePreflight({ verdict: 'maybe' }).verdict).toBe('refused');
  });

  it('keeps the stored media of a message only', () => {
    expect(parseSentMedia([{ id: 'a', url: '/api/media/a', content_type: 'image/jpeg', bytes: 10 }, { id: 'b', state: 'pending' }, { id: '' }])).toEqual([
      { id: 'a', url: '/api/media/a', contentType: 'image/jpeg', bytes: 10, width: null, height: null },
    ]);
    expect(parseSentMedia(undefined)).toEqual([]);
  });
});

describe('checks before uploading', () => {
  it('refuses other types, empty and huge files, and files past the message limit, naming each', () => {
    const files = [imageFile('a.jpg', 10), imageFile('b.svg', 10, 'image/svg+xml'), imageFile('c.png', 0, 'image/png'), imageFile('d.jpg', 30 * 1024 * 1024), imageFile('e.gif', 5, 'image/gif')];
    const { accepted, refusals } = checkFiles(files, 1);
    expect(accepted.map((file) => file.name)).toEqual(['a.jpg']);
    expect(refusals).toEqual([
      '“b.svg” was not added: only JPEG, PNG and GIF pictures can be sent (this is image/svg+xml).',
      '“c.png” was not added: the file is empty.',
      '“d.jpg” was not added: it is 30 MB, the limit is 20 MB per file.',
      '“e.gif” was not added: a message carries at most 10 pictures and links together.',
    ]);
  });

  it('refuses a total over the per-message limit after fitting', () => {
    const big = parseUploadedMedia(uploadAnswer('u1', { bytes: 2.6 * 1024 * 1024 }));
    expect(totalSizeProblem([big])).toBeUndefined();
    expect(totalSizeProblem([big, big])).toBe('The attached pictures are 5.2 MB together; a message can carry at most 5 MB. Remove a picture to send.');
  });
});

import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { parseThreadMessage } from '@/features/conversations/utils/parse-conversation';
import { parseMessage } from '@/features/history/utils/parse-message';
import { MediaThumbnails } from '@/features/media-upload/components/media-thumbnails';

const media = [{ id: 'up_1', url: '/api/media/up_1', content_type: 'image/jpeg', bytes: 593_920, width: 1200, height: 1600 }];

describe('thumbnails of sent media', () => {
  it('are lazy images with alt text, each opening the full size in a new tab', () => {
    render(<MediaThumbnails media={parseMessage({ id: 'm1', media }).media} label="Sent pictures" />);
    const list = screen.getByRole('list', { name: 'Sent pictures' });
    const image = within(list).getByRole('img', { name: 'Sent pictures: picture 1, 580 KB' });
    expect(image).toHaveAttribute('loading', 'lazy');
    expect(image).toHaveAttribute('src', '/api/media/up_1');
    const link = within(list).getByRole('link');
    expect(link).toHaveAttribute('href', '/api/media/up_1');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  });

  it('come from history and from a thread’s sent messages, not the internal media links', () => {
    const message = parseMessage({ id: 'm1', media, mediaUrls: ['plivo-media:abc', 'https://example.com/a.jpg'] });
    expect(message.mediaUrls).toEqual(['https://example.com/a.jpg']);
    expect(message.media).toHaveLength(1);
    expect(parseThreadMessage({ id: 't1', direction: 'out', media }).sentMedia).toHaveLength(1);
    expect(parseThreadMessage({ id: 't2', direction: 'in', media: [{ id: 'r1', state: 'stored', contentType: 'image/png' }] }).sentMedia).toEqual([]);
  });

  it('show nothing without media', () => {
    const { container } = render(<MediaThumbnails media={[]} label="Sent pictures" />);
    expect(container).toBeEmptyDOMElement();
  });
});

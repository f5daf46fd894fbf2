import { screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { ReplyComposer } from '@/features/conversations/components/reply-composer';
import { parseConversation } from '@/features/conversations/utils/parse-conversation';
import { imageFile, uploadAnswer } from '@/features/media-upload/__tests__/fixtures';
import { createSubmissionGuard } from '@/features/send-mms/utils/submission-guard';
import { installFakeFetch, jsonResponse } from '@/testing/fake-fetch';
import { installFakeXhr, type FakeUpload } from '@/testing/fake-xhr';
import { conversationJson } from '@/testing/fixtures';
import { renderWithRouter } from '@/testing/render';

let uploads: FakeUpload[] = [];
beforeEach(() => {
  uploads = installFakeXhr();
});

describe('pictures in the reply box', { timeout: 20_000 }, () => {
  it('uploads a picture and sends the reply as an MMS with its upload id', async () => {
    const { requests } = installFakeFetch({ 'POST /api/messages': () => jsonResponse(200, { success: true, id: 'm9', status: 'queued' }) });
    const conversation = parseConversation(conversationJson('c1'));
    const { user } = renderWithRouter(<ReplyComposer conversation={conversation} owner="ada@example.com" onSent={() => {}} createGuard={createSubmissionGuard} />);
    await user.type(screen.getByLabelText('Reply to +14155550123'), 'Here is the menu');
    await user.click(screen.getByRole('button', { name: 'Add a picture' }));
    await user.upload(screen.getByTestId('media-file-input'), imageFile('menu.jpg', 2 * 1024 * 1024));
    uploads[0]!.respond(201, uploadAnswer('up_7', { filename: 'menu.jpg', original_bytes: 2 * 1024 * 1024 }));
    expect(await screen.findByText('2 MB → 580 KB, resized to 1200×1600')).toBeInTheDocument();
    expect(screen.getByText('MMS · 16 / 1,600 characters')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Send MMS' }));
    expect(await screen.findByTestId('reply-result')).toHaveTextContent('Sent as MMS.');
    const sent = requests.filter((request) => request.url.pathname === '/api/messages');
    expect(JSON.parse(sent[0]!.body)).toEqual({ from: '+14155550100', to: '+14155550123', text: 'Here is the menu', mediaUrls: [], upload_ids: ['up_7'], origin: 'reply', type: 'mms' });
    expect(screen.queryByTestId('upload-item')).not.toBeInTheDocument();
  });
});

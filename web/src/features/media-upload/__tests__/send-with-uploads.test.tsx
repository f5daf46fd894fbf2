import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { imageFile, uploadAnswer } from '@/features/media-upload/__tests__/fixtures';
import { SendMmsForm } from '@/features/send-mms/components/send-mms-form';
import { loadPhoneLibrary } from '@/features/send-mms/utils/phone-number';
import { installFakeFetch, jsonResponse, requestsTo, type FakeHandler } from '@/testing/fake-fetch';
import { installFakeXhr, type FakeUpload } from '@/testing/fake-xhr';
import { renderWithRouter } from '@/testing/render';

const sentBody = { success: true, message: 'MMS sent successfully!', id: 'msg_1', sandbox: true, recipients: [{ to: '+14155550100', id: 'msg_1', state: 'queued' }], invalidNumbers: [] };

let uploads: FakeUpload[] = [];

beforeAll(async () => {
  await loadPhoneLibrary();
});

beforeEach(() => {
  uploads = installFakeXhr();
});

function renderForm(routes: Record<string, FakeHandler> = {}) {
  const fake = installFakeFetch({ 'POST /api/send-mms': () => jsonResponse(200, sentBody), ...routes });
  const view = renderWithRouter(<SendMmsForm owner="ann@example.com" />, { path: '/send-mms' });
  return { ...view, fake, sends: requestsTo(fake.requests, '/api/send-mms') };
}

async function fillText(user: ReturnType<typeof renderWithRouter>['user']) {
  await user.type(screen.getByLabelText('Recipient'), '4155550100');
  await user.type(screen.getByLabelText('Message'), 'Hello with a photo');
}

// Typing and uploading in jsdom is slow on a busy machine.
describe('uploading pictures on the send page', { timeout: 20_000 }, () => {
  it('uploads each file on its own request with a progress bar, shows the fitted size, and sends the upload ids', async () => {
    const { user, sends } = renderForm();
    await fillText(user);
    await user.upload(screen.getByTestId('media-file-input'), [imageFile('photo.jpg', 4_089_446), imageFile('cat.gif', 92_160, 'image/gif')]);

    expect(uploads).toHaveLength(2);
    const [first, second] = uploads as [FakeUpload, FakeUpload];
    expect(first.method).toBe('POST');
    expect(first.url).toBe('/api/uploads');
    expect(first.file()?.name).toBe('photo.jpg');
    expect(second.file()?.name).toBe('cat.gif');
    expect(screen.getByRole('img', { name: 'Preview of photo.jpg' })).toHaveAttribute('src', 'blob:photo.jpg');

    first.progress(2_044_723, 4_089_446);
    // The bar is there from the start; wait for the progress event's render, not the bar.
    expect(await screen.findByText('Uploading… 50 %')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Uploading photo.jpg' })).toHaveAttribute('value', '50');

    await user.click(screen.getByRole('button', { name: 'Send MMS' }));
    expect(await screen.findByText('Wait until the pictures have finished uploading.')).toBeInTheDocument();
    expect(sends).toHaveLength(0);

    first.respond(201, uploadAnswer('up_1'));
    second.respond(201, uploadAnswer('up_2', { filename: 'cat.gif', content_type: 'image/gif', original_bytes: 92_160, bytes: 92_160, fitted: false, animated: true, width: 320, height: 240, warnings: ['The animation was kept.'] }));
    expect(await screen.findByText('3.9 MB → 580 KB, resized to 1200×1600')).toBeInTheDocument();
    expect(screen.getByText('90 KB, 320×240, sent as it is')).toBeInTheDocument();
    expect(screen.getByText('The animation was kept.')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Preview of photo.jpg' })).toHaveAttribute('src', '/api/media/up_1');
    expect(screen.queryByText('Wait until the pictures have finished uploading.')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Send MMS' }));
    await screen.findByText('Message sent.', {}, { timeout: 5000 });
    expect(JSON.parse(sends[0]!.body)).toMatchObject({ to: '+14155550100', text: 'Hello with a photo', upload_ids: ['up_1', 'up_2'] });
    expect(screen.queryByTestId('upload-item')).not.toBeInTheDocument();
  });

  it('shows a refused upload next to the file and keeps everything typed', async () => {
    const { user, sends } = renderForm();
    await fillText(user);
    await user.upload(screen.getByTestId('media-file-input'), imageFile('report.jpg', 40_000));
    uploads[0]!.respond(415, { error: 'This file is a PDF, not a JPEG, PNG or GIF image.', field: 'file' });

    expect(await screen.findByText('Not attached: This file is a PDF, not a JPEG, PNG or GIF image.')).toBeInTheDocument();
    expect(screen.getByLabelText('Message')).toHaveValue('Hello with a photo');
    expect(screen.getByLabelText('Recipient')).toHaveValue('(415) 555-0100');
    await user.click(screen.getByRole('button', { name: 'Send MMS' }));
    expect(await screen.findByText('A picture could not be uploaded: remove it (or add it again) before sending.')).toBeInTheDocument();
    expect(sends).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Remove report.jpg' }));
    expect(screen.queryByTestId('upload-item')).not.toBeInTheDocument();
    expect(screen.queryByText(/A picture could not be uploaded/)).not.toBeInTheDocument();
    expect(screen.getByLabelText('Message')).toHaveValue('Hello with a photo');
  });

  it('refuses an SVG dropped on the zone and an 11th file, with a sentence naming each', async () => {
    renderForm();
    const zone = screen.getByRole('button', { name: /Add pictures from this device/ });
    fireEvent.drop(zone, { dataTransfer: { files: [imageFile('logo.svg', 300, 'image/svg+xml')], types: ['Files'] } });
    expect(await screen.findByText('“logo.svg” was not added: only JPEG, PNG and GIF pictures can be sent (this is image/svg+xml).')).toBeInTheDocument();
    expect(uploads).toHaveLength(0);

    const eleven = Array.from({ length: 11 }, (_, index) => imageFile(`p${index + 1}.jpg`, 1000));
    fireEvent.drop(zone, { dataTransfer: { files: eleven, types: ['Files'] } });
    expect(await screen.findByText('“p11.jpg” was not added: a message carries at most 10 pictures and links together.')).toBeInTheDocument();
    expect(uploads).toHaveLength(10);
    expect(screen.getByRole('button', { name: /10 pictures attached: the most a message can carry/ })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Add media URL' })).toBeDisabled();
  });

  it('uploads a pasted picture and leaves pasted text alone', async () => {
    const { user } = renderForm();
    await fillText(user);
    const message = screen.getByLabelText('Message');
    fireEvent.paste(message, { clipboardData: { files: [imageFile('image.png', 2000, 'image/png')], types: ['Files'] } });
    expect(uploads).toHaveLength(1);
    expect(uploads[0]!.file()?.name).toBe('image.png');
    expect(message).toHaveValue('Hello with a photo');
  });

  it('keeps finished uploads in the draft', async () => {
    const { user, unmount } = renderForm();
    await fillText(user);
    await user.upload(screen.getByTestId('media-file-input'), imageFile('photo.jpg', 4_089_446));
    uploads[0]!.respond(201, uploadAnswer('up_1'));
    await screen.findByText('3.9 MB → 580 KB, resized to 1200×1600');
    unmount();
    renderForm();
    expect(screen.getByText('Your unsent draft was restored.')).toBeInTheDocument();
    expect(screen.getByText('3.9 MB → 580 KB, resized to 1200×1600')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Preview of photo.jpg' })).toHaveAttribute('src', '/api/media/up_1');
  });
});

describe('checking a media link', { timeout: 20_000 }, () => {
  it('shows the verdict and turns a too-large image link into a fitted upload', async () => {
    const { user, fake } = renderForm({
      'POST /api/media/preflight': () =>
        jsonResponse(200, {
          verdict: 'too_large',
          reason: 'The file is 4096 KB, over the 600 KB carriers deliver reliably; fetch, fit and attach it instead',
          status: 200,
          content_type: 'image/jpeg',
          content_length: 4 * 1024 * 1024,
          image: true,
        }),
      'POST /api/uploads/from-url': () => jsonResponse(201, uploadAnswer('up_9', { filename: 'big.jpg', original_bytes: 4 * 1024 * 1024 })),
    });
    await user.type(screen.getByLabelText('Media URL'), 'https://images.example.com/big.jpg');
    const verdict = await screen.findByTestId('link-verdict', {}, { timeout: 3000 });
    expect(verdict).toHaveTextContent('The file is 4096 KB, over the 600 KB carriers deliver reliably; fetch, fit and attach it instead.');
    expect(JSON.parse(requestsTo(fake.requests, '/api/media/preflight')[0]!.body)).toEqual({ url: 'https://images.example.com/big.jpg' });

    await user.click(within(verdict).getByRole('button', { name: 'Fetch, fit and attach' }));
    expect(await screen.findByText('4 MB → 580 KB, resized to 1200×1600')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText('Media URL')).toHaveValue(''));
    expect(JSON.parse(requestsTo(fake.requests, '/api/uploads/from-url')[0]!.body)).toEqual({ url: 'https://images.example.com/big.jpg' });
  });

  it('says why a link would be refused', async () => {
    const { user } = renderForm({
      'POST /api/media/preflight': () => jsonResponse(200, { verdict: 'refused', reason: 'The server sends no Content-Length; Plivo refuses such media', status: 200, content_type: null, content_length: null, image: false }),
    });
    await user.type(screen.getByLabelText('Media URL'), 'https://images.example.com/stream.jpg');
    const verdict = await screen.findByTestId('link-verdict', {}, { timeout: 3000 });
    expect(verdict).toHaveTextContent('This link cannot be sent. The server sends no Content-Length; Plivo refuses such media.');
    expect(within(verdict).queryByRole('button')).not.toBeInTheDocument();
  });
});

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { SendMmsForm } from '@/features/send-mms/components/send-mms-form';
import { loadPhoneLibrary } from '@/features/send-mms/utils/phone-number';
import { installFakeFetch, jsonResponse, requestsTo, type FakeHandler, type RecordedRequest } from '@/testing/fake-fetch';
import { renderWithRouter } from '@/testing/render';

const sentBody = {
  success: true,
  message: 'MMS sent successfully!',
  id: 'msg_1',
  sandbox: true,
  plivoResponse: { message: 'message(s) queued', messageUuid: ['0936ec98-7c4c-11e4-9bd8-22000afa12b9'], apiId: 'api-1' },
  recipients: [{ to: '+14155550100', id: 'msg_1', state: 'queued', messageUuid: '0936ec98-7c4c-11e4-9bd8-22000afa12b9' }],
  invalidNumbers: [],
};

// `requests`: the sends only (the form also asks whether a typed number opted out).
function renderForm(sendHandler: FakeHandler) {
  const sends: RecordedRequest[] = [];
  const fake = installFakeFetch({
    'POST /api/send-mms': (request) => {
      sends.push(request);
      return sendHandler(request);
    },
    'GET /api/suppressions/check': () => jsonResponse(200, { suppressed: false }),
  });
  const view = renderWithRouter(<SendMmsForm />, { path: '/send-mms' });
  // Only the sends: a media link's preflight check may happen while the form is filled in.
  return { ...view, ...fake, requests: requestsTo(fake.requests, '/api/send-mms') };
}

async function fillValidForm(user: ReturnType<typeof renderWithRouter>['user']) {
  await user.type(screen.getByLabelText('Recipient'), '4155550100');
  await user.type(screen.getByLabelText('Message'), 'Hello from mmsgate');
  await user.type(screen.getByLabelText('Media URL'), 'https://media.example.com/cat.gif');
}

function describedByTexts(element: HTMLElement): string[] {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? '');
}

describe('SendMmsForm', () => {
  // The page loads the number library right after it shows; most tests start once it is there.
  beforeAll(() => loadPhoneLibrary());

  it('formats the recipient and shows the E.164 number it will send to', async () => {
    const { user } = renderForm(() => jsonResponse(200, sentBody));
    await user.type(screen.getByLabelText('Recipient'), '4155550100');
    expect(screen.getByLabelText('Recipient')).toHaveValue('(415) 555-0100');
    expect(screen.getByText('+14155550100')).toBeInTheDocument();
    expect(describedByTexts(screen.getByLabelText('Recipient'))).toContain('Will send to +14155550100');
  });

  it('shows client-side errors next to each field and sends nothing', async () => {
    const { user, requests } = renderForm(() => jsonResponse(200, sentBody));
    await user.type(screen.getByLabelText('Recipient'), '+44 20 7946 0958');
    await user.type(screen.getByLabelText('Media URL'), 'http://192.168.1.10/cat.gif');
    await user.click(screen.getByRole('button', { name: 'Send MMS' }));

    expect(describedByTexts(screen.getByLabelText('Recipient'))).toContain('MMS can only be sent to US and Canadian numbers.');
    expect(describedByTexts(screen.getByLabelText('Message'))).toContain('Enter a message.');
    expect(describedByTexts(screen.getByLabelText('Media URL'))).toContain(
      'Plivo cannot fetch media from local or private addresses. Use a public URL.',
    );
    expect(screen.getByLabelText('Recipient')).toHaveFocus();
    expect(requests).toHaveLength(0);
  });

  it('counts characters live against 1,600', async () => {
    renderForm(() => jsonResponse(200, sentBody));
    expect(screen.getByText('0 / 1,600 characters')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'x'.repeat(1601) } });
    expect(screen.getByText('1,601 / 1,600 characters')).toBeInTheDocument();
    expect(describedByTexts(screen.getByLabelText('Message'))).toContain('The message is 1 character too long.');
  });

  it('puts a server field error next to the field it concerns', async () => {
    const { user } = renderForm(() =>
      jsonResponse(400, { success: false, error: 'The message contains characters Plivo cannot send.', field: 'text' }),
    );
    await fillValidForm(user);
    await user.click(screen.getByRole('button', { name: 'Send MMS' }));

    const message = screen.getByLabelText('Message');
    await waitFor(() => expect(message).toHaveAttribute('aria-invalid', 'true'));
    expect(describedByTexts(message)).toContain('The message contains characters Plivo cannot send.');
    expect(describedByTexts(screen.getByLabelText('Recipient'))).not.toContain('The message contains characters Plivo cannot send.');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('sends once with one Idempotency-Key when Send is clicked twice', async () => {
    let answer: (response: Response) => void = () => {};
    const { user, requests } = renderForm(() => new Promise<Response>((resolve) => (answer = resolve)));
    await fillValidForm(user);
    const button = screen.getByRole('button', { name: 'Send MMS' });
    await user.dblClick(button);
    fireEvent.submit(button.closest('form') as HTMLFormElement);

    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(request?.body ?? '')).toEqual({
      to: '+14155550100',
      text: 'Hello from mmsgate',
      mediaUrls: ['https://media.example.com/cat.gif'],
      mediaIds: [],
    });
    expect(screen.getByRole('button', { name: 'Sending…' })).toBeDisabled();

    answer(jsonResponse(200, sentBody));
    const status = await screen.findByText('Message sent.');
    const result = status.closest('[role="status"]') as HTMLElement;
    expect(within(result).queryByText(/0936ec98/)).not.toBeInTheDocument();
    expect(within(result).getByRole('link', { name: 'View message to +14155550100' })).toHaveAttribute('href', '/messages/msg_1');
  });

  it('brings the result into focus and empties the form for the next message', async () => {
    const { user } = renderForm(() => jsonResponse(200, sentBody));
    await fillValidForm(user);
    await user.click(screen.getByRole('button', { name: 'Send MMS' }));
    const result = await screen.findByTestId('send-result');
    await waitFor(() => expect(result).toHaveFocus());
    expect(screen.getByLabelText('Recipient')).toHaveValue('');
    expect(screen.getByLabelText('Message')).toHaveValue('');
    expect(screen.getByLabelText('Media URL')).toHaveValue('');
    expect(window.localStorage.length).toBeGreaterThan(0); // the recent send, not a draft
    expect(Object.keys(window.localStorage).some((key) => key.includes('send-draft'))).toBe(false);
  });

  it('asks before sending the same content to the same recipients again', async () => {
    const { user, requests } = renderForm(() => jsonResponse(200, sentBody));
    await fillValidForm(user);
    await user.click(screen.getByRole('button', { name: 'Send MMS' }));
    await screen.findByText('Message sent.');
    await user.click(screen.getByRole('button', { name: 'Send the same again…' }));
    expect(screen.getByLabelText('Recipient')).toHaveValue('+14155550100');
    expect(screen.getByLabelText('Message')).toHaveValue('Hello from mmsgate');
    await user.click(screen.getByRole('button', { name: 'Send MMS' }));

    const question = await screen.findByRole('alertdialog', { name: 'Send the same message again?' });
    expect(question).toHaveTextContent('You sent this message to +14155550100 less than a minute ago.');
    expect(requests).toHaveLength(1);
    await user.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(requests).toHaveLength(1);
    expect(screen.getByLabelText('Message')).toHaveValue('Hello from mmsgate');

    await user.click(screen.getByRole('button', { name: 'Send MMS' }));
    await user.click(await screen.findByRole('button', { name: 'Yes, send it again' }));
    await waitFor(() => expect(requests).toHaveLength(2));
    expect(requests[1]?.headers.get('Idempotency-Key')).not.toBe(requests[0]?.headers.get('Idempotency-Key'));
  });

  it('keeps the draft per user and restores it on the next visit', async () => {
    installFakeFetch({ 'POST /api/send-mms': () => jsonResponse(200, sentBody) });
    const first = renderWithRouter(<SendMmsForm owner="ann@example.com" />, { path: '/send-mms' });
    await fillValidForm(first.user);
    first.unmount();

    const other = renderWithRouter(<SendMmsForm owner="bob@example.com" />, { path: '/send-mms' });
    expect(screen.getByLabelText('Message')).toHaveValue('');
    other.unmount();

    const again = renderWithRouter(<SendMmsForm owner="ann@example.com" />, { path: '/send-mms' });
    expect(screen.getByText('Your unsent draft was restored.')).toBeInTheDocument();
    expect(screen.getByLabelText('Recipient')).toHaveValue('(415) 555-0100');
    expect(screen.getByLabelText('Message')).toHaveValue('Hello from mmsgate');
    expect(screen.getByLabelText('Media URL')).toHaveValue('https://media.example.com/cat.gif');
    await again.user.click(screen.getByRole('button', { name: 'Clear form' }));
    again.unmount();

    renderWithRouter(<SendMmsForm owner="ann@example.com" />, { path: '/send-mms' });
    expect(screen.getByLabelText('Message')).toHaveValue('');
  });

  it("shows Plivo's refusal (502) as a form error", async () => {
    const { user } = renderForm(() => jsonResponse(502, { success: false, error: 'Insufficient credit' }));
    await fillValidForm(user);
    await user.click(screen.getByRole('button', { name: 'Send MMS' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Plivo refused the message: Insufficient credit Nothing was sent: edit the message and send again.',
    );
    expect(screen.getByLabelText('Message')).toHaveValue('Hello from mmsgate');
  });

  it('offers to try again when nothing was stored (503, stored: false)', async () => {
    const { user } = renderForm(() => jsonResponse(503, { success: false, stored: false, error: 'Plivo is not reachable.' }));
    await fillValidForm(user);
    await user.click(screen.getByRole('button', { name: 'Send MMS' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Plivo is not reachable. The message was not sent. Please try again in a moment.');
    expect(screen.getByRole('button', { name: 'Send MMS' })).toBeEnabled();
    expect(screen.getByLabelText('Message')).toHaveValue('Hello from mmsgate');
  });

  it.each([
    [503, { success: false, status: 'retrying', id: 'msg_7', error: 'Plivo answered 503; the message is stored and mmsgate retries it automatically: do not send it again', recipients: [{ to: '+14155550100', id: 'msg_7', state: 'accepted' }] }],
    [202, { success: true, status: 'retrying', id: 'msg_7', reason: 'Plivo is unavailable. mmsgate keeps the message and retries it.', recipients: [{ to: '+14155550100', id: 'msg_7', state: 'retrying' }], invalidNumbers: [], sandbox: true }],
  ])('shows a stored message (%i, retrying) with its state and link, never "try again"', async (status, body) => {
    const { user, requests } = renderForm(() => jsonResponse(status, body));
    await fillValidForm(user);
    await user.click(screen.getByRole('button', { name: 'Send MMS' }));
    const result = await screen.findByTestId('send-result');
    expect(result).toHaveTextContent('Saved. Plivo is not answering yet; mmsgate keeps trying.');
    expect(result).toHaveTextContent('Do not send it again');
    expect(within(result).getByText('Retrying')).toBeInTheDocument();
    expect(within(result).getByRole('link', { name: 'View message to +14155550100' })).toHaveAttribute('href', '/messages/msg_7');
    expect(screen.queryByText(/try again/i)).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /send the same again/i })).not.toBeInTheDocument();
    // The form is empty: a second click sends nothing.
    await user.click(screen.getByRole('button', { name: 'Send MMS' }));
    expect(requests).toHaveLength(1);
  });

  it('shows a recipient error from the server under the recipients', async () => {
    const { user } = renderForm(() => jsonResponse(400, { success: false, error: 'This number has opted out.', field: 'to' }));
    await fillValidForm(user);
    await user.click(screen.getByRole('button', { name: 'Send MMS' }));
    await waitFor(() => expect(describedByTexts(screen.getByLabelText('Recipient'))).toContain('This number has opted out.'));
  });

  it('reports a slow Plivo (202) as saved with a link to the message', async () => {
    const { user } = renderForm(() => jsonResponse(202, { success: true, status: 'pending', id: 'msg_9' }));
    await fillValidForm(user);
    await user.click(screen.getByRole('button', { name: 'Send MMS' }));
    expect(await screen.findByText('Saved. Waiting for Plivo to answer.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'View message to +14155550100' })).toHaveAttribute('href', '/messages/msg_9');
  });

  it('links every recipient of a multi-recipient send', async () => {
    const body = {
      ...sentBody,
      recipients: [
        { to: '+14155550100', id: 'msg_1', state: 'queued' },
        { to: '+16045550199', id: 'msg_2', state: 'queued' },
      ],
    };
    const { user } = renderForm(() => jsonResponse(200, body));
    await fillValidForm(user);
    await user.click(screen.getByRole('button', { name: 'Add recipient' }));
    await user.type(screen.getByLabelText('Recipient 2'), '604 555 0199');
    await user.click(screen.getByRole('button', { name: 'Send MMS' }));
    expect(await screen.findByText('Sent to 2 recipients.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'View message to +14155550100' })).toHaveAttribute('href', '/messages/msg_1');
    expect(screen.getByRole('link', { name: 'View message to +16045550199' })).toHaveAttribute('href', '/messages/msg_2');
  });

  it('sends several recipients as an array', async () => {
    const { user, requests } = renderForm(() => jsonResponse(200, sentBody));
    await fillValidForm(user);
    await user.click(screen.getByRole('button', { name: 'Add recipient' }));
    const second = screen.getByLabelText('Recipient 2');
    expect(second).toHaveFocus();
    await user.type(second, '604 555 0199');
    await user.click(screen.getByRole('button', { name: 'Send MMS' }));
    await screen.findByTestId('send-result');
    expect(JSON.parse(requests[0]?.body ?? '').to).toEqual(['+14155550100', '+16045550199']);
  });
});

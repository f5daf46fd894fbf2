import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SuppressionWarning } from '@/features/suppressions/components/suppression-warning';
import { installFakeFetch, jsonResponse } from '@/testing/fake-fetch';

describe('SuppressionWarning', () => {
  it('warns once the typed number is on the list, with the reason', async () => {
    const { requests } = installFakeFetch({
      'GET /api/suppressions/check': (request) =>
        jsonResponse(200, { number: request.url.searchParams.get('number'), suppressed: true, reason: 'Replied STOP' }),
    });
    render(<SuppressionWarning number="+14155550142" />);
    await waitFor(() => expect(screen.getByTestId('suppression-warning')).toHaveTextContent('+14155550142 opted out'));
    expect(screen.getByTestId('suppression-warning')).toHaveTextContent('Replied STOP');
    expect(requests).toHaveLength(1);
  });

  it('says nothing for a number that is not suppressed, and does not ask about partial numbers', async () => {
    const { requests } = installFakeFetch({
      'GET /api/suppressions/check': () => jsonResponse(200, { number: '+14155550100', suppressed: false, reason: null }),
    });
    const { rerender } = render(<SuppressionWarning number="+1415" />);
    rerender(<SuppressionWarning number="+14155550100" />);
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(screen.queryByTestId('suppression-warning')).toBeNull();
  });
});

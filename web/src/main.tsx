// Entry point: mounts the app over index.html's loading skeleton.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProvider } from '@/app/provider';
import { AppRouter } from '@/app/router';
import { getServerStatus } from '@/features/auth/api/get-server-status';
import '@/index.css';

// Start the status request now, in parallel with React's start-up; pages read it from the cache.
void getServerStatus().catch(() => undefined);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <AppProvider>
      <AppRouter />
    </AppProvider>
  </StrictMode>,
);

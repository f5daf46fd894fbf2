// Runs before every test file: DOM matchers, and a clean DOM and fetch stub after each test.
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

// Drafts and recent sends live in localStorage; every test starts without them.
afterEach(() => window.localStorage.clear());

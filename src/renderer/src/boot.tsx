import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { App } from './App';
import { ApiProvider } from './api/ApiContext';
import type { RendererApi } from '../../shared/renderer-api';

/** Draws the app (React DOM and every view), loaded after main.tsx has asked for the page's data. */
export function boot(queryClient: QueryClient, api: RendererApi): void {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ApiProvider api={api}>
        <QueryClientProvider client={queryClient}>
          <App />
        </QueryClientProvider>
      </ApiProvider>
    </StrictMode>,
  );
}

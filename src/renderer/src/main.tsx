import { QueryClient } from '@tanstack/react-query';
import { createApiClient } from './api/client';
import { prefetchStartup } from './api/queries';
import { rangeFor } from './lib/time';
import { useUi } from './state/ui-store';
import './styles.css';

// tt talks to its own process (IPC) or to 127.0.0.1: whether the machine has a network says
// nothing about that. React Query's default would pause every query and edit while offline.
// Changes arrive as live updates (useLiveUpdates), which refetch what they touch; the stale
// time only keeps a view that mounts just after its data came (the stream list, the colours)
// from asking for it again, and lets prefetched neighbours paint without a refetch.
const queryClient = new QueryClient({
  defaultOptions: {
    queries: { refetchOnWindowFocus: true, retry: 1, networkMode: 'always', staleTime: 30_000 },
    mutations: { networkMode: 'always' },
  },
});

const api = createApiClient();
// The range in the URL is known before anything is drawn: its data is asked for now, while
// React starts, not once the first render has committed (a cold page waited ~100 ms for that).
const { view, day, until } = useUi.getState();
prefetchStartup(queryClient, api, rangeFor(view, day, until));

// React DOM and the views come in a chunk of their own, loaded while the service answers: parsing
// them before asking held every request back by 100-250 ms on a loaded machine.
void import('./boot').then(({ boot }) => boot(queryClient, api));

import { create } from 'zustand';

/**
 * Whether tt is answering this page. `lost`: nobody answers (the dashboard stopped); `refused`:
 * a tt answers but not to this page (restarted with another secret). The page keeps showing
 * what it had, marked stale, and reconnects by itself.
 */
export type Connection = { state: 'connected' } | { state: 'lost' | 'refused'; since: number };

interface ConnectionStore {
  connection: Connection;
  /** When data last arrived from tt: "last updated" on stale data. */
  lastAnswerAt: number | null;
  answered(): void;
  lost(state: 'lost' | 'refused'): void;
}

export const useConnection = create<ConnectionStore>()((set, get) => ({
  connection: { state: 'connected' },
  lastAnswerAt: null,
  answered: () => {
    if (get().connection.state !== 'connected') set({ connection: { state: 'connected' } });
    set({ lastAnswerAt: Date.now() });
  },
  lost: (state) => {
    const current = get().connection;
    if (current.state !== state) set({ connection: { state, since: Date.now() } });
  },
}));

/** True while tt answers this page: edits are sent only then. */
export const useOnline = (): boolean => useConnection((s) => s.connection.state === 'connected');

/** Why an edit control is off while tt does not answer (its title, read out with it). */
export const OFFLINE_REASON = 'tt is not running: edits are off until this page reconnects';

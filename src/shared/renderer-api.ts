import type { TtApi, TtEvents } from './api';

/** What the renderer holds, whichever host it runs in: the API plus live events. */
export type RendererApi = TtApi & TtEvents;

/** Errors thrown by RendererApi calls carry words for a person and, often, the way out. */
export interface ApiCallError extends Error {
  hint?: string;
  kind?: string;
}

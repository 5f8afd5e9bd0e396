import { STREAMS_TOOL, STREAMS_TOOL_NAME } from '../../core/streams/llm-prompt';

// The one call tt makes to Claude: a prompt in, the input of a forced tool call out. The SDK
// is imported only here, and only when a request is about to be made (it costs CLI startup).
// The SDK retries 429s, 5xx and timeouts itself (maxRetries, with backoff that honours
// retry-after); what is left over is turned into words a person can act on. The key is never
// put in a message: any text that could echo it is scrubbed.

export interface AnthropicClientOptions {
  apiKey: string;
  /** ANTHROPIC_BASE_URL from the service's environment; null for the real API. */
  baseURL: string | null;
  model: string;
  maxTokens: number;
  timeoutMs: number;
  maxRetries: number;
}

/** The model answered, but not with a call of the tool: worth asking again. */
export class MalformedAnswerError extends Error {}

/**
 * The request failed for good (after the SDK's retries); `message` says why in words.
 * `fatal` means no later request can fare better (a refused key, a forbidden or unknown
 * model, an API that cannot be reached), so the run stops asking instead of failing every
 * window the same way.
 */
export class AnthropicRequestError extends Error {
  constructor(
    message: string,
    readonly fatal = false,
  ) {
    super(message);
  }
}

/** What one request sends: the instructions (system prompt) and the data (the user message). */
export interface StreamsPrompt {
  system: string;
  prompt: string;
}

export interface StreamsRequester {
  /** The tool call's input, unchecked. */
  request(prompt: StreamsPrompt): Promise<unknown>;
}

export async function createAnthropicRequester(options: AnthropicClientOptions): Promise<StreamsRequester> {
  const {
    default: Anthropic,
    APIError,
    APIConnectionError,
    APIConnectionTimeoutError,
  } = await import('@anthropic-ai/sdk');
  const client = new Anthropic({
    apiKey: options.apiKey,
    authToken: null,
    baseURL: options.baseURL,
    maxRetries: options.maxRetries,
    timeout: options.timeoutMs,
  });
  const attempts = options.maxRetries + 1;
  const scrub = (text: string): string => text.split(options.apiKey).join('[redacted]');

  function describe(error: unknown): string {
    if (error instanceof APIConnectionTimeoutError) {
      const limit =
        options.timeoutMs < 1000 ? `${options.timeoutMs} ms` : `${Math.round(options.timeoutMs / 1000)} s`;
      return `the Anthropic API did not answer within ${limit} (tried ${attempts} times)`;
    }
    if (error instanceof APIConnectionError) {
      return `could not reach the Anthropic API at ${new URL(client.baseURL).host} (network error, tried ${attempts} times)`;
    }
    if (error instanceof APIError) {
      const status = error.status;
      if (status === 401) return 'the Anthropic API rejected the API key (401): check ANTHROPIC_API_KEY';
      if (status === 403) return 'the API key may not use this model (403)';
      if (status === 404) return `the model "${options.model}" was not found (404): check the model setting`;
      if (status === 429)
        return `the Anthropic API kept rate-limiting the request (429, tried ${attempts} times); try again later`;
      if (status !== undefined && status >= 500) {
        return `the Anthropic API failed with a server error (${status}, tried ${attempts} times); try again later`;
      }
      return `the Anthropic API refused the request (${status ?? 'no status'}): ${scrub(error.message).slice(0, 300)}`;
    }
    return `the request to the Anthropic API failed: ${scrub(error instanceof Error ? error.message : String(error)).slice(0, 300)}`;
  }

  /**
   * Whether later windows would fail the same way: a refused key or model, or an API that
   * could not be reached at all after the SDK's retries (a dead host or a bad base URL).
   * A timeout is not: a smaller window may well be answered in time.
   */
  function isFatal(error: unknown): boolean {
    if (error instanceof APIConnectionTimeoutError) return false;
    if (error instanceof APIConnectionError) return true;
    if (error instanceof APIError)
      return error.status === 401 || error.status === 403 || error.status === 404;
    return true;
  }

  return {
    async request({ system, prompt }: StreamsPrompt): Promise<unknown> {
      let message;
      let contentType: string | null;
      try {
        const { data, response } = await client.messages
          .create({
            model: options.model,
            max_tokens: options.maxTokens,
            tools: [STREAMS_TOOL as unknown as import('@anthropic-ai/sdk').default.Tool],
            tool_choice: { type: 'tool', name: STREAMS_TOOL_NAME },
            // The tools and the system prompt are the same for every window: marked for the
            // prompt cache, so later windows re-send them at the cached rate.
            system: [{ type: 'text', text: system, cache_control: { type: 'ephemeral' } }],
            messages: [{ role: 'user', content: prompt }],
          })
          .withResponse();
        message = data as unknown;
        contentType = response.headers.get('content-type');
      } catch (error) {
        throw new AnthropicRequestError(describe(error), isFatal(error));
      }
      // A proxy's login page or a wrong base URL answers 200 too; no later window fares better.
      if (!isMessage(message)) {
        throw new AnthropicRequestError(
          `the endpoint at ${client.baseURL} did not answer like the Anthropic Messages API ` +
            `(it sent ${contentType?.split(';')[0] || 'no content type'}${typeof message === 'string' ? ' text' : ''}): ` +
            'check ANTHROPIC_BASE_URL',
          true,
        );
      }
      const call = message.content.find(
        (block) => block.type === 'tool_use' && block.name === STREAMS_TOOL_NAME,
      );
      if (call === undefined || call.type !== 'tool_use') {
        throw new MalformedAnswerError(`the answer was not a call of ${STREAMS_TOOL_NAME}`);
      }
      return call.input;
    },
  };
}

/** The shape every Messages API answer has: an object with a list of content blocks. */
function isMessage(value: unknown): value is { content: import('@anthropic-ai/sdk').default.ContentBlock[] } {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { content?: unknown }).content) &&
    (value as { content: unknown[] }).content.every((block) => typeof block === 'object' && block !== null)
  );
}

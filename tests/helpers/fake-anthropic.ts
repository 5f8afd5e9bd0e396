import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A stand-in for the Anthropic Messages API on 127.0.0.1: a real HTTP server that the real
// SDK talks to through ANTHROPIC_BASE_URL. Each POST /v1/messages is recorded and answered by
// the next scripted reply (or by `fallback`), so tests can assert on prompts and drive every
// failure the client must survive.

export interface StreamAnswer {
  id: string;
  name: string;
  session_ids: string[];
  confidence: number;
  /** the model's one line on why (asked for since issue 23; optional in what tt accepts) */
  rationale?: string;
}

export type FakeReply =
  /** a forced tool call with this input */
  | { kind: 'tool'; input: unknown }
  /** text only, no tool call */
  | { kind: 'text'; text: string }
  /** an HTTP error; retry-after-ms keeps the SDK's backoff short */
  | { kind: 'status'; status: number; retryAfterMs?: number }
  /** wait, then reply */
  | { kind: 'delay'; ms: number; then: FakeReply };

export interface RecordedRequest {
  body: {
    model: string;
    max_tokens: number;
    tools?: { name: string; input_schema: unknown }[];
    tool_choice?: { type: string; name?: string };
    messages: { role: string; content: string }[];
    system?: { type: string; text: string; cache_control?: { type: string } }[] | string;
  };
  apiKey: string | undefined;
  /** the user message: the prompt tt built */
  prompt: string;
  /** the system prompt's text */
  system: string;
}

export const streamsReply = (streams: StreamAnswer[]): FakeReply => ({ kind: 'tool', input: { streams } });

/** What a prompt's <data> block holds: the window's sessions, focus and previous streams, as JSON. */
export interface PromptData {
  window: { start: string; end: string };
  previous_streams: { id: string; name: string }[];
  sessions: Record<string, string | number | null>[];
  terminal_focus: Record<string, string | number>[];
}

/** The JSON between a prompt's <data> and </data>. */
export function promptData(prompt: string): PromptData {
  const match = /<data>\n([\s\S]*)\n<\/data>/.exec(prompt);
  if (!match) throw new Error(`the prompt has no <data> block:\n${prompt}`);
  return JSON.parse(match[1]!) as PromptData;
}

/** The session ids a prompt lists. */
export function sessionIdsInPrompt(prompt: string): string[] {
  return promptData(prompt).sessions.map((s) => String(s.id));
}

/**
 * A model that groups each window's sessions into one stream, named (and identified) by the
 * window's first session, with the given rationale: Claude's streams a test can tell apart.
 */
export const oneStreamPerWindow =
  (rationale: string) =>
  (request: RecordedRequest): FakeReply => {
    const ids = sessionIdsInPrompt(request.prompt);
    return streamsReply([
      {
        id: `w-${ids[0]!.slice(0, 8)}`,
        name: `Claude stream ${ids[0]!.slice(0, 8)}`,
        session_ids: ids,
        confidence: 0.7,
        rationale,
      },
    ]);
  };

export class FakeAnthropic {
  readonly requests: RecordedRequest[] = [];
  private readonly script: FakeReply[] = [];
  private server: Server | null = null;
  private url = '';

  /** Used when the script is empty; by default a 500 that says the test did not expect a call. */
  fallback: (request: RecordedRequest) => FakeReply = () => ({ kind: 'status', status: 500 });

  get baseURL(): string {
    return this.url;
  }

  /** Replies for the next requests, in order. */
  reply(...replies: FakeReply[]): this {
    this.script.push(...replies);
    return this;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== 'POST' || !req.url?.startsWith('/v1/messages')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: 'not found' } }));
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RecordedRequest['body'];
    const content = body.messages[0]?.content;
    const request: RecordedRequest = {
      body,
      // The SDK sends the key as x-api-key or as a bearer token, depending on its version.
      apiKey:
        (req.headers['x-api-key'] as string | undefined) ??
        req.headers.authorization?.replace(/^Bearer /, ''),
      prompt: typeof content === 'string' ? content : JSON.stringify(content),
      system:
        typeof body.system === 'string'
          ? body.system
          : (body.system ?? []).map((block) => block.text).join('\n'),
    };
    this.requests.push(request);
    await this.send(res, this.script.shift() ?? this.fallback(request), body);
  }

  private async send(res: ServerResponse, reply: FakeReply, body: RecordedRequest['body']): Promise<void> {
    if (reply.kind === 'delay') {
      await new Promise((resolve) => setTimeout(resolve, reply.ms));
      if (res.destroyed) return;
      return this.send(res, reply.then, body);
    }
    if (reply.kind === 'status') {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (reply.retryAfterMs !== undefined) headers['retry-after-ms'] = String(reply.retryAfterMs);
      res.writeHead(reply.status, headers);
      const type = reply.status === 429 ? 'rate_limit_error' : 'api_error';
      res.end(JSON.stringify({ type: 'error', error: { type, message: `fake ${reply.status}` } }));
      return;
    }
    const block =
      reply.kind === 'tool'
        ? {
            type: 'tool_use',
            id: 'toolu_fake',
            name: body.tool_choice?.name ?? 'record_streams',
            input: reply.input,
          }
        : { type: 'text', text: reply.text };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id: `msg_fake_${this.requests.length}`,
        type: 'message',
        role: 'assistant',
        model: body.model,
        content: [block],
        stop_reason: reply.kind === 'tool' ? 'tool_use' : 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 10, output_tokens: 10 },
      }),
    );
  }
}

/** The id of the previous window's stream of that name, as a prompt lists it. */
export function previousStreamId(prompt: string, name: string): string | undefined {
  return promptData(prompt).previous_streams.find((s) => s.name === name)?.id;
}

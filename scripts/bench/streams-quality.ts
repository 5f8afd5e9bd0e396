// Inference quality on a labelled synthetic corpus: ten days of sessions of ten topics,
// interleaved across three projects, a worktree and their branches, with the true stream of
// every session known. The transcripts are written to disk and indexed for real, then inferred
// offline and with the fake Messages API of the tests; each grouping is scored with the
// time-weighted BCubed F1 that `tt streams quality` reports.
//
// The fake model reads the topic label planted in each session's first prompt and gives every
// window fresh ids with the name in varying case, so its figure measures tt's LLM pipeline
// (windows, overlap, continuity by name, validation), not Claude's judgement.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bcubed, type ClusteredItem } from '../../src/core/streams/clustering-quality';
import { TtService } from '../../src/main/service';
import { MIN_SESSION_WEIGHT_MS } from '../../src/main/streams/stream-quality';
import { FakeAnthropic, promptData, streamsReply } from '../../tests/helpers/fake-anthropic';
import { messagesOn, writeTranscript, type TranscriptMessage } from '../../tests/helpers/transcripts';
import { linearCongruential as random } from './random';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const START = Date.UTC(2026, 4, 4, 7);
const DAYS = 10;
const SESSIONS_PER_DAY = 10;

interface Topic {
  label: string;
  /** where its sessions run: [cwd, branch] (several: the topic spans projects or checkouts) */
  places: [string, string][];
  /** worked on its own branch (or as the only topic of a default branch) */
  branchSeparated: boolean;
}

const SHOP = '/bench/code/shop';
const API = '/bench/code/api';
const DOCS = '/bench/code/docs';
const TOPICS: Topic[] = [
  { label: 'cart', places: [[SHOP, 'cart-rework']], branchSeparated: true },
  { label: 'checkout-bug', places: [[SHOP, 'fix-checkout']], branchSeparated: true },
  { label: 'shop-upkeep', places: [[SHOP, 'main']], branchSeparated: true },
  { label: 'perf', places: [['/bench/code/shop-worktrees/shop-perf', 'perf']], branchSeparated: true },
  { label: 'rate-limits', places: [[API, 'rate-limits']], branchSeparated: true },
  { label: 'api-upkeep', places: [[API, 'main']], branchSeparated: true },
  // one topic across two projects, on a branch of the same name in each
  {
    label: 'sso',
    places: [
      [SHOP, 'sso'],
      [API, 'sso'],
    ],
    branchSeparated: false,
  },
  // two topics on one default branch
  { label: 'guide', places: [[DOCS, 'main']], branchSeparated: false },
  { label: 'reference', places: [[DOCS, 'main']], branchSeparated: false },
  { label: 'release', places: [[DOCS, 'main']], branchSeparated: false },
];

interface Labelled {
  sessionId: string;
  topic: Topic;
  start: number;
  minutes: number;
}

/** Writes the corpus: SESSIONS_PER_DAY sessions a day, each 5–90 minutes, topics interleaved. */
function writeCorpus(root: string): Labelled[] {
  const next = random(11);
  const sessions: Labelled[] = [];
  for (let day = 0; day < DAYS; day++) {
    for (let k = 0; k < SESSIONS_PER_DAY; k++) {
      const topic = TOPICS[Math.floor(next() * TOPICS.length)]!;
      const [cwd, branch] = topic.places[Math.floor(next() * topic.places.length)]!;
      const start = START + day * DAY + k * 80 * MIN + Math.floor(next() * 20) * MIN;
      const minutes = 5 + Math.floor(next() * 85);
      const sessionId = `d${day}-${k}-${topic.label}`;
      let messages: TranscriptMessage[] = messagesOn(branch, start, minutes + 1);
      // Every fourth session on a feature branch starts on main and creates the branch.
      if (branch !== 'main' && k % 4 === 0)
        messages = [...messagesOn('main', start, 2), ...messages.slice(2)];
      messages[0]!.prompt = `[${topic.label}] carry on`;
      writeTranscript(root, { sessionId, cwd, messages });
      sessions.push({ sessionId, topic, start, minutes });
    }
  }
  return sessions;
}

/** A forgetful model: groups by the planted label, with new ids every window and the name's case varying. */
function fakeModel(fake: FakeAnthropic): void {
  let calls = 0;
  fake.fallback = (request) => {
    calls += 1;
    const groups = new Map<string, string[]>();
    for (const session of promptData(request.prompt).sessions) {
      const label = /^\[([^\]]+)\]/.exec(String(session.first_prompt ?? ''))?.[1] ?? 'misc';
      groups.set(label, [...(groups.get(label) ?? []), String(session.id)]);
    }
    return streamsReply(
      [...groups].map(([label, ids]) => ({
        id: `w${calls}-${label}`,
        name: calls % 2 === 0 ? label.toUpperCase() : ` ${label} `,
        session_ids: ids,
        confidence: 0.8,
      })),
    );
  };
}

async function score(service: TtService, sessions: readonly Labelled[]): Promise<number> {
  const streamOf = new Map<string, string>();
  for (const stream of await service.listStreams())
    for (const id of stream.sessionIds) streamOf.set(id, stream.id);
  const items: ClusteredItem[] = sessions.map((s) => ({
    weight: Math.max(s.minutes * MIN, MIN_SESSION_WEIGHT_MS),
    proposed: streamOf.get(s.sessionId) ?? 'none',
    truth: s.topic.label,
  }));
  return bcubed(items).f1;
}

export async function run(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'tt-bench-quality-'));
  const fake = await new FakeAnthropic().start();
  fakeModel(fake);
  try {
    const corpus = writeCorpus(join(root, 'projects'));
    const service = TtService.open({
      dataDir: join(root, 'data'),
      env: { HOME: root, ANTHROPIC_API_KEY: 'bench', ANTHROPIC_BASE_URL: fake.baseURL },
      now: () => START + DAYS * DAY,
    });
    await service.indexSessions({ roots: [join(root, 'projects')] });
    const range = { start: START - DAY, end: START + DAYS * DAY };
    const separated = corpus.filter((s) => s.topic.branchSeparated);
    const line = (label: string, f1: number, n: number) =>
      console.log(`${label.padEnd(52)} BCubed F1 ${f1.toFixed(3)}  (${n} sessions)`);
    console.log(`labelled corpus: ${corpus.length} sessions, ${TOPICS.length} topics, ${DAYS} days`);

    await service.inferStreams({ mode: 'directory', ...range });
    line('offline, branch-separated topics', await score(service, separated), separated.length);
    line('offline, whole corpus', await score(service, corpus), corpus.length);
    const sso = corpus.filter((s) => s.topic.label === 'sso');
    line('offline, one topic in two projects (sso)', await score(service, sso), sso.length);
    const docs = corpus.filter((s) => s.topic.places[0]![0] === DOCS);
    line('offline, three topics on docs main', await score(service, docs), docs.length);

    await service.inferStreams({ mode: 'llm', ...range });
    line(
      `fake LLM (${fake.requests.length} windows), whole corpus`,
      await score(service, corpus),
      corpus.length,
    );
    service.close();
  } finally {
    await fake.close();
    rmSync(root, { recursive: true, force: true });
  }
}

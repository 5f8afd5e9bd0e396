import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../src/core/privacy/secret-scanner';
import { buildWindowRequest, NO_PRIVACY_SETTINGS, withRealIds } from '../../src/core/streams/llm-prompt';
import { validateStreamsAnswer } from '../../src/core/streams/llm-answer';
import { promptTitle, FIRST_PROMPT_MAX_CHARS } from '../../src/core/transcript/prompt';
import { cutText } from '../../src/core/text-cut';
import { promptData } from '../helpers/fake-anthropic';
import { streamSession } from '../helpers/stream-session';

// Issue 26, items 1–3: the exact inputs of the adversarial run, and their families.

const window = { start: Date.parse('2026-02-10T00:00:00Z'), end: Date.parse('2026-02-11T00:00:00Z') };
const GHP = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
const ANT = 'sk-ant-api03-Zq8xW2vN4mK7pL9tR3yB6cF1hJ5gD0sA';

describe('ids and paths (item 1)', () => {
  const parent = GHP;
  const subagent = `${GHP}/agent-${ANT}`;
  const longCodex = `codex:${'9'.repeat(200_000)}`;
  const plain = 'ae4a77f8-aedd-4bc1-888f-c94edc91af04';
  const request = buildWindowRequest(
    {
      window,
      sessions: [
        streamSession({ sessionId: parent, projectPath: `/work/${GHP}`, branch: `fix/${ANT}` }),
        streamSession({ sessionId: subagent, parentSessionId: parent, isSubagent: true }),
        streamSession({ sessionId: longCodex }),
        streamSession({ sessionId: plain }),
        streamSession({ sessionId: 'id-1' }), // looks like a handle: sent as one too
      ],
      focus: [],
      previousStreams: [{ id: `stream-${GHP}`, name: 'Deploy' }],
      placedIn: new Map([[plain, `stream-${GHP}`]]),
    },
    NO_PRIVACY_SETTINGS,
  );

  it('never sends a secret or a huge value in an id, a parent, a path or a branch', () => {
    expect(request.prompt).not.toContain('ghp_16C7');
    expect(request.prompt).not.toContain('Zq8xW2');
    expect(request.prompt).not.toContain('9'.repeat(101));
    expect(request.prompt.length).toBeLessThan(5_000);
    const data = promptData(request.prompt);
    // Opaque handles, each different; the plain UUID as it is.
    const ids = data.sessions.map((s) => s.id);
    expect(ids).toEqual(['id-1', 'id-2', 'id-3', plain, 'id-5']);
    expect(data.sessions[1]!.parent).toBe('id-1');
    expect(data.sessions[3]!.already_in_stream).toBe(data.previous_streams[0]!.id);
    expect(data.previous_streams[0]!.id).toBe('id-4');
    for (const session of data.sessions) {
      for (const value of Object.values(session))
        if (typeof value === 'string') expect(value.length).toBeLessThanOrEqual(300);
    }
    // The request still names tt's own ids, for the answer to be checked against.
    expect(request.sessionIds).toEqual([parent, subagent, longCodex, plain, 'id-1']);
  });

  it("maps the answer's handles back to tt's ids before it is checked", () => {
    const answer = {
      streams: [
        { id: 'id-4', name: 'Deploy', session_ids: ['id-1', 'id-3', plain], confidence: 0.9 },
        { id: 'new', name: 'Other', session_ids: ['id-5', 'nonsense'], confidence: 0.5 },
      ],
    };
    const check = validateStreamsAnswer(withRealIds(answer, request.handles), {
      sessionIds: new Set(request.sessionIds),
      parentOf: new Map([[subagent, parent]]),
      previousStreams: [{ id: `stream-${GHP}`, name: 'Deploy' }],
    });
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.streams.map((s) => [s.answerId, s.continues, s.sessionIds])).toEqual([
      [`stream-${GHP}`, true, [parent, longCodex, plain]],
      ['new', false, ['id-1']],
    ]);
    expect(check.notes.unknownSessionIds).toBe(1);
    // An answer given as JSON text is mapped too.
    expect(withRealIds(JSON.stringify(answer), request.handles)).toEqual(
      withRealIds(answer, request.handles),
    );
  });
});

describe('the cut comes after the scan (item 2)', () => {
  it('drops a token an older tt cut through, and says so', () => {
    const request = buildWindowRequest(
      {
        window,
        sessions: [
          streamSession({ sessionId: 'a', firstPrompt: 'connect with postgres://admin:Hunter…' }),
          streamSession({ sessionId: 'b', firstPrompt: 'export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7…' }),
        ],
        focus: [],
        previousStreams: [],
      },
      NO_PRIVACY_SETTINGS,
    );
    expect(request.prompt).not.toContain('Hunter');
    expect(request.prompt).not.toContain('AKIAIOSFODNN7');
    expect(promptData(request.prompt).sessions.map((s) => s.first_prompt)).toEqual([
      'connect with …',
      'export …',
    ]);
    expect(request.redactions['cut-off token']).toBe(2);
  });

  it('never stores a token cut through: a secret crossing the cut goes whole', () => {
    for (const secret of ['postgres://admin:Hunter2Secret@db:5432/app', 'AKIAIOSFODNN7EXAMPLE']) {
      for (let shift = 0; shift < secret.length; shift++) {
        const text = `${'word '.repeat(60).slice(0, FIRST_PROMPT_MAX_CHARS - 2 - shift)} ${secret} and more`;
        const title = promptTitle(text)!;
        expect(title.length).toBeLessThanOrEqual(FIRST_PROMPT_MAX_CHARS);
        expect(title.endsWith(' …')).toBe(true);
        // Either the whole secret (then the scanner sees it whole) or none of it.
        const kept = title.slice(0, -2).split(' ').at(-1)!;
        expect(kept === secret || !secret.startsWith(kept) || kept === 'word').toBe(true);
      }
    }
    expect(cutText('abcdefghij', 5)).toBe(' …');
    expect(cutText('short', 5)).toBe('short');
  });
});

describe('password forms (item 3)', () => {
  it.each([
    ['login me password Hunter2Netrc', 'Hunter2Netrc'],
    ['machine api.example.com\n  login me\n  password Hunter2Netrc', 'Hunter2Netrc'],
    ['curl -u admin:CurlPw9 https://api.example.com', 'CurlPw9'],
    ["curl --user 'admin:CurlPw9' https://x", 'CurlPw9'],
    ['mysql -pMysqlPw7 -u root app', 'MysqlPw7'],
    ['mysqldump -u root -pMysqlPw7 app > dump.sql', 'MysqlPw7'],
    ['https://bob:p@ssW0rd@host/path', 'ssW0rd'],
    ['sshpass -p SshPw8 ssh deploy@host', 'SshPw8'],
    ["sshpass -p 'Ssh Pw 8' ssh deploy@host", 'Ssh Pw 8'],
    ['PGPASSWORD=PgPw55 psql -h db', 'PgPw55'],
    ['MYSQL_PWD=MyPw77 mysql', 'MyPw77'],
    ['mytool --password Hunter2Flag', 'Hunter2Flag'],
    ['mytool --db-password=Hunter2Flag', 'Hunter2Flag'],
    ["mytool -p'QuotedPw1' run", 'QuotedPw1'],
    ['mytool -p"QuotedPw1" run', 'QuotedPw1'],
    ['gh auth login --token ghs_abc123XYZ', 'abc123XYZ'],
    ['Authorization: Basic YWRtaW46Q3VybFB3OQ==', 'YWRtaW46Q3VybFB3OQ'],
    ['hf_AbCdEfGhIjKlMnOpQrStUvWxYz012345 in the notebook', 'AbCdEfGhIjKlMnOpQrStUvWxYz'],
    ['vault token hvs.CAESIJk2Zq8xW2vN4mK7pL9tR3yB', 'CAESIJk2Zq8xW2vN4mK7pL9tR3yB'],
  ])('%s', (text, secret) => {
    const { text: out, counts } = redactSecrets(text);
    expect(out).not.toContain(secret);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('leaves what only looks like them', () => {
    for (const text of [
      'docker run -u 1000:1000 image',
      'git push -u origin main',
      'mkdir -p src/main && cp -p a b',
      'docker login --password-stdin < token.txt',
      'mytool --password $DB_PASSWORD',
      'Basic Authentication is enough here',
      'reset the password flow for users',
      'the tokens and keyboard settings',
    ]) {
      expect(redactSecrets(text), text).toEqual({ text, counts: {} });
    }
  });
});

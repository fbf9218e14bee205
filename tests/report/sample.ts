// A synthetic result for the rendering self-tests: a hostile target's text everywhere it can go.
import type { CheckReport, ConformanceReport } from '../../src/result/model';
import { decideVerdict } from '../../src/result/verdict';

export const HOSTILE = `</pre></script><script>alert(1)</script><img src="http://evil.example/x.png" onerror="fetch('http://evil.example')"><style>@import url(http://evil.example/a.css)</style>\u202egnp.exe\u0000`;

export function check(overrides: Partial<CheckReport>): CheckReport {
  return { id: 'M1', name: 'validRequestAccepted', title: 'a request that satisfies the schema is answered 200', level: 'MUST', words: 'words', status: 'passed', cases: 300, judged: 300, requests: 300, counts: true, ...overrides };
}

export function failing(name: string, id: CheckReport['id'], level: CheckReport['level'], body: string, extra: Partial<CheckReport> = {}): CheckReport {
  return check({
    id, name, level, title: `${name} <title>`, status: 'failed', cases: 12, judged: 12, counts: level === 'MUST',
    failure: {
      request: { method: 'PUT', url: 'http://127.0.0.1:9/cissession/stop', headers: { 'content-type': 'application/json' }, body: '{"scanJobId":"<b>x</b>"}', bodyBytes: 24 },
      response: { kind: 'response', status: 200, headers: { 'x-evil': HOSTILE }, body, bodyBytes: Buffer.byteLength(body), durationMs: 3 },
      curl: `curl -sS -i -X PUT 'http://127.0.0.1:9/cissession/stop' --data-binary '<script>'`,
      title: 'An invalid request was not answered 400',
      expected: '400: scanJobId in upper case',
      received: `200 with a body: ${HOSTILE}`,
      caseDescription: HOSTILE,
      expectation: { kind: 'status', statuses: [400], title: 'An invalid request was not answered 400', expected: '400: scanJobId in upper case' },
      replay: `npm run certify -- --target http://127.0.0.1:9/ --seed 1 --runs 300 --only ${name}`,
      seed: 42, path: '0:1:2', shrinks: 3,
    },
    ...extra,
  });
}

export function report(checks: CheckReport[], overrides: Partial<ConformanceReport> = {}): ConformanceReport {
  const decision = decideVerdict(checks.map((c) => ({ id: c.id, name: c.name, level: c.level, status: c.status, error: c.error, reason: c.reason })), { strict: false });
  return {
    verdict: decision.verdict, summary: `${decision.summary} ${HOSTILE}`, target: `http://127.0.0.1:9/"><script>alert(2)</script>`, seed: 7, runs: 300,
    suiteVersion: '0.2.0', startedAt: '2026-01-01T00:00:00.000Z', durationMs: 3400, requests: 3647, sessionMode: 'any', profile: [], strict: false, transport: 'http', concurrency: 32,
    command: 'npm run certify --', failed: decision.failed, warnings: decision.warnings, unjudged: decision.unjudged, checks, ...overrides,
  };
}

export const sample = report([
  failing('malformedUuidRejected', 'M3', 'MUST', HOSTILE),
  failing('errorTypeFitsStatus', 'S1', 'SHOULD', '{"message":"x"}'),
  check({ coverage: { '/scanJobId pattern': 154, '/sessionToken pattern': 146, [`/message/reason ${HOSTILE}`]: 1 } }),
  check({ id: 'T1', name: 'nullOptionalMemberObserved', title: 'null for an optional member', level: 'TOLERATED', cases: 2, judged: 2, counts: false, observations: [{ description: 'reason null', answer: '400' }, { description: HOSTILE, answer: '200' }] }),
  check({ id: 'M4', name: 'everyStatusAccepted', title: 'every status value is answered 200', error: `could not judge ${HOSTILE}`, status: 'could-not-judge', judged: 0 }),
  check({ id: 'S3', name: 'retryAfterWholeSecondsInRun', title: 'every Retry-After is whole seconds', level: 'SHOULD', status: 'not-judged', judged: 0, counts: false, reason: 'no 429, 500 or 503 answer of the run carried Retry-After' }),
]);

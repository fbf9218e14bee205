// T1–T10: sent and shown, never failed nor warned on, whatever either conforming answer a target gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answering, certify, certifyReference, sendJson, serving } from './certifyServer';

const TOLERATED = 'T1,T2,T3,T4,T5,T6,T7,T8,T9,T10';

test('against the reference, every T check passes and shows what was answered', async () => {
  const run = await certifyReference({}, ['--only', TOLERATED]);
  assert.equal(run.code, 0, run.output);
  const tolerated = run.report.checks.filter((c) => c.level === 'TOLERATED');
  assert.deepEqual(tolerated.map((c) => c.id).sort(), TOLERATED.split(',').sort());
  for (const check of tolerated) {
    assert.equal(check.status, 'passed', check.name);
    assert.ok((check.observations?.length ?? 0) > 0, `${check.name} shows observations`);
  }
  const t5 = tolerated.find((c) => c.id === 'T5');
  assert.ok(t5?.observations?.some((o) => o.description === 'no Content-Type header' && o.answer === '200'), JSON.stringify(t5?.observations));
});

for (const [label, status] of [['400 ValidationException', 400], ['415', 415], ['200', 200]] as const) {
  test(`a target answering ${label} to every request fails no T check`, async () => {
    const server = answering((_req, res) => {
      if (status === 200) {
        res.writeHead(200, { 'content-length': 0 });
        res.end();
      } else sendJson(res, status, { message: 'no' }, { 'x-amzn-errortype': status === 400 ? 'ValidationException' : 'UnsupportedMediaTypeException' });
    });
    const run = await serving(server, (url) => certify(url, ['--only', TOLERATED]));
    assert.deepEqual(run.report.checks.filter((c) => c.level === 'TOLERATED' && c.status !== 'passed').map((c) => c.name), []);
    assert.equal(run.code, 0, run.output);
  });
}

// conformance.html: one self-contained page rendered from the report's data alone.
import type { CheckReport, ConformanceReport } from './model';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);
}

function failureBlock(check: CheckReport): string {
  const f = check.failure;
  if (!f) return '';
  const response =
    f.response.kind === 'response'
      ? `${f.response.status}\n${Object.entries(f.response.headers).map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${f.response.body}`
      : `no answer: ${f.response.message}`;
  return `<section class="failure" id="${escapeHtml(check.name)}">
  <h3>${escapeHtml(check.id)} ${escapeHtml(check.level)} · ${escapeHtml(check.title)}</h3>
  <p class="words">${escapeHtml(check.words)}</p>
  <p><strong>${escapeHtml(f.title)}</strong>${f.caseDescription ? ` — ${escapeHtml(f.caseDescription)}` : ''}</p>
  <dl><dt>Expected</dt><dd>${escapeHtml(f.expected)}</dd><dt>Received</dt><dd>${escapeHtml(f.received)}</dd></dl>
  <h4>Request</h4><pre>${escapeHtml(`${f.request.method} ${f.request.url}\n${Object.entries(f.request.headers).map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${f.request.body ?? ''}`)}</pre>
  <h4>Response</h4><pre>${escapeHtml(response)}</pre>
  <h4>Reproduce</h4><pre class="curl">${escapeHtml(f.curl)}</pre>
  <h4>Replay</h4><pre>${escapeHtml(f.replay)}${f.seed !== undefined ? `\n# check seed ${f.seed}${f.path ? `, fast-check path ${f.path}` : ''}${f.shrinks !== undefined ? `, ${f.shrinks} shrinks` : ''}` : ''}</pre>
</section>`;
}

function row(check: CheckReport): string {
  const status = check.status === 'failed' && check.level === 'SHOULD' ? 'warning' : check.status;
  const detail = check.error ?? check.note ?? (check.observations ? check.observations.map((o) => `${o.description}: ${o.answer}`).join('; ') : '');
  return `<tr class="${status}"><td>${escapeHtml(check.id)}</td><td>${escapeHtml(check.level)}</td><td>${escapeHtml(check.title)}</td><td class="status">${escapeHtml(status)}</td><td>${check.cases}</td><td>${escapeHtml(detail)}</td></tr>`;
}

export function renderHtml(report: ConformanceReport): string {
  const failed = report.checks.filter((c) => c.status === 'failed');
  const ordered = [...failed, ...report.checks.filter((c) => c.status !== 'failed')];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>StopCisSession conformance: ${escapeHtml(report.verdict)}</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1b1b}
.verdict{font-size:2.4rem;font-weight:700;margin:.2rem 0}.conformant{color:#116329}.non-conformant{color:#b3261e}.inconclusive{color:#8a5a00}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
tr.failed td.status{color:#b3261e;font-weight:700}tr.warning td.status{color:#8a5a00;font-weight:700}tr.passed td.status{color:#116329}
pre{background:#f5f5f5;padding:.6rem;overflow-x:auto;white-space:pre-wrap;word-break:break-all}
.failure{border-left:4px solid #b3261e;padding-left:1rem;margin:1.5rem 0}.words{color:#555}
@media print{pre{white-space:pre-wrap}}
</style></head><body>
<p>StopCisSession (PUT /cissession/stop) conformance</p>
<p class="verdict ${escapeHtml(report.verdict)}">${escapeHtml(report.verdict)}</p>
<p>${escapeHtml(report.summary)}</p>
<dl>
<dt>Target</dt><dd>${escapeHtml(report.target)}</dd>
<dt>Seed</dt><dd>${report.seed}</dd>
<dt>Started</dt><dd>${escapeHtml(report.startedAt)}, ${report.durationMs} ms, ${report.requests} requests</dd>
<dt>Suite</dt><dd>${escapeHtml(report.suiteVersion)}; session mode ${escapeHtml(report.sessionMode)}; profile ${escapeHtml(report.profile.join(', ') || 'default')}; ${report.strict ? 'strict' : 'not strict'}</dd>
</dl>
${failed.length > 0 ? `<h2>Failures</h2>${failed.map(failureBlock).join('\n')}` : ''}
<h2>Requirements</h2>
<table><thead><tr><th>Id</th><th>Level</th><th>Check</th><th>Status</th><th>Cases</th><th>Detail</th></tr></thead>
<tbody>${ordered.map(row).join('\n')}</tbody></table>
</body></html>
`;
}

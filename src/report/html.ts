// conformance.html: one self-contained page rendered from the report's data alone. No external
// request of any kind (no fonts, images, scripts or styles from elsewhere), so it opens from disk,
// from a CI artifact, or offline. Everything from the report is escaped: response bodies and
// headers are the target's text, and a target must never be able to script the page that judges
// it. The one script is static and reads only the page's own text (the copy buttons).
import { shellQuote } from '../evidence/curl';
import { requirements, type Level, type RequirementId } from '../checks/requirements';
import type { CheckReport, ConformanceReport, Traffic } from '../result/model';
import { groupFailures, type FailureGroup } from './groups';
import { inFlightWords, reasonWords } from './traffic';

export interface HtmlOptions {
  /** Where conformance.json was written, for the `--replay` command. */
  reportJson?: string;
}

type Status = 'passed' | 'failed' | 'warning' | 'known' | 'skipped' | 'not-judged' | 'unjudged' | 'observed' | 'not-run';

const statusLabel: Record<Status, string> = {
  passed: 'passed',
  failed: 'FAILED',
  warning: 'warning',
  known: 'known failure',
  skipped: 'skipped',
  'not-judged': 'not judged',
  unjudged: 'could not judge',
  observed: 'observed',
  'not-run': 'not run',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);
}

/**
 * The target's text, escaped, with invisible characters made visible (control characters,
 * zero-width characters and bidirectional overrides as ⟨U+202E⟩), so a body cannot hide or
 * reorder what the reader sees.
 */
function evidence(text: string): string {
  const mark = (ch: string) => `<span class="ctl">⟨U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩</span>`;
  return escapeHtml(text).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, mark);
}

function statusOf(check: CheckReport, report?: ConformanceReport): Status {
  switch (check.status) {
    case 'could-not-judge':
      return 'unjudged';
    case 'not-judged':
      return 'not-judged';
    case 'skipped':
      return 'skipped';
    case 'failed':
      if (report?.baseline?.entries.some((e) => e.name === check.name && e.comparison === 'known')) return 'known';
      return check.counts ? 'failed' : 'warning';
    case 'passed':
      return check.level === 'TOLERATED' ? 'observed' : 'passed';
  }
}

function pill(status: Status): string {
  return `<span class="pill s-${status}">${escapeHtml(statusLabel[status])}</span>`;
}

function headerLines(headers: Record<string, string>): string {
  return Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\n');
}

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  return s < 120 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/** Numbers from the report, made numbers again: a hand-edited report cannot smuggle markup through one. */
function count(n: number, grouped = true): string {
  const value = Number(n);
  return Number.isFinite(value) ? (grouped ? value.toLocaleString('en-US') : String(value)) : '?';
}

let copyIds = 0;
function copyable(label: string, text: string, cls = ''): string {
  const id = `copy-${++copyIds}`;
  return `<div class="cmd"><div class="cmd-head"><h4>${escapeHtml(label)}</h4><button type="button" class="copy" data-copy="${id}">Copy</button></div><pre id="${id}" class="${cls}">${escapeHtml(text)}</pre></div>`;
}

function failureCard(group: FailureGroup, index: number, report: ConformanceReport, options: HtmlOptions): string {
  const check = group.example;
  const f = check.failure;
  if (!f) return '';
  const status = statusOf(check, report);
  const request = `${f.request.method} ${f.request.url}\n${headerLines(f.request.headers)}\n\n${f.request.body ?? ''}`;
  const requestNote = f.request.body !== undefined && Buffer.byteLength(f.request.body) < f.request.bodyBytes ? `<p class="muted">The body is ${count(f.request.bodyBytes)} bytes; the report keeps its first 8 KiB. The curl line and the replay send it whole.</p>` : '';
  const response =
    f.response.kind === 'response'
      ? `<pre class="evidence">${evidence(`HTTP ${f.response.status}\n${headerLines(f.response.headers)}\n\n`)}${f.response.body === '' ? '<span class="muted">(empty body)</span>' : evidence(f.response.body)}</pre><p class="muted">${count(f.response.bodyBytes)}-byte body, answered in ${count(f.response.durationMs)} ms.</p>`
      : `<pre class="evidence">${evidence(`no answer (${f.response.reason}): ${f.response.message}`)}</pre><p class="muted">after ${count(f.response.durationMs)} ms.</p>`;
  const retried = f.response.retried === undefined ? '' : `<p class="muted">Sent twice: ${evidence(f.response.retried)}.</p>`;
  const replayFile = options.reportJson ? shellQuote(options.reportJson) : 'reports/conformance.json';
  const provenance = [
    f.seed !== undefined ? `check seed ${count(f.seed, false)}` : '',
    f.shrinks !== undefined ? `shrunk in ${count(f.shrinks)} step${f.shrinks === 1 ? '' : 's'}` : '',
    f.path ? `fast-check path <code class="path">${escapeHtml(f.path)}</code>` : '',
  ].filter(Boolean).join(' · ');
  const others = group.checks.filter((c) => c !== check);
  const sameCause = others.length > 0
    ? `<p class="same">${count(group.checks.length)} checks failed the same way (same kind of failure, same answer); the smallest case is shown. Also: ${others.map((c) => `<code class="name">${escapeHtml(c.name)}</code> <span class="muted">(${escapeHtml(c.id)}: ${evidence(c.failure?.caseDescription ?? c.title)})</span>`).join(', ')}.</p>`
    : '';
  const heading = others.length > 0 ? `${escapeHtml([...new Set(group.checks.map((c) => c.id))].join(', '))}: ${count(group.checks.length)} checks` : `${escapeHtml(check.id)} ${escapeHtml(check.level)}`;
  return `<article class="failure ${status}" id="failure-${index}">
<header class="failure-head">${pill(status)} <span class="req">${heading}</span><h3>${escapeHtml(check.title)}</h3><code class="name">${escapeHtml(check.name)}</code></header>
${sameCause}
<p class="what"><strong>${escapeHtml(f.title)}</strong>${f.caseDescription ? `: ${evidence(f.caseDescription)}` : ''}</p>
<div class="why"><div class="expected"><h4>Expected</h4><p>${evidence(f.expected)}</p></div><div class="received"><h4>Received</h4><p>${evidence(f.received)}</p></div></div>
${copyable('Reproduce with curl', f.curl, 'curl')}
<div class="io"><div><h4>Request${f.shrinks !== undefined && f.shrinks > 0 ? ' (shrunk)' : ''}</h4><pre class="evidence">${evidence(request)}</pre>${requestNote}</div><div><h4>Response</h4>${response}${retried}</div></div>
${copyable('Replay this failure', `${report.command} --replay ${replayFile} ${check.name}`)}
${copyable('Run the check again with the same cases', f.replay)}
${provenance ? `<p class="muted">${provenance}</p>` : ''}
<p class="words"><span class="muted">${escapeHtml(check.id)} ${escapeHtml(check.level)}:</span> ${escapeHtml(check.words)}</p>
</article>`;
}

function detailOf(check: CheckReport): string {
  const parts: string[] = [];
  if (check.error !== undefined) parts.push(`<span class="err">${evidence(check.error)}</span>`);
  if (check.reason !== undefined) parts.push(`<span class="muted">${evidence(check.reason)}</span>`);
  if (check.failure) parts.push(`${evidence(check.failure.title)}: received ${evidence(check.failure.received)}`);
  if (check.note) parts.push(evidence(check.note));
  return parts.join('<br>');
}

function checkRow(check: CheckReport, failureIndex: Map<CheckReport, number>, report: ConformanceReport): string {
  const status = statusOf(check, report);
  const index = failureIndex.get(check);
  const title = index !== undefined ? `<a href="#failure-${index}">${escapeHtml(check.title)}</a>` : escapeHtml(check.title);
  const observations = check.observations?.length
    ? `<ul class="obs">${check.observations.map((o) => `<li>${evidence(o.description)} <span class="observed">observed: ${evidence(o.answer)}</span></li>`).join('')}</ul>`
    : '';
  return `<tr class="row-${status}"><td class="id">${escapeHtml(check.id)}</td><td>${escapeHtml(check.level)}</td><td>${title} <code class="name">${escapeHtml(check.name)}</code>${observations}</td><td>${pill(status)}</td><td class="num">${count(check.judged)}</td><td class="detail">${detailOf(check)}</td></tr>`;
}

/** "18 passed, 1 failed", "7 passed, 2 not judged", "10 observed": what a level's checks came to. */
function levelTally(level: Level, list: CheckReport[]): string {
  if (list.length === 0) return 'none run';
  const counted = (status: CheckReport['status'], word: string) => {
    const n = list.filter((c) => c.status === status).length;
    return n > 0 ? `${n} ${word}` : '';
  };
  return [
    counted('passed', level === 'TOLERATED' ? 'observed' : 'passed'),
    counted('failed', list.some((c) => c.counts) ? 'failed' : 'warned'),
    counted('not-judged', 'not judged'),
    counted('could-not-judge', 'could not judge'),
    counted('skipped', 'skipped'),
  ].filter(Boolean).join(', ');
}

function matrix(report: ConformanceReport, failureIndex: Map<CheckReport, number>): string {
  const levels: { level: Level; heading: string }[] = [
    { level: 'MUST', heading: 'MUST: a failure makes the target non-conformant' },
    { level: 'SHOULD', heading: `SHOULD: a failure is a warning${report.strict ? ' (this run is --strict: it fails the verdict)' : ''}` },
    { level: 'TOLERATED', heading: 'TOLERATED observations: either answer conforms; shown, never judged' },
  ];
  const ids = Object.keys(requirements) as RequirementId[];
  return levels
    .map(({ level, heading }) => {
      const rows: string[] = [];
      for (const id of ids.filter((i) => requirements[i].level === level)) {
        const checks = report.checks.filter((c) => c.id === id);
        if (checks.length === 0) {
          rows.push(`<tr class="row-not-run"><td class="id">${id}</td><td>${level}</td><td class="muted">${escapeHtml(requirements[id].words)}</td><td>${pill('not-run')}</td><td class="num">0</td><td class="detail muted">no check of this requirement ran</td></tr>`);
        } else {
          rows.push(...checks.map((c) => checkRow(c, failureIndex, report)));
        }
      }
      const tally = levelTally(level, report.checks.filter((c) => c.level === level));
      return `<section class="level level-${level}" id="level-${level}"><h3>${escapeHtml(heading)} <span class="muted">(${tally})</span></h3>
<table><thead><tr><th>Id</th><th>Level</th><th>Check</th><th>Status</th><th class="num">Judged</th><th>Detail</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></section>`;
    })
    .join('\n');
}

function coverage(report: ConformanceReport): string {
  const byKey = new Map<string, { cases: number; checks: Set<string> }>();
  for (const check of report.checks) {
    for (const [key, cases] of Object.entries(check.coverage ?? {})) {
      const entry = byKey.get(key) ?? { cases: 0, checks: new Set<string>() };
      entry.cases += cases;
      entry.checks.add(check.name);
      byKey.set(key, entry);
    }
  }
  if (byKey.size === 0) return '<p class="muted">No check of this run reported which schema constraints its cases exercised.</p>';
  const split = (key: string) => {
    const at = key.lastIndexOf(' ');
    return at < 0 ? { pointer: key, keyword: '' } : { pointer: key.slice(0, at), keyword: key.slice(at + 1) };
  };
  const rows = [...byKey.entries()]
    .map(([key, v]) => ({ ...split(key), ...v }))
    .sort((a, b) => a.pointer.localeCompare(b.pointer) || a.keyword.localeCompare(b.keyword));
  const table = (part: typeof rows) => `<table class="coverage"><thead><tr><th>Member</th><th>Constraint</th><th class="num">Cases</th><th>Checks</th></tr></thead><tbody>
${part.map((r) => `<tr><td><code>${evidence(r.pointer || '(body)')}</code></td><td>${evidence(r.keyword)}</td><td class="num">${count(r.cases)}</td><td><code class="name">${[...r.checks].map(escapeHtml).join(', ')}</code></td></tr>`).join('\n')}
</tbody></table>`;
  // Two columns on a wide screen: the list is long and each row is short.
  const half = Math.ceil(rows.length / 2);
  return `<p class="muted">${rows.length} constraint${rows.length === 1 ? '' : 's'} exercised; cases counted per constraint (a failing check stops counting at its failure). A constraint missing here was not exercised in this run.</p>
<div class="cov-cols">${table(rows.slice(0, half))}${rows.length > 1 ? table(rows.slice(half)) : ''}</div>`;
}

const styles = `
:root{--fg:#1b1b1f;--muted:#5d5f66;--line:#dcdde2;--bg:#fff;--soft:#f4f5f7;--red:#b3261e;--red-bg:#fdecea;--green:#126b2f;--green-bg:#e7f4ea;--amber:#8a5300;--amber-bg:#fff3d6;--grey-bg:#eceef1;--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;margin:0;color:var(--fg);background:var(--bg)}
main,.top{max-width:84rem;margin:0 auto;padding:0 1.25rem}
code,pre{font-family:var(--mono);font-size:12.5px}
a{color:#0b57d0}
.top{padding-top:.8rem;padding-bottom:.6rem;border-bottom:1px solid var(--line)}
.kicker{margin:0;color:var(--muted);font-size:13px}
.verdict-row{display:flex;align-items:center;gap:1rem;flex-wrap:wrap;margin:.25rem 0 .4rem}
.verdict{font-size:2.2rem;font-weight:800;letter-spacing:.02em;text-transform:uppercase;padding:.1rem .8rem;border-radius:.4rem;line-height:1.25}
.v-conformant{color:var(--green);background:var(--green-bg)}.v-non-conformant{color:var(--red);background:var(--red-bg)}.v-inconclusive{color:var(--amber);background:var(--amber-bg)}
.summary{font-size:1.05rem;margin:0;max-width:60rem}
.facts{display:flex;flex-wrap:wrap;gap:.15rem 1.4rem;margin:0;font-size:13px}
.facts div{display:flex;gap:.35rem}.facts dt{color:var(--muted)}.facts dd{margin:0;font-weight:600;overflow-wrap:break-word}
.tally{margin:.4rem 0 0;font-size:13px}.tally a{margin-right:.9rem}
h2{font-size:1.25rem;margin:1.2rem 0 .5rem}
h3{font-size:1rem;margin:.2rem 0}
h4{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin:.5rem 0 .2rem}
.muted{color:var(--muted)}
.pill{display:inline-block;font-size:11.5px;font-weight:700;padding:.05rem .5rem;border-radius:1rem;white-space:nowrap;vertical-align:middle}
.s-passed{color:var(--green);background:var(--green-bg)}.s-failed{color:#fff;background:var(--red)}.s-warning{color:var(--amber);background:var(--amber-bg)}
.s-unjudged{color:var(--amber);background:var(--amber-bg)}.s-skipped,.s-not-run,.s-not-judged,.s-known{color:var(--muted);background:var(--grey-bg)}
.same{margin:.3rem 0;font-size:13px}.insecure{color:var(--red);font-weight:700;margin:.2rem 0}
.hint{margin:.2rem 0 .5rem;max-width:60rem;padding:.45rem .7rem;border-left:4px solid #d08a00;border-radius:.3rem;background:var(--amber-bg);overflow-wrap:break-word}.hint strong{color:var(--amber)}
tr.cmp-regressed{background:#fff8f7}tr.cmp-fixed{background:#f3faf5}.s-observed{color:#1f4e8c;background:#e6eefb}
.failure{border:1px solid var(--line);border-left:5px solid var(--red);border-radius:.4rem;padding:.6rem 1rem .7rem;margin:.6rem 0 1rem;break-inside:avoid-page}
.failure.warning{border-left-color:#d08a00}
.failure-head{display:flex;align-items:baseline;gap:.5rem;flex-wrap:wrap}.failure-head h3{font-size:1.1rem}
.req{font-weight:700}
code.name{color:var(--muted);font-size:11.5px}
.what{margin:.3rem 0}
.why{display:grid;grid-template-columns:1fr 1fr;gap:.8rem}
.why p{margin:0;padding:.35rem .6rem;border-radius:.3rem;overflow-wrap:break-word}
.expected p{background:var(--green-bg)}.received p{background:var(--red-bg)}
.cmd-head{display:flex;align-items:center;gap:.6rem}
.copy{font:inherit;font-size:12px;padding:.05rem .6rem;border:1px solid var(--line);border-radius:.3rem;background:var(--soft);cursor:pointer}
.copy:hover{background:var(--grey-bg)}
pre{background:var(--soft);border:1px solid var(--line);border-radius:.3rem;padding:.45rem .6rem;margin:0;white-space:pre-wrap;overflow-wrap:break-word;max-height:22rem;overflow:auto}
pre.curl{background:#1f2329;color:#e8eaed;border-color:#1f2329;max-height:8rem}
.io{display:grid;grid-template-columns:1fr 1fr;gap:.8rem}
.io>div{min-width:0}
.io p{margin:.2rem 0 0;font-size:12px}
.ctl{color:var(--red);background:var(--red-bg);border-radius:2px}
code.path{overflow-wrap:break-word}
.words{margin:.6rem 0 0;font-size:13px}
.err{color:var(--amber)}
table{border-collapse:collapse;width:100%;margin-bottom:.6rem}
th,td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
th{font-size:12px;color:var(--muted);font-weight:600;background:var(--soft)}
td.id{font-weight:700;white-space:nowrap}.num{text-align:right;font-variant-numeric:tabular-nums}
td.detail{font-size:12.5px;max-width:28rem;overflow-wrap:break-word}
tr.row-failed{background:#fff8f7}tr.row-warning{background:#fffaf0}tr.row-not-run td{color:var(--muted)}
ul.obs{margin:.25rem 0 0;padding-left:1.1rem;font-size:12.5px}.observed{font-weight:600;color:#1f4e8c}
.level h3{margin-top:.9rem}
.cov-cols{display:grid;grid-template-columns:1fr 1fr;gap:1.2rem;align-items:start}
.coverage td{padding:.2rem .45rem}.coverage td:first-child,.coverage td:nth-child(2){white-space:nowrap}.coverage td.num{width:4rem}.coverage code.name{overflow-wrap:break-word}
footer{color:var(--muted);font-size:12px;margin:1.5rem 0 2rem;border-top:1px solid var(--line);padding-top:.5rem}
@media (max-width:900px){.why,.io,.cov-cols{grid-template-columns:1fr}}
@media print{
  body{font-size:11px}main,.top{max-width:none;padding:0}
  .copy{display:none}
  pre,pre.curl{max-height:none;overflow:visible;background:#fff;color:#000;border-color:#999}
  .failure{break-inside:auto}.failure-head,.why{break-inside:avoid}
  tr{break-inside:avoid}a{color:inherit;text-decoration:none}
  .pill,.verdict,.why p{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}`;

// Static: it reads only the page's own text. navigator.clipboard can be missing or refused on
// file://, so the old execCommand path backs it up; nothing here may throw into the console.
const script = `
document.addEventListener('click', function (event) {
  var target = event.target;
  var button = target && target.closest ? target.closest('button[data-copy]') : null;
  if (!button) return;
  var source = document.getElementById(button.getAttribute('data-copy'));
  var text = source ? source.textContent || '' : '';
  var done = function (ok) {
    button.textContent = ok ? 'Copied' : 'Select the text and copy it';
    setTimeout(function () { button.textContent = 'Copy'; }, 1600);
  };
  var fallback = function () {
    var area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    document.body.removeChild(area);
    done(ok);
  };
  try {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
    } else fallback();
  } catch (e) { fallback(); }
});`;

export function renderHtml(report: ConformanceReport, options: HtmlOptions = {}): string {
  copyIds = 0;
  // Failures first, MUST before SHOULD (report.checks is sorted by level, then id), one card per cause.
  const failed = report.checks.filter((c) => c.status === 'failed' && c.failure);
  const groups = groupFailures(failed);
  const failureIndex = new Map(groups.flatMap((g, i) => g.checks.map((c) => [c, i + 1] as const)));
  const unjudged = report.checks.filter((c) => c.status === 'could-not-judge');
  const must = report.checks.filter((c) => c.level === 'MUST');
  const should = report.checks.filter((c) => c.level === 'SHOULD');
  const tolerated = report.checks.filter((c) => c.level === 'TOLERATED');
  const facts: [string, string][] = [
    ['Target', report.target],
    ['Date', formatDate(report.startedAt)],
    ['Seed', `${count(report.seed, false)} (runs ${count(report.runs)})`],
    ['Duration', formatDuration(Number(report.durationMs))],
    ['Requests', count(report.requests)],
    ['Session mode', report.sessionMode],
    ['Profile', report.profile.join(', ') || 'default'],
    ['Strictness', report.strict ? 'strict (SHOULD failures fail)' : 'not strict'],
    ['Suite', `v${report.suiteVersion}`],
    ['Transport', report.traffic ? `${report.transport}; in flight ${inFlightWords(report.traffic)}` : `${report.transport}, ${count(report.concurrency)} in flight`],
    ...(report.traffic ? trafficFacts(report.traffic) : []),
  ];
  const perId = [...new Set(failed.map((c) => c.id))].map((id) => `${id} ×${failed.filter((c) => c.id === id).length}`).join(', ');
  const tally = [
    failed.length > 0 ? `<a href="#failures">${failed.length} failed check${failed.length === 1 ? '' : 's'} (${perId}), ${groups.length} cause${groups.length === 1 ? '' : 's'}</a>` : '',
    unjudged.length > 0 ? `<a href="#unjudged">${unjudged.length} could not judge</a>` : '',
    `<a href="#matrix">Requirements: MUST ${levelTally('MUST', must)} · SHOULD ${levelTally('SHOULD', should)} · TOLERATED ${levelTally('TOLERATED', tolerated)}</a>`,
    '<a href="#coverage">coverage</a>',
  ].filter(Boolean).join('');
  const baseline = report.baseline
    ? `<section id="baseline"><h2>Against the baseline</h2><p>${evidence(report.baseline.summary)} <span class="muted">(${evidence(report.baseline.file)})</span></p>${report.baseline.mismatches.length > 0 ? `<ul>${report.baseline.mismatches.map((m) => `<li class="err">${evidence(m)}</li>`).join('')}</ul>` : ''}
<table><thead><tr><th>Check</th><th>Id</th><th>Compared</th><th>Baseline expects</th><th>This run</th></tr></thead><tbody>${report.baseline.entries
        .filter((e) => e.comparison !== 'unchanged')
        .map((e) => `<tr class="cmp-${escapeHtml(e.comparison)}"><td><code class="name">${escapeHtml(e.name)}</code></td><td>${escapeHtml(e.id)}</td><td>${escapeHtml(e.comparison)}</td><td>${evidence(e.expected)}</td><td>${evidence(e.actual)}</td></tr>`)
        .join('')}</tbody></table></section>`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<link rel="icon" href="data:,">
<title>${escapeHtml(report.verdict)}: StopCisSession conformance of ${escapeHtml(report.target)}</title>
<style>${styles}</style></head><body>
<header class="top">
<p class="kicker">Amazon Inspector StopCisSession (PUT /cissession/stop, AWS restJson1) conformance report</p>
<div class="verdict-row"><span class="verdict v-${escapeHtml(report.verdict)}" id="verdict">${escapeHtml(report.verdict)}</span><p class="summary">${evidence(report.summary)}</p></div>
${report.targetHint !== undefined ? `<p class="hint" id="target-hint"><strong>Is this the right target?</strong> ${evidence(report.targetHint)}</p>` : ''}
${report.insecure ? '<p class="insecure">--insecure: TLS certificates were not verified in this run.</p>' : ''}
<dl class="facts">${facts.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd></div>`).join('')}</dl>
<p class="tally">${tally}</p>
</header>
<main>
${baseline}
${groups.length > 0 ? `<section id="failures"><h2>Failures</h2>${groups.map((g, i) => failureCard(g, i + 1, report, options)).join('\n')}</section>` : ''}
${unjudged.length > 0 ? `<section id="unjudged"><h2>Could not judge</h2><ul>${unjudged.map((c) => `<li><strong>${escapeHtml(c.id)} ${escapeHtml(c.title)}</strong>: ${evidence(c.error ?? '')}</li>`).join('')}</ul></section>` : ''}
<section id="matrix"><h2>Requirements</h2>${matrix(report, failureIndex)}</section>
<section id="coverage"><h2>Coverage of the request schema</h2>${coverage(report)}</section>
<footer>Rendered from conformance.json${options.reportJson ? ` (${escapeHtml(options.reportJson)})` : ''} by suite v${escapeHtml(report.suiteVersion)}. The requirements, their levels and sources: REQUIREMENTS.md of the suite. Credentials and session tokens are redacted.</footer>
</main>
<script>${script}</script>
</body></html>
`;
}

/** The traffic rows of the facts table, where there is something to say. */
function trafficFacts(traffic: Traffic): [string, string][] {
  const rows: [string, string][] = [];
  const reasons = reasonWords(traffic);
  if (reasons) rows.push(['In flight changed', reasons]);
  if (traffic.retries > 0) rows.push(['Sent again', `${count(traffic.retries)} on a fresh connection: a kept-alive one was closed before any byte of an answer`]);
  if (traffic.throttled > 0) rows.push(['Throttled', `${count(traffic.throttled)} answers waited out, sending paused ${formatDuration(traffic.pausedMs)} in all`]);
  return rows;
}

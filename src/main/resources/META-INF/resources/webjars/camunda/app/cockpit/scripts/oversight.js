// Oversight's owner view on the Cockpit dashboard: oversight quality from GET /api/v1/metrics and the
// owner's analysis (/api/v1/metrics/series, /reasons, /sources, /readiness), called with the Cockpit
// session (the Oversight API accepts it for reads by support-leads, qa and camunda-admin). Every
// headline number carries data-metric="<path in the API answer>" and data-value="<raw JSON value>", so
// tests and tools can read exactly what is shown. The DOM is built with createElement/textContent only:
// no data ever goes through innerHTML. The charts are Chart.js (drawn on canvas, text never parsed as
// HTML), served by this application from its webjar; nothing is fetched from anywhere else.

const DAY_MS = 24 * 60 * 60 * 1000;
const DAYS = 7;
const SVG = 'http://www.w3.org/2000/svg';

const HEADLINES = [
  ['proposals', 'Proposals', 'count'],
  ['escalated', 'Escalated', 'count'],
  ['escalationRate', 'Escalation rate', 'rate'],
  ['overrideRate', 'Override rate', 'rate'],
  ['editRate', 'Edit rate', 'rate'],
  ['rejectionRate', 'Rejection rate', 'rate'],
  ['falseEscalationRate', 'False escalations', 'rate'],
  ['missedEscalationRate', 'Missed escalations', 'rate'],
  ['approvalTimeSeconds.avg', 'Approval time avg', 'seconds'],
  ['approvalTimeSeconds.p50', 'Approval time p50', 'seconds'],
  ['approvalTimeSeconds.p90', 'Approval time p90', 'seconds'],
  ['customerWaitSeconds.avg', 'Customer wait avg', 'seconds'],
  ['customerWaitSeconds.p90', 'Customer wait p90', 'seconds'],
  ['qaIncidents', 'QA incidents', 'count'],
  ['reviewerAgreement', 'Reviewer agreement', 'rate']
];

// The charts over time: an id, a title, the kind of values, and the lines (path in a series point, label).
const CHARTS = [
  ['rates', 'Escalation, override, false and missed escalation rates', 'rate', [
    ['escalationRate', 'Escalation rate'], ['overrideRate', 'Override rate'],
    ['falseEscalationRate', 'False escalation rate'], ['missedEscalationRate', 'Missed escalation rate']]],
  ['approval', 'Approval time (seconds)', 'seconds', [
    ['approvalTimeSeconds.p50', 'Approval time p50'], ['approvalTimeSeconds.p90', 'Approval time p90'],
    ['customerWaitSeconds.p90', 'Customer wait p90']]]
];
const COLOURS = ['#3a87ad', '#b94a48', '#f89406', '#468847', '#7a43b6', '#999999', '#2f4f4f', '#c71585'];
const CHART_JS = '/webjars/chart.js/4.5.1/dist/chart.umd.min.js';
const MIN_DECIDED = 3;

const CSS = `
.ovs-dashboard { margin: 10px 0 30px; }
.ovs-dashboard h4 { margin: 22px 0 8px; }
.ovs-window { color: #666; }
.ovs-tiles { display: flex; flex-wrap: wrap; gap: 10px; }
.ovs-tile { border: 1px solid #ddd; border-radius: 3px; padding: 8px 12px; min-width: 150px; }
.ovs-tile .ovs-label { display: block; color: #666; font-size: 12px; }
.ovs-tile .ovs-value { font-size: 22px; }
.ovs-dashboard table { width: auto; min-width: 420px; }
.ovs-charts { display: flex; flex-wrap: wrap; gap: 18px; }
.ovs-chart figcaption { font-size: 12px; color: #444; }
.ovs-chart { margin: 0; }
.ovs-bar-cell { display: inline-block; width: 80px; height: 8px; background: #eee; margin-right: 6px; vertical-align: middle; }
.ovs-bar-cell span { display: block; height: 8px; background: #b94a48; }
.ovs-recommendation { font-weight: bold; }
.ovs-error { color: #b94a48; }
`;

function el(tag, attributes, text) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, String(value)));
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  return node;
}

function svg(tag, attributes) {
  const node = document.createElementNS(SVG, tag);
  Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, String(value)));
  return node;
}

function pick(data, path) {
  return path.split('.').reduce((value, key) => (value === null || value === undefined ? null : value[key]), data);
}

function format(value, kind) {
  if (value === null || value === undefined) {
    return '–';
  }
  if (kind === 'rate') {
    return (value * 100).toFixed(1) + ' %';
  }
  if (kind === 'seconds') {
    if (value < 120) {
      return value.toFixed(1) + ' s';
    }
    if (value < 2 * 3600) {
      return Math.floor(value / 60) + ' min ' + Math.round(value % 60) + ' s';
    }
    return (value / 3600).toFixed(1) + ' h';
  }
  return String(value);
}

// A shown number: the formatted text, and the raw value for whoever reads the page.
function figure(tag, metric, value, kind, text) {
  return el(tag, {
    'data-metric': metric,
    'data-value': JSON.stringify(value === undefined ? null : value),
    class: 'ovs-value'
  }, text === undefined ? format(value, kind) : text);
}

function apiRoot() {
  // Cockpit's <base app-root="/camunda"> is the webapps' root; the Oversight API lives beside them.
  const base = document.querySelector('base');
  const appRoot = (base && base.getAttribute('app-root')) || '/camunda';
  return appRoot.replace(/\/[^/]*$/, '');
}

async function metrics(from, to, path, parameters) {
  const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), ...(parameters || {}) });
  const response = await fetch(apiRoot() + '/api/v1/metrics' + (path || '') + '?' + query, {
    credentials: 'same-origin',
    headers: { Accept: 'application/json' }
  });
  if (!response.ok) {
    const error = new Error('HTTP ' + response.status);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

function headlines(data) {
  const tiles = el('div', { class: 'ovs-tiles' });
  HEADLINES.forEach(([metric, label, kind]) => {
    const tile = el('div', { class: 'ovs-tile' });
    tile.appendChild(el('span', { class: 'ovs-label' }, label));
    tile.appendChild(figure('span', metric, pick(data, metric), kind));
    tiles.appendChild(tile);
  });
  return tiles;
}

function table(headers, rows) {
  const result = el('table', { class: 'table table-condensed' });
  const head = el('tr');
  headers.forEach((header) => head.appendChild(el('th', {}, header)));
  result.appendChild(el('thead')).appendChild(head);
  const body = result.appendChild(el('tbody'));
  if (rows.length === 0) {
    body.appendChild(el('tr')).appendChild(el('td', { colspan: headers.length }, 'None'));
  }
  rows.forEach((cells) => {
    const row = body.appendChild(el('tr'));
    cells.forEach((cell) => row.appendChild(cell instanceof Node ? cell : el('td', {}, cell)));
  });
  return result;
}

function queues(data) {
  return table(['Queue', 'Open now', 'Oldest wait', 'SLA breaches'], data.queues.map((q) => [
    q.queue,
    figure('td', 'queues.' + q.queue + '.open', q.open, 'count'),
    figure('td', 'queues.' + q.queue + '.oldestWaitSeconds', q.oldestWaitSeconds, 'seconds',
      q.open === 0 ? '–' : undefined),
    figure('td', 'queues.' + q.queue + '.slaBreached', q.slaBreached, 'count')
  ]));
}

function reviewers(data) {
  return table(['Reviewer', 'Decided', 'Assigned now'], data.reviewerLoad.map((r) => [
    r.reviewer,
    figure('td', 'reviewerLoad.' + r.reviewer + '.decided', r.decided, 'count'),
    figure('td', 'reviewerLoad.' + r.reviewer + '.open', r.open, 'count')
  ]));
}

function sensitiveActions(data) {
  return table(['Group', 'Sensitive actions approved'],
    Object.entries(data.sensitiveActionsApprovedByRole).map(([group, count]) => [
      group, figure('td', 'sensitiveActionsApprovedByRole.' + group, count, 'count')
    ]));
}

// Chart.js from this application's webjar, once. An AMD loader on the page would take the UMD bundle
// as a module instead of window.Chart, so it is hidden while the bundle runs.
let chartJs;
function loadChartJs() {
  if (window.Chart) {
    return Promise.resolve(window.Chart);
  }
  chartJs = chartJs || new Promise((resolve, reject) => {
    const amd = window.define;
    window.define = undefined;
    const script = document.createElement('script');
    script.src = apiRoot() + CHART_JS;
    script.onload = () => { window.define = amd; resolve(window.Chart); };
    script.onerror = () => { window.define = amd; reject(new Error('Chart.js could not be loaded')); };
    document.head.appendChild(script);
  });
  return chartJs;
}

// One line chart; its canvas carries data-chart, and Chart.getChart(canvas) has the points drawn.
function lineChart(Chart, id, title, kind, labels, lines) {
  const node = el('figure', { class: 'ovs-chart', 'data-chart': id });
  node.appendChild(el('figcaption', {}, title));
  const canvas = el('canvas', { width: 560, height: 220, 'data-chart': id });
  node.appendChild(canvas);
  new Chart(canvas, {
    type: 'line',
    data: {
      labels,
      datasets: lines.map(([path, label, values], i) => ({
        label, data: values, borderColor: COLOURS[i % COLOURS.length], backgroundColor: COLOURS[i % COLOURS.length],
        spanGaps: false, tension: 0, pointRadius: 2
      }))
    },
    options: {
      responsive: false, animation: false,
      scales: { y: kind === 'rate' ? { min: 0, max: 1 } : { beginAtZero: true } },
      plugins: { tooltip: { callbacks: { label: (item) => item.dataset.label + ': ' + format(item.raw, kind) } } }
    }
  });
  return node;
}

async function overTime(container, from, to) {
  const [Chart, series] = await Promise.all([loadChartJs(), metrics(from, to, '/series', { bucket: 'day' })]);
  const labels = series.points.map((p) => p.from.slice(5, 10));
  const charts = el('div', { class: 'ovs-charts', 'data-bucket': series.bucket });
  CHARTS.forEach(([id, title, kind, lines]) => charts.appendChild(lineChart(Chart, id, title, kind, labels,
    lines.map(([path, label]) => [path, label, series.points.map((p) => pick(p, path))]))));
  const queueNames = Array.from(new Set(series.points.flatMap((p) => Object.keys(p.openByQueue)))).sort();
  charts.appendChild(lineChart(Chart, 'queues', 'Open per queue at the end of each day', 'count', labels,
    queueNames.map((queue) => [queue, queue, series.points.map((p) => p.openByQueue[queue] ?? 0)])));
  container.appendChild(charts);
}

// A rate with a small bar, e.g. for the override rate of a reason.
function rateCell(rate) {
  const cell = el('td', { 'data-value': JSON.stringify(rate) });
  const bar = cell.appendChild(el('span', { class: 'ovs-bar-cell' }));
  bar.appendChild(el('span', { style: 'width: ' + Math.round(Math.max(0, Math.min(1, rate)) * 100) + '%' }));
  cell.appendChild(document.createTextNode(format(rate, 'rate')));
  return cell;
}

async function reasons(container, from, to) {
  const rows = await metrics(from, to, '/reasons');
  const result = table(['Reason', 'Escalated', 'Decided', 'Approved unchanged', 'Edited', 'Rejected', 'Taken over',
    'Override rate', 'False escalations', 'Approval p50', 'Approval p90', 'Missed (QA)'], rows.map((r) => [
    r.reason, r.escalated, r.decided, r.approvedUnchanged, r.edited, r.rejected, r.takenOver,
    rateCell(r.overrideRate), rateCell(r.falseEscalationRate), format(r.approvalTimeSeconds.p50, 'seconds'),
    format(r.approvalTimeSeconds.p90, 'seconds'), r.missedByQa]));
  result.classList.add('ovs-reasons');
  container.appendChild(result);
}

async function sources(container, from, to) {
  const rows = await metrics(from, to, '/sources', { minDecided: MIN_DECIDED, limit: 10 });
  const result = table(['Source', 'Title', 'Decided', 'Edited', 'Rejected', 'Override rate'], rows.map((r) => [
    r.source, r.title, r.decided, r.edited, r.rejected, rateCell(r.overrideRate)]));
  result.classList.add('ovs-sources');
  container.appendChild(result);
}

async function readiness(container, from, to) {
  const rows = await metrics(from, to, '/readiness');
  const result = table(['Workflow', 'Mode', 'Decisions', 'Overrides', 'Override rate', 'Upper bound (95 %)',
    'Missed (QA)', 'Recommendation', 'Why'], rows.map((r) => [
    r.workflow, r.mode, r.decisions, r.overrides, rateCell(r.overrideRate), format(r.overrideRateUpper95, 'rate'),
    r.missedEscalations + ' of ' + r.qaAudits,
    el('td', { class: 'ovs-recommendation', 'data-recommendation': r.recommendation }, r.recommendation
      + (r.suggestedQaSampleRate === null ? '' : ' (QA ' + format(r.suggestedQaSampleRate, 'rate') + ')')),
    r.reason]));
  result.classList.add('ovs-readiness');
  container.appendChild(result);
}

function section(root, title) {
  root.appendChild(el('h4', {}, title));
  return root;
}

async function render(node) {
  const to = new Date(Math.floor(Date.now() / 1000) * 1000);
  const from = new Date(to.getTime() - DAYS * DAY_MS);
  const root = el('section', {
    class: 'ovs-dashboard', 'data-state': 'loading',
    'data-window-from': from.toISOString(), 'data-window-to': to.toISOString()
  });
  node.appendChild(el('style', {}, CSS));
  node.appendChild(root);
  root.appendChild(el('h3', {}, 'Oversight'));
  root.appendChild(el('p', { class: 'ovs-window' },
    'Last 7 days: ' + from.toISOString().replace('.000Z', 'Z') + ' – ' + to.toISOString().replace('.000Z', 'Z')));
  try {
    const data = await metrics(from, to);
    root.appendChild(headlines(data));
    section(root, 'Queues').appendChild(queues(data));
    section(root, 'Reviewer load').appendChild(reviewers(data));
    section(root, 'Sensitive actions approved by role').appendChild(sensitiveActions(data));
    section(root, 'Over time (per day)');
    await overTime(root, from, to);
    section(root, 'Per reason');
    await reasons(root, from, to);
    section(root, 'Worst sources (at least ' + MIN_DECIDED + ' decisions)');
    await sources(root, from, to);
    section(root, 'Ready for sampled QA? (per workflow)');
    await readiness(root, from, to);
    root.setAttribute('data-state', 'ready');
  } catch (error) {
    root.setAttribute('data-state', 'error');
    root.appendChild(el('p', { class: 'ovs-error' }, error.status === 403 || error.status === 401
      ? 'Oversight metrics are for support-leads, qa and camunda-admin.'
      : 'Oversight metrics could not be loaded (' + error.message + ').'));
  }
}

export default [{
  id: 'oversight-dashboard',
  pluginPoint: 'cockpit.dashboard',
  priority: 10,
  render: (node) => {
    render(node);
  },
  properties: { label: 'Oversight' }
}];

// Oversight's owner view on the Cockpit dashboard: oversight quality from GET /api/v1/metrics,
// called with the Cockpit session (the Oversight API accepts it for reads by support-leads, qa and
// camunda-admin). Every number carries data-metric="<path in the API answer>" and data-value="<raw
// JSON value>", so tests and tools can read exactly what is shown. The DOM is built with
// createElement/textContent only: no data ever goes through innerHTML. No libraries, no network
// beyond this server.

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

const SERIES = [
  ['escalationRate', 'Escalation rate', 'rate'],
  ['overrideRate', 'Override rate', 'rate'],
  ['falseEscalationRate', 'False escalation rate', 'rate'],
  ['missedEscalationRate', 'Missed escalation rate', 'rate'],
  ['approvalTimeSeconds.p50', 'Approval time p50', 'seconds']
];

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
.ovs-chart rect.ovs-bar { fill: #3a87ad; }
.ovs-chart text { font-size: 9px; fill: #666; }
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

async function metrics(from, to) {
  const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString() });
  const response = await fetch(apiRoot() + '/api/v1/metrics?' + query, {
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

// A small bar chart of one figure per day; a day without data has no bar, only its label.
function chart(series, label, kind, days) {
  const width = 230;
  const height = 90;
  const barWidth = Math.floor((width - 10) / days.length) - 4;
  const values = days.map((day) => pick(day.data, series));
  const top = kind === 'rate' ? 1 : Math.max(1, ...values.filter((v) => v !== null));
  const figureNode = el('figure', { class: 'ovs-chart', 'data-series': series });
  figureNode.appendChild(el('figcaption', {}, label + (kind === 'rate' ? ' (0–100 %)' : ' (max ' + format(top, kind) + ')')));
  const canvas = svg('svg', { width, height: height + 14, viewBox: '0 0 ' + width + ' ' + (height + 14), role: 'img' });
  canvas.appendChild(svg('line', { x1: 0, y1: height, x2: width, y2: height, stroke: '#999' }));
  days.forEach((day, i) => {
    const x = 5 + i * (barWidth + 4);
    const value = values[i];
    const barHeight = value === null ? 0 : Math.max(1, Math.round((value / top) * (height - 4)));
    const bar = svg('rect', {
      class: 'ovs-bar', x, y: height - barHeight, width: barWidth, height: barHeight,
      'data-day': day.to.toISOString(), 'data-value': JSON.stringify(value)
    });
    const tip = svg('title');
    tip.textContent = day.to.toISOString().slice(0, 10) + ': ' + format(value, kind);
    bar.appendChild(tip);
    canvas.appendChild(bar);
    const caption = svg('text', { x: x + barWidth / 2, y: height + 11, 'text-anchor': 'middle' });
    caption.textContent = day.to.toISOString().slice(5, 10);
    canvas.appendChild(caption);
  });
  figureNode.appendChild(canvas);
  return figureNode;
}

async function overTime(container, to) {
  const windows = Array.from({ length: DAYS }, (_, i) => ({
    from: new Date(to.getTime() - (DAYS - i) * DAY_MS),
    to: new Date(to.getTime() - (DAYS - i - 1) * DAY_MS)
  }));
  const days = await Promise.all(windows.map(async (w) => ({ ...w, data: await metrics(w.from, w.to) })));
  const charts = el('div', { class: 'ovs-charts' });
  SERIES.forEach(([series, label, kind]) => charts.appendChild(chart(series, label, kind, days)));
  container.appendChild(charts);
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
    await overTime(root, to);
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

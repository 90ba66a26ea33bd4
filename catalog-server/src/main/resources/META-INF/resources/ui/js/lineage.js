// Lineage in the console: a table's graph drawn as cards (name, kind, owner) with a layered
// layout, readable at first sight (labels 14 px, never drawn below 12 px at the start: a graph
// larger than the panel is panned and zoomed); column lineage; the impact list of everything
// downstream with depth and owners, as CSV too. Hidden nodes are placeholders that say so.
import * as api from './api.js';
import { el, replace, when, section, empty, status, button, breakable } from './dom.js';
import { link } from './main.js';

const L = api.GH + '/lineage';
const MIN_START_ZOOM = 12 / 14;
const owners = new Map();

// A mapped dataset is a table (full name) or a registered model's version ("c.s.m/3"): the name
// the lineage API starts from, and the catalog object the console links to.
function mappedName(t) {
  return t.securable_type === 'MODEL_VERSION' ? t.full_name + '/' + t.version : t.full_name;
}

function isModelVersion(name) {
  return name.includes('/');
}

/** The lineage API's start for a mapped name: {table} or {model, version}. */
function startOf(name) {
  if (!isModelVersion(name)) return { table: name };
  const slash = name.lastIndexOf('/');
  return { model: name.slice(0, slash), version: name.slice(slash + 1) };
}

function catalogLink(name) {
  return isModelVersion(name)
    ? el('a', { href: link('models', ...startOf(name).model.split('.')) }, 'Open the model')
    : el('a', { href: link('catalogs', ...name.split('.')) }, 'Open the table');
}

function ownerOf(fullName) {
  if (!owners.has(fullName)) {
    const path = isModelVersion(fullName) ? '/models/' + encodeURIComponent(startOf(fullName).model)
      : '/tables/' + encodeURIComponent(fullName);
    owners.set(fullName, api.get(api.UC + path, { include_browse: true }).then((t) => t.owner || null, () => null));
  }
  return owners.get(fullName);
}

function nodeName(n) {
  if (n.redacted) return n.kind === 'JOB' ? 'Hidden job' : 'Hidden dataset';
  if (!n.table) return n.name;
  return n.table.securable_type === 'MODEL_VERSION' ? n.table.full_name + ' version ' + n.table.version : n.table.full_name;
}

function kindText(n) {
  if (n.redacted) return 'not visible to you';
  if (n.kind === 'JOB') return 'job · ' + n.namespace;
  if (!n.table) return 'dataset · ' + n.namespace;
  return n.table.securable_type === 'MODEL_VERSION' ? 'model version' : 'table';
}

/** Breaks a long name after dots, slashes or underscores so that no line is wider than max characters. */
export function wrapName(name, max) {
  const parts = String(name).split(/(?<=[./_:@-])/);
  const lines = [];
  let line = '';
  parts.forEach((p) => {
    while (p.length > max) { if (line) { lines.push(line); line = ''; } lines.push(p.slice(0, max)); p = p.slice(max); }
    if ((line + p).length > max && line) { lines.push(line); line = ''; }
    line += p;
  });
  if (line) lines.push(line);
  return lines;
}

const STYLE = [
  { selector: 'node', style: { 'shape': 'round-rectangle', 'width': 'data(w)', 'height': 'data(h)', 'label': 'data(label)',
    'font-size': 14, 'font-family': 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif', 'color': '#111827',
    'text-valign': 'center', 'text-halign': 'center', 'text-wrap': 'wrap', 'text-max-width': 'data(tw)', 'line-height': 1.35,
    'background-color': '#ffffff', 'border-width': 1, 'border-color': '#cbd2dc', 'text-justification': 'left' } },
  { selector: 'node.table', style: { 'border-color': '#1d5fd6', 'border-width': 2, 'background-color': '#f3f7fe' } },
  { selector: 'node.dataset', style: { 'border-color': '#64748b', 'border-width': 1.5 } },
  { selector: 'node.job', style: { 'border-color': '#d97706', 'border-width': 2, 'background-color': '#fffaf0' } },
  { selector: 'node.redacted', style: { 'background-color': '#f1f5f9', 'border-style': 'dashed', 'border-color': '#64748b', 'color': '#475569' } },
  { selector: 'node.start', style: { 'border-width': 3, 'border-color': '#0b3d91', 'background-color': '#e8f0fd' } },
  { selector: 'node:selected', style: { 'overlay-color': '#1d5fd6', 'overlay-opacity': 0.12, 'overlay-padding': 4 } },
  { selector: 'node.holder', style: { 'background-color': '#f8fafc', 'border-color': '#94a3b8', 'text-valign': 'top', 'text-halign': 'center',
    'font-weight': 600, 'padding': 14, 'text-margin-y': -4 } },
  { selector: 'node.holder.redacted', style: { 'border-style': 'dashed' } },
  { selector: 'node.column', style: { 'background-color': '#ffffff', 'border-color': '#1d5fd6' } },
  { selector: 'node.column.startcol', style: { 'background-color': '#1d5fd6', 'color': '#ffffff' } },
  { selector: 'edge', style: { 'width': 1.6, 'line-color': '#94a3b8', 'target-arrow-color': '#94a3b8', 'target-arrow-shape': 'triangle',
    'curve-style': 'taxi', 'taxi-direction': 'rightward', 'taxi-turn': '50%', 'label': 'data(label)', 'font-size': 14, 'color': '#374151',
    'text-background-color': '#ffffff', 'text-background-opacity': 1, 'text-background-padding': 2, 'z-index': 0,
    'text-wrap': 'wrap' } },
];

function cardSize(lines) {
  const longest = Math.max(...lines.map((l) => l.length));
  return { w: Math.max(140, Math.min(300, longest * 7.9 + 26)), h: 20 + lines.length * 19 };
}

class View {
  constructor(root, full, params) {
    this.root = root;
    this.full = full;
    this.depth = Number(params.get('depth')) || 2;
    this.direction = params.get('direction') || 'BOTH';
    this.column = params.get('column') || '';
    this.tab = params.get('view') || 'graph';
    this.standalone = !!params.standalone;
    this.nodes = new Map();
    this.edges = new Map();
    this.cy = null;
  }

  href(over) {
    const p = Object.assign({ table: this.full, depth: this.depth, direction: this.direction, column: this.column, view: this.tab }, over || {});
    if (p.view === 'graph') delete p.view;
    if (p.direction === 'BOTH') delete p.direction;
    return link('lineage', p);
  }

  async start(stale) {
    const g = await api.get(L + '/graph', Object.assign(startOf(this.full), { direction: this.direction, depth: this.depth, max_results: 1000 }));
    if (stale()) return;
    this.startFound = g.start_found !== false;
    g.nodes.forEach((n) => this.nodes.set(n.id, n));
    g.edges.forEach((e) => this.edges.set(e.from + '>' + e.to, e));
    this.startNode = g.nodes.find((n) => n.depth === 0) || null;
    this.truncated = g.truncated || !!g.next_page_token;
    await this.loadOwners();
    if (stale()) return;
    this.draw();
  }

  async loadOwners() {
    const names = [...this.nodes.values()].filter((n) => !n.redacted && n.table).map((n) => mappedName(n.table));
    const found = await Promise.all(names.map((n) => ownerOf(n).then((o) => [n, o])));
    this.owner = new Map(found);
  }

  toolbar() {
    const depthSel = el('select', { id: 'lineage-depth', 'aria-label': 'Depth' }, [1, 2, 3, 5, 10].map((d) => el('option', { value: d, selected: d === this.depth }, 'depth ' + d)));
    depthSel.addEventListener('change', () => { window.location.hash = this.href({ depth: depthSel.value }); });
    const dirSel = el('select', { id: 'lineage-direction', 'aria-label': 'Direction' },
      [['BOTH', 'up- and downstream'], ['UPSTREAM', 'upstream'], ['DOWNSTREAM', 'downstream']].map(([v, t]) => el('option', { value: v, selected: v === this.direction }, t)));
    dirSel.addEventListener('change', () => { window.location.hash = this.href({ direction: dirSel.value }); });
    return el('div', { class: 'lineage-bar' },
      el('nav', { class: 'tabs', style: 'margin:0;border:0', 'aria-label': 'Lineage views' },
        [['graph', 'Graph'], ['columns', 'Columns'], ['impact', 'Impact']].map(([id, t]) =>
          el('a', { href: this.href({ view: id }), 'aria-current': this.tab === id ? 'page' : null, 'data-lineage-view': id }, t))),
      el('span', { class: 'spacer' }),
      this.tab === 'graph' ? [dirSel, depthSel,
        button('−', () => this.cy && this.cy.zoom({ level: this.cy.zoom() / 1.25, renderedPosition: this.center() }), { 'aria-label': 'Zoom out' }),
        button('+', () => this.cy && this.cy.zoom({ level: this.cy.zoom() * 1.25, renderedPosition: this.center() }), { 'aria-label': 'Zoom in' }),
        button('Fit', () => this.cy && this.cy.fit(undefined, 30), { 'data-testid': 'fit' }),
        button('Reset', () => this.home(), {})] : null,
      this.standalone ? null : el('a', { class: 'button', href: this.href() }, 'Open full page'));
  }

  center() {
    const c = this.cy.container();
    return { x: c.clientWidth / 2, y: c.clientHeight / 2 };
  }

  draw() {
    // One tab stop: arrows move the selection along the edges and within a layer, + and - zoom,
    // Enter opens the selected table's page; the details beside it are read out as they change.
    const graph = el('div', { id: 'graph', 'data-testid': 'graph', role: 'application', tabindex: '0',
      'aria-roledescription': 'lineage graph', 'aria-describedby': 'graph-keys',
      'aria-label': 'Lineage graph of ' + this.full + '. Arrow keys move between cards, Enter opens a table.' });
    graph.addEventListener('keydown', (ev) => this.onKey(ev));
    this.details = el('aside', { class: 'card', 'data-testid': 'details', 'aria-live': 'polite', 'aria-label': 'Selected card' });
    replace(this.root, this.toolbar(),
      this.startFound ? null : empty('No pipeline has reported lineage for this table yet.'),
      el('div', { class: 'lineage-wrap' }, el('div', {}, graph,
        el('div', { class: 'legend' }, el('span', {}, el('span', { class: 'sw table' }), 'catalog table'),
          el('span', {}, el('span', { class: 'sw dataset' }), 'dataset outside the catalog'), el('span', {}, el('span', { class: 'sw job' }), 'job'),
          el('span', {}, el('span', { class: 'sw hidden' }), 'hidden from you'),
          el('span', { id: 'graph-keys' }, 'Drag to pan, scroll to zoom, select a card for details; with the keyboard, arrows move and + / − zoom.'),
          this.truncated ? el('span', { class: 'badge warn' }, 'more exists: expand step by step') : null)),
      this.details));
    this.cy = window.cytoscape({ container: graph, style: STYLE, minZoom: 0.2, maxZoom: 2.5, wheelSensitivity: 0.3, boxSelectionEnabled: false });
    this.cy.on('tap', 'node', (ev) => this.select(ev.target.id()));
    this.render();
    if (this.startNode) this.select(this.startNode.id);
  }

  elements() {
    const out = [];
    this.nodes.forEach((n) => {
      const name = nodeName(n);
      const lines = wrapName(name, 30);
      const owner = n.table ? this.owner.get(mappedName(n.table)) : null;
      // The kind, then the owner on a line of its own (broken after '@' or '.', never mid-word).
      const all = lines.concat(wrapName(kindText(n), 32), owner ? wrapName('owner ' + owner, 36) : []);
      const s = cardSize(all);
      const cls = [n.kind === 'JOB' ? 'job' : (n.table ? 'table' : 'dataset')];
      if (n.redacted) cls.push('redacted');
      if (this.startNode && n.id === this.startNode.id) cls.push('start');
      out.push({ group: 'nodes', data: { id: n.id, label: all.join('\n'), name, kind: n.kind, owner: owner || '', redacted: !!n.redacted,
        w: s.w, h: s.h, tw: s.w - 20 }, classes: cls.join(' ') });
    });
    this.edges.forEach((e, key) => {
      if (this.nodes.has(e.from) && this.nodes.has(e.to)) out.push({ group: 'edges', data: { id: key, source: e.from, target: e.to, label: '' } });
    });
    return out;
  }

  layout(elements, compound) {
    const g = new window.dagre.graphlib.Graph({ compound });
    g.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: this.ranksep || 64, marginx: 20, marginy: 20 });
    g.setDefaultEdgeLabel(() => ({}));
    elements.filter((e) => e.group === 'nodes').forEach((e) => {
      if (e.classes && e.classes.includes('holder')) g.setNode(e.data.id, { paddingTop: 30 });
      else { g.setNode(e.data.id, { width: e.data.w, height: e.data.h }); if (e.data.parent) g.setParent(e.data.id, e.data.parent); }
    });
    elements.filter((e) => e.group === 'edges').forEach((e) => g.setEdge(e.data.source, e.data.target));
    window.dagre.layout(g);
    const pos = {};
    g.nodes().forEach((id) => { const p = g.node(id); if (p && !(compound && g.children(id).length)) pos[id] = { x: p.x, y: p.y }; });
    return pos;
  }

  render(elements, compound) {
    const els = elements || this.elements();
    const pos = this.layout(els, !!compound);
    this.cy.elements().remove();
    this.cy.add(els);
    this.cy.layout({ name: 'preset', positions: (n) => pos[n.id()] || { x: 0, y: 0 }, fit: false }).run();
    this.home();
    document.body.dataset.rendered = String(Date.now());
  }

  /**
   * Fits the graph, but never so small that 14 px labels fall under 12 px: a larger graph starts
   * centred on the start node, and is panned (drag) and zoomed (wheel, the buttons).
   */
  home() {
    this.cy.fit(undefined, 24);
    if (this.cy.zoom() < MIN_START_ZOOM) {
      this.cy.zoom(MIN_START_ZOOM);
      // The middle of the graph, unless that leaves the start node out of sight.
      this.cy.center();
      const start = this.startNode ? this.cy.getElementById(this.startNode.id) : this.cy.collection();
      if (start.length) {
        const box = start.renderedBoundingBox();
        const c = this.cy.container();
        // Bring it just inside the edge it fell beyond, so the rest of the graph keeps the room.
        const m = 24;
        const dx = box.x1 < m ? m - box.x1 : box.x2 > c.clientWidth - m ? c.clientWidth - m - box.x2 : 0;
        const dy = box.y1 < m ? m - box.y1 : box.y2 > c.clientHeight - m ? c.clientHeight - m - box.y2 : 0;
        if (dx || dy) this.cy.panBy({ x: dx, y: dy });
      }
    } else if (this.cy.zoom() > 1.2) {
      this.cy.zoom(1.2);
      this.cy.center();
    }
  }

  /** Keyboard: Left/Right follow the edges up- and downstream, Up/Down move within a layer. */
  onKey(ev) {
    if (!this.cy) return;
    const zoom = { '+': 1.25, '=': 1.25, '-': 0.8 }[ev.key];
    if (zoom) {
      this.cy.zoom({ level: this.cy.zoom() * zoom, renderedPosition: this.center() });
      ev.preventDefault();
      return;
    }
    const selected = this.cy.nodes(':selected').first();
    const at = selected.length ? selected : this.cy.nodes().first();
    if (!at.length) return;
    let next = null;
    const nearest = (list, key) => list.sort((a, b) => key(a) - key(b))[0] || null;
    const p = at.position();
    if (ev.key === 'ArrowRight') next = nearest(at.outgoers('node').toArray(), (n) => Math.abs(n.position().y - p.y));
    else if (ev.key === 'ArrowLeft') next = nearest(at.incomers('node').toArray(), (n) => Math.abs(n.position().y - p.y));
    else if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      const down = ev.key === 'ArrowDown';
      const same = this.cy.nodes().toArray().filter((n) => n.id() !== at.id() && Math.abs(n.position().x - p.x) < 40
        && (down ? n.position().y > p.y : n.position().y < p.y));
      next = nearest(same, (n) => Math.abs(n.position().y - p.y));
    } else if (ev.key === 'Enter') {
      const n = this.nodes.get(at.id());
      if (n && n.table && !n.redacted && !isModelVersion(mappedName(n.table))) window.location.hash = link('catalogs', ...mappedName(n.table).split('.'));
    } else return;
    ev.preventDefault();
    if (!next) return;
    this.select(next.id());
    // Keep the selected card in sight.
    const box = next.renderedBoundingBox();
    const c = this.cy.container();
    if (box.x1 < 0 || box.y1 < 0 || box.x2 > c.clientWidth || box.y2 > c.clientHeight) this.cy.center(next);
  }

  async expand(id, direction) {
    const n = this.nodes.get(id);
    if (!n || n.redacted) return;
    const params = n.kind === 'JOB' ? { job: id } : { dataset: id };
    const g = await api.get(L + '/graph', Object.assign(params, { direction, depth: 1, max_results: 1000 }));
    const before = this.nodes.size;
    g.nodes.forEach((x) => { if (!this.nodes.has(x.id)) this.nodes.set(x.id, x); });
    g.edges.forEach((e) => this.edges.set(e.from + '>' + e.to, e));
    await this.loadOwners();
    this.render();
    // Bring what was expanded into view: the node and its neighbours on that side, centred at the zoom kept.
    const at = this.cy.getElementById(id);
    if (at.length) this.cy.center(at.union(direction === 'UPSTREAM' ? at.incomers() : at.outgoers()));
    this.select(id);
    status('Expanded ' + direction.toLowerCase() + ': ' + (this.nodes.size - before) + ' new node(s).');
  }

  async select(id) {
    const n = this.nodes.get(id);
    if (!n || !this.details) return;
    this.cy.nodes().unselect();
    this.cy.getElementById(id).select();
    if (n.redacted) {
      replace(this.details, el('h2', { 'data-testid': 'details-title' }, nodeName(n)),
        el('p', {}, n.kind === 'JOB' ? 'A job that reads or writes something you may not browse: its name and SQL stay hidden.'
          : 'A dataset you may not see. Ask its owner for BROWSE or a privilege on it.'));
      return;
    }
    const run = n.latest_run;
    const owner = n.table ? this.owner.get(mappedName(n.table)) : null;
    replace(this.details, el('h2', { 'data-testid': 'details-title', class: 'break' }, breakable(nodeName(n))),
      el('dl', { class: 'facts', style: 'grid-template-columns: 90px minmax(0,1fr)' },
        el('dt', {}, 'Kind'), el('dd', {}, kindText(n)),
        owner ? [el('dt', {}, 'Owner'), el('dd', { 'data-testid': 'details-owner' }, breakable(owner))] : null,
        el('dt', {}, 'Namespace'), el('dd', {}, n.namespace),
        n.kind !== 'JOB' ? null : el('dt', {}, 'Last run'), n.kind !== 'JOB' ? null : el('dd', { 'data-testid': 'details-last-run' }, run ? [el('span', { class: 'badge ' + (run.state === 'COMPLETE' ? 'ok' : run.state === 'FAIL' || run.state === 'ABORT' ? 'bad' : 'warn') }, run.state || '?'), ' ', when(run.ended_at || run.last_event_time)] : 'none recorded'),
        run && run.started_at ? [el('dt', {}, 'Started'), el('dd', {}, when(run.started_at))] : null),
      el('div', { class: 'formrow', style: 'margin-top:12px' },
        button('← Upstream', () => this.expand(id, 'UPSTREAM'), { 'data-testid': 'expand-upstream' }),
        button('Downstream →', () => this.expand(id, 'DOWNSTREAM'), { 'data-testid': 'expand-downstream' })),
      n.table ? el('p', {}, catalogLink(mappedName(n.table))) : null,
      el('div', { 'data-testid': 'details-runs' }));
    // Who writes and reads it, each with the last run that showed the edge.
    try {
      const d = await api.get(L + (n.kind === 'JOB' ? '/jobs/' : '/datasets/') + encodeURIComponent(id));
      if (this.details.querySelector('[data-testid=details-title]').textContent !== nodeName(n)) return;
      const lists = n.kind === 'JOB' ? [['Reads', d.inputs], ['Writes', d.outputs]] : [['Written by', d.producers], ['Read by', d.consumers]];
      replace(this.details.querySelector('[data-testid=details-runs]'), lists.map(([title, xs]) => [el('h3', { class: 'mini' }, title),
        !xs || xs.length === 0 ? el('p', { class: 'muted' }, 'none') : el('ul', { class: 'plain' }, xs.map((x) => el('li', {},
          el('span', { class: 'colname' }, breakable(nodeName(x.node))), el('div', { class: 'muted' }, x.last_run
            ? [x.last_run.state || '?', ' ', when(x.last_run.ended_at || x.last_run.last_event_time)] : 'no run recorded'))))]));
    } catch (e) {
      // Details are a convenience: the card already says what the graph knows.
    }
  }

  async columns(stale) {
    const table = await api.get(api.UC + '/tables/' + encodeURIComponent(this.full), { include_browse: true });
    if (stale()) return;
    const names = (table.columns || []).map((c) => c.name);
    const pick = el('select', { id: 'lineage-column', 'aria-label': 'Column' }, el('option', { value: '' }, 'all columns'),
      names.map((c) => el('option', { value: c, selected: c === this.column }, c)));
    pick.addEventListener('change', () => { window.location.hash = this.href({ column: pick.value }); });
    const graph = el('div', { id: 'graph', 'data-testid': 'graph', role: 'img', 'aria-label': 'Column lineage of ' + this.full });
    replace(this.root, this.toolbar(), el('div', { class: 'lineage-bar' }, el('label', { for: 'lineage-column' }, 'Column '), pick,
      button('Fit', () => this.cy && this.cy.fit(undefined, 30))), graph);
    // One request: one column, or every column of the table in one walk (all_columns=true).
    const r = await api.get(L + '/columns', Object.assign({ table: this.full, direction: 'BOTH', depth: 10 },
      this.column ? { column: this.column } : { all_columns: true })).catch(() => null);
    if (stale()) return;
    const cols = new Map();
    const edges = new Map();
    if (r) {
      r.columns.forEach((c) => cols.set(c.id, c));
      r.edges.forEach((e) => edges.set(e.from + '>' + e.to, e));
    }
    const out = [];
    const holders = new Set();
    let longestLabel = 0;
    cols.forEach((c) => {
      const parent = 'ds:' + c.dataset_id;
      if (!holders.has(parent)) {
        holders.add(parent);
        const name = c.redacted ? 'Hidden dataset' : (c.table ? nodeName(c) : c.name);
        out.push({ group: 'nodes', data: { id: parent, label: name, kind: 'DATASET', redacted: !!c.redacted }, classes: 'holder' + (c.redacted ? ' redacted' : '') });
      }
      const text = c.redacted ? 'hidden column' : c.field + (c.type ? ' : ' + c.type : '');
      const s = cardSize([text]);
      out.push({ group: 'nodes', data: { id: c.id, parent, label: text, kind: 'COLUMN', redacted: !!c.redacted, w: s.w, h: 32, tw: s.w - 16 },
        classes: 'column' + (c.redacted ? ' redacted' : '') + (c.depth === 0 ? ' startcol' : '') });
    });
    edges.forEach((e, key) => {
      if (cols.has(e.from) && cols.has(e.to)) {
        const label = e.job ? wrapName(e.job.redacted ? 'hidden job' : e.job.name, 22) : [];
        longestLabel = Math.max(longestLabel, ...label.map((l) => l.length), 0);
        out.push({ group: 'edges', data: { id: key, source: e.from, target: e.to, label: label.join('\n') } });
      }
    });
    this.cy = window.cytoscape({ container: graph, style: STYLE, minZoom: 0.2, maxZoom: 2.5, wheelSensitivity: 0.3 });
    if (out.length === 0) graph.parentNode.insertBefore(empty('No column lineage recorded for ' + (this.column || 'any column') + '.'), graph);
    // Room between the layers for the job names on the edges.
    this.ranksep = Math.max(64, longestLabel * 8.6 + 40);
    this.render(out, true);
  }

  async impact(stale) {
    const g = await api.get(L + '/graph', Object.assign(startOf(this.full), { direction: 'DOWNSTREAM', depth: 20, max_results: 5000 }));
    if (stale()) return;
    g.nodes.forEach((n) => this.nodes.set(n.id, n));
    await this.loadOwners();
    if (stale()) return;
    const rows = g.nodes.filter((n) => n.depth > 0).sort((a, b) => a.depth - b.depth || nodeName(a).localeCompare(nodeName(b)))
      .map((n) => ({ depth: n.depth, kind: n.redacted ? 'hidden' : (n.kind === 'JOB' ? 'job' : n.table ? 'table' : 'dataset'),
        name: nodeName(n), owner: (n.table && this.owner.get(mappedName(n.table))) || '', run: n.latest_run }));
    const csv = () => {
      const q = (v) => '"' + String(v === null || v === undefined ? '' : v).replace(/"/g, '""') + '"';
      const lines = [['depth', 'kind', 'name', 'owner', 'last_run_state', 'last_run_at'].join(',')]
        .concat(rows.map((r) => [r.depth, r.kind, r.name, r.owner, r.run ? r.run.state : '', r.run ? (r.run.ended_at || r.run.last_event_time || '') : ''].map(q).join(',')));
      const url = URL.createObjectURL(new Blob([lines.join('\r\n') + '\r\n'], { type: 'text/csv' }));
      const a = el('a', { href: url, download: 'impact-' + this.full + '.csv' });
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    };
    replace(this.root, this.toolbar(), section('Impact: everything downstream of ' + this.full,
      el('p', { class: 'lead' }, rows.length + ' downstream node(s) you may know of; hidden ones are counted, not named.',
        g.truncated ? ' The list is truncated.' : ''),
      el('div', { class: 'formrow', style: 'margin-bottom:10px' }, button('Export CSV', csv, { 'data-testid': 'export-csv' })),
      rows.length === 0 ? empty('Nothing downstream.') : el('table', { class: 'data', 'data-testid': 'impact' },
        el('thead', {}, el('tr', {}, ['Depth', 'Kind', 'Name', 'Owner', 'Last run'].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, rows.map((r) => el('tr', {},
          el('td', {}, String(r.depth)), el('td', {}, el('span', { class: 'badge' }, r.kind)),
          el('td', { class: 'colname' }, r.kind === 'table' ? el('a', { href: link('catalogs', ...r.name.split('.')) }, r.name) : r.name),
          el('td', {}, r.owner ? breakable(r.owner) : '–'),
          el('td', {}, r.run ? [r.run.state, ' ', when(r.run.ended_at || r.run.last_event_time)] : '–')))))));
    this.impactRows = rows;
  }
}

let current = null;

async function show(root, full, params, stale) {
  const v = new View(root, full, params);
  current = v;
  replace(root, el('p', { class: 'muted' }, 'Loading lineage…'));
  if (v.tab === 'impact') return v.impact(stale);
  if (v.tab === 'columns') return v.columns(stale);
  return v.start(stale);
}

/** The lineage tab of a table page. */
export function embedded(body, full, stale) {
  const params = new URLSearchParams(window.location.hash.split('?')[1] || '');
  return show(body, full, params, stale);
}

/** #/lineage?table=...: a lineage search, or one table's lineage full width. */
export async function page(view, params, stale) {
  const crumbs = document.getElementById('crumbs');
  const full = params.get('table');
  crumbs.replaceChildren(el('a', { href: '#/' }, 'Catalogs'), el('span', { class: 'sep' }, ' / '), el('span', {}, 'Lineage'));
  const form = el('form', { class: 'formrow', role: 'search', 'data-testid': 'lineage-search' },
    el('div', { class: 'field' }, el('label', { for: 'lineage-q' }, 'Find a table, dataset or job'),
      el('input', { id: 'lineage-q', type: 'search', value: params.get('q') || '', placeholder: 'orders, s3://landing …' })),
    el('button', { type: 'submit', class: 'primary' }, 'Search'));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); window.location.hash = link('lineage', { q: form.querySelector('input').value.trim() }); });
  if (!full) {
    const q = params.get('q');
    const list = el('div');
    replace(view, el('div', { class: 'pagehead' }, el('div', {}, el('h1', { 'data-testid': 'title' }, 'Lineage'),
      el('div', { class: 'sub' }, 'Where data comes from and where it goes, as pipelines report it.'))), section('Search', form, list));
    if (q) {
      const r = await api.get(L + '/search', { q, max_results: 30 });
      if (stale()) return;
      replace(list, r.nodes.length === 0 ? empty('Nothing found that you may see.') : el('ul', { class: 'results' }, r.nodes.map((n) => el('li', { 'data-testid': 'result' },
        n.table ? el('a', { href: link('lineage', { table: mappedName(n.table) }) }, nodeName(n)) : el('span', { class: 'colname' }, n.name),
        el('div', { class: 'why' }, kindText(n))))));
    }
    return;
  }
  const body = el('div');
  replace(view, el('div', { class: 'pagehead' }, el('div', {}, el('h1', { 'data-testid': 'title' }, 'Lineage of ' + full),
    el('div', { class: 'sub' }, catalogLink(full)))), body);
  params.standalone = true;
  return show(body, full, params, stale);
}

// For tests: what the graph draws, without reading pixels.
window.gatehouseLineageView = {
  nodes: () => (current && current.cy ? current.cy.nodes().map((n) => ({ id: n.id(), label: n.data('label'), name: n.data('name') || n.data('label'),
    kind: n.data('kind'), owner: n.data('owner') || '', redacted: !!n.data('redacted'),
    rendered: { w: n.renderedWidth(), h: n.renderedHeight() } })) : []),
  zoom: () => (current && current.cy ? current.cy.zoom() : null),
  impact: () => (current && current.impactRows) || [],
  select: (id) => current && current.select(id),
};

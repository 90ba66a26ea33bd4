// The steward's lineage page: sign in with a token (kept in sessionStorage for this tab only),
// search, and browse table and column lineage drawn by Cytoscape with a layered dagre layout.
// Every name shown comes from pipelines' events, so text is only ever set through textContent.
(function () {
  'use strict';

  const API = '/api/gatehouse/v1/lineage';
  const TOKEN_KEY = 'gatehouse.lineage.token';
  const $ = (id) => document.getElementById(id);

  const state = {
    mode: 'table',          // 'table' or 'column'
    nodes: new Map(),       // id -> node of the graph API
    edges: new Map(),       // "from>to" -> edge
    columns: null,          // the column graph when mode === 'column'
    selected: null,
    busy: 0,
  };
  let cy = null;

  // --- HTTP -----------------------------------------------------------------------------------

  async function call(path, params, accept) {
    const url = new URL(path, window.location.origin);
    Object.entries(params || {}).forEach(([k, v]) => { if (v !== undefined && v !== null) url.searchParams.set(k, v); });
    state.busy++;
    try {
      const response = await fetch(url, {
        headers: { 'Authorization': 'Bearer ' + sessionStorage.getItem(TOKEN_KEY), 'Accept': accept || 'application/json' },
        cache: 'no-store',
      });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) {
        const error = new Error(body.message || body.detail || ('HTTP ' + response.status));
        error.status = response.status;
        throw error;
      }
      return body;
    } finally {
      state.busy--;
    }
  }

  // --- small DOM helpers ----------------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === 'onclick') e.addEventListener('click', v);
      else if (v !== undefined && v !== null) e.setAttribute(k, v);
    });
    children.flat(Infinity).forEach((c) => {
      if (c === null || c === undefined) return;
      e.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    });
    return e;
  }

  /** Replaces the details panel's content; arrays (of sections) and nulls are allowed. */
  function show(...children) {
    $('details').replaceChildren(...children.flat(Infinity).filter((c) => c !== null && c !== undefined));
  }

  function status(message, error) {
    const s = $('status');
    s.textContent = message || '';
    s.className = error ? 'error' : '';
  }

  function when(iso) {
    return iso ? new Date(iso).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC') : '–';
  }

  function runText(run) {
    if (!run) return el('span', { class: 'hint' }, 'no run recorded');
    return el('span', {}, el('span', { class: 'state-' + run.state }, run.state || 'unknown'),
      ' · ', when(run.ended_at || run.last_event_time));
  }

  // --- sign in --------------------------------------------------------------------------------

  async function signIn(token) {
    sessionStorage.setItem(TOKEN_KEY, token);
    try {
      const me = await call('/api/2.0/scim/v2/Me', {}, 'application/scim+json');
      $('who-name').textContent = me.userName || me.applicationId || me.displayName || 'unknown';
      $('signin').hidden = true;
      $('who').hidden = false;
      $('app').hidden = false;
      status('Signed in.');
      ensureGraph();
      $('q').focus();
    } catch (e) {
      sessionStorage.removeItem(TOKEN_KEY);
      status('Sign-in failed: ' + e.message, true);
    }
  }

  async function signOut() {
    const token = sessionStorage.getItem(TOKEN_KEY);
    sessionStorage.removeItem(TOKEN_KEY);
    // A token from single sign-on stops working at once; a typed-in token is left as it was.
    if (token) {
      await fetch('/sign-in/logout', { method: 'POST', headers: { 'Authorization': 'Bearer ' + token } }).catch(() => {});
    }
    window.location.reload();
  }

  // --- search ---------------------------------------------------------------------------------

  async function search(text) {
    const list = $('results');
    list.replaceChildren();
    try {
      const result = await call(API + '/search', { q: text, max_results: 20 });
      if (result.nodes.length === 0) {
        list.appendChild(el('li', { class: 'hint' }, 'Nothing found that you may see.'));
      }
      result.nodes.forEach((n) => {
        const item = el('li', { tabindex: '0', 'data-id': n.id, 'data-testid': 'result' },
          el('span', { class: 'kind' }, n.kind === 'JOB' ? 'job · ' + n.namespace : (n.table ? 'table' : 'dataset · ' + n.namespace)),
          n.table ? n.table.full_name : n.name);
        item.addEventListener('click', () => openNode(n));
        item.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') openNode(n); });
        list.appendChild(item);
      });
      status(result.nodes.length + ' result(s).');
    } catch (e) {
      status('Search failed: ' + e.message, true);
    }
  }

  // --- table lineage --------------------------------------------------------------------------

  function startParams(node) {
    return node.kind === 'JOB' ? { job: node.id } : { dataset: node.id };
  }

  function merge(graph) {
    graph.nodes.forEach((n) => {
      const known = state.nodes.get(n.id);
      if (!known || n.depth < known.depth) state.nodes.set(n.id, n);
    });
    graph.edges.forEach((e) => state.edges.set(e.from + '>' + e.to, e));
  }

  async function openNode(node) {
    state.mode = 'table';
    state.nodes.clear();
    state.edges.clear();
    $('back').hidden = true;
    $('mode').textContent = 'Table lineage';
    try {
      const graph = await call(API + '/graph', Object.assign(startParams(node), { direction: 'BOTH', depth: depth(), max_results: 1000 }));
      merge(graph);
      render();
      select(node.id);
      status('Showing ' + state.nodes.size + ' node(s)' + (graph.next_page_token || graph.truncated ? ' (more exist; expand step by step)' : '') + '.');
    } catch (e) {
      status('Could not load lineage: ' + e.message, true);
    }
  }

  async function expand(id, direction) {
    const node = state.nodes.get(id);
    if (!node || node.redacted) return;
    try {
      const graph = await call(API + '/graph', Object.assign(startParams(node), { direction: direction, depth: depth(), max_results: 1000 }));
      const before = state.nodes.size;
      merge(graph);
      render();
      select(id);
      status('Expanded ' + direction.toLowerCase() + ': ' + (state.nodes.size - before) + ' new node(s).');
    } catch (e) {
      status('Could not expand: ' + e.message, true);
    }
  }

  function depth() {
    return Number($('depth').value) || 1;
  }

  function label(n) {
    if (n.redacted) return 'hidden';
    if (n.kind === 'JOB') return n.name;
    return n.table ? n.table.full_name : n.name;
  }

  function size(text) {
    return { w: Math.min(260, Math.max(90, text.length * 7 + 24)), h: 34 };
  }

  function tableElements() {
    const elements = [];
    state.nodes.forEach((n) => {
      const text = label(n);
      const s = size(text);
      const classes = [n.kind === 'JOB' ? 'job' : (n.table ? 'table' : 'dataset')];
      if (n.redacted) classes.push('redacted');
      elements.push({ group: 'nodes', data: { id: n.id, label: text, kind: n.kind, redacted: !!n.redacted, w: s.w, h: s.h }, classes: classes.join(' ') });
    });
    state.edges.forEach((e, key) => {
      if (state.nodes.has(e.from) && state.nodes.has(e.to)) {
        elements.push({ group: 'edges', data: { id: key, source: e.from, target: e.to, label: '' } });
      }
    });
    return elements;
  }

  // --- column lineage -------------------------------------------------------------------------

  async function columnLineage(datasetId, field) {
    try {
      const result = await call(API + '/columns', { dataset: datasetId, column: field, direction: 'BOTH', depth: 10 });
      state.mode = 'column';
      state.columns = result;
      $('back').hidden = false;
      $('mode').textContent = 'Column lineage of ' + field;
      render();
      status(result.columns.length + ' column(s) reached' + (result.truncated ? ' (truncated)' : '') + '.');
    } catch (e) {
      status('Could not load column lineage: ' + e.message, true);
    }
  }

  function columnElements() {
    const elements = [];
    const datasets = new Map();
    state.columns.columns.forEach((c) => {
      const parent = 'ds:' + c.dataset_id;
      if (!datasets.has(parent)) {
        const name = c.redacted ? 'hidden' : (c.table ? c.table.full_name : c.name);
        datasets.set(parent, true);
        elements.push({ group: 'nodes', data: { id: parent, label: name, kind: 'DATASET', redacted: !!c.redacted }, classes: 'holder' + (c.redacted ? ' redacted' : '') });
      }
      const text = c.redacted ? 'hidden' : c.field + (c.type ? ' : ' + c.type : '');
      const s = size(text);
      elements.push({ group: 'nodes', data: { id: c.id, parent: parent, label: text, kind: 'COLUMN', redacted: !!c.redacted, w: s.w, h: 28 },
        classes: 'column' + (c.redacted ? ' redacted' : '') + (c.depth === 0 ? ' start' : '') });
    });
    state.columns.edges.forEach((e, i) => {
      elements.push({ group: 'edges', data: { id: 'ce' + i, source: e.from, target: e.to, label: e.job ? (e.job.redacted ? 'hidden job' : e.job.name) : '' } });
    });
    return elements;
  }

  // --- drawing --------------------------------------------------------------------------------

  const STYLE = [
    { selector: 'node', style: { 'shape': 'round-rectangle', 'width': 'data(w)', 'height': 'data(h)', 'label': 'data(label)',
      'font-size': 11, 'color': '#fff', 'text-valign': 'center', 'text-halign': 'center', 'text-wrap': 'ellipsis',
      'text-max-width': 'data(w)', 'background-color': '#4f7cc9', 'border-width': 0 } },
    { selector: 'node.table', style: { 'background-color': '#2e8b57' } },
    { selector: 'node.job', style: { 'shape': 'ellipse', 'background-color': '#e0902f' } },
    { selector: 'node.redacted', style: { 'background-color': '#b3b8c4', 'color': '#4a5266', 'border-width': 1, 'border-style': 'dashed', 'border-color': '#6b7385' } },
    { selector: 'node.holder', style: { 'shape': 'round-rectangle', 'background-color': '#eef2fa', 'border-width': 1, 'border-color': '#9aa9c7',
      'color': '#1d2433', 'text-valign': 'top', 'text-halign': 'center', 'font-weight': 'bold', 'padding': '12px' } },
    { selector: 'node.holder.redacted', style: { 'background-color': '#eceef2', 'border-style': 'dashed' } },
    { selector: 'node.column', style: { 'background-color': '#4f7cc9' } },
    { selector: 'node.column.start', style: { 'background-color': '#1f4f9c', 'border-width': 2, 'border-color': '#e0902f' } },
    { selector: 'node.column.redacted', style: { 'background-color': '#b3b8c4', 'color': '#4a5266' } },
    { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#1d2433', 'border-style': 'solid' } },
    { selector: 'edge', style: { 'width': 1.5, 'line-color': '#9aa3b5', 'target-arrow-color': '#9aa3b5', 'target-arrow-shape': 'triangle',
      'curve-style': 'bezier', 'label': 'data(label)', 'font-size': 9, 'color': '#6b7385', 'text-background-color': '#fbfbfc',
      'text-background-opacity': 1 } },
  ];

  function ensureGraph() {
    if (cy) return;
    cy = cytoscape({ container: $('graph'), style: STYLE, minZoom: 0.1, maxZoom: 3 });
    cy.on('tap', 'node', (ev) => {
      const n = ev.target;
      if (n.data('kind') === 'COLUMN' || n.hasClass('holder')) return;
      select(n.id());
    });
  }

  function layout(elements) {
    const g = new dagre.graphlib.Graph({ compound: state.mode === 'column' });
    g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 60, marginx: 20, marginy: 20 });
    g.setDefaultEdgeLabel(() => ({}));
    elements.filter((e) => e.group === 'nodes').forEach((e) => {
      if (e.classes && e.classes.indexOf('holder') >= 0) {
        g.setNode(e.data.id, {});
      } else {
        g.setNode(e.data.id, { width: e.data.w, height: e.data.h });
        if (e.data.parent) g.setParent(e.data.id, e.data.parent);
      }
    });
    elements.filter((e) => e.group === 'edges').forEach((e) => g.setEdge(e.data.source, e.data.target));
    dagre.layout(g);
    const positions = {};
    g.nodes().forEach((id) => { const p = g.node(id); if (p) positions[id] = { x: p.x, y: p.y }; });
    return positions;
  }

  function render() {
    ensureGraph();
    const elements = state.mode === 'column' ? columnElements() : tableElements();
    const positions = layout(elements);
    cy.elements().remove();
    cy.add(elements);
    cy.layout({ name: 'preset', positions: (n) => positions[n.id()] || { x: 0, y: 0 }, fit: true, padding: 30 }).run();
    document.body.dataset.rendered = String(Date.now());
  }

  // --- details --------------------------------------------------------------------------------

  async function select(id) {
    const node = state.nodes.get(id);
    if (!node) return;
    state.selected = id;
    if (cy) {
      cy.nodes().unselect();
      cy.getElementById(id).select();
    }
    const panel = $('details');
    panel.replaceChildren(el('p', { class: 'hint' }, 'Loading…'));
    if (node.redacted) {
      panel.replaceChildren(el('h2', { 'data-testid': 'details-title' }, 'Hidden ' + node.kind.toLowerCase()),
        el('p', {}, node.kind === 'JOB'
          ? 'You may not see this job: it reads or writes something that you may not browse.'
          : 'You may not see this dataset. Ask its owner for BROWSE or a privilege on it.'));
      return;
    }
    try {
      if (node.kind === 'JOB') {
        showJob(await call(API + '/jobs/' + id));
      } else {
        showDataset(await call(API + '/datasets/' + id));
      }
    } catch (e) {
      panel.replaceChildren(el('p', { class: 'hint' }, 'Details unavailable: ' + e.message));
    }
  }

  function expandButtons(id) {
    return el('div', { class: 'actions' },
      el('button', { type: 'button', 'data-testid': 'expand-upstream', onclick: () => expand(id, 'UPSTREAM') }, '← Expand upstream'),
      el('button', { type: 'button', 'data-testid': 'expand-downstream', onclick: () => expand(id, 'DOWNSTREAM') }, 'Expand downstream →'));
  }

  function facets(node) {
    try { return node.facets ? (typeof node.facets === 'string' ? JSON.parse(node.facets) : node.facets) : {}; } catch (e) { return {}; }
  }

  function neighbours(title, list) {
    return [el('h3', {}, title), list.length === 0 ? el('p', { class: 'hint' }, 'none')
      : el('ul', {}, list.map((x) => el('li', {}, el('a', { href: '#', onclick: (ev) => { ev.preventDefault(); select(x.node.id); } },
        x.node.redacted ? 'hidden ' + x.node.kind.toLowerCase() : label(x.node)), ' — ', runText(x.last_run))))];
  }

  function showDataset(d) {
    const node = d.dataset;
    const table = d.table;
    const f = facets(node);
    // The catalog's columns first; then the fields that the pipelines' schema facet adds (a table
    // registered with fewer columns than its jobs write still has lineage for each field).
    const columns = table && Array.isArray(table.columns)
      ? table.columns.map((c) => ({ name: c.name, type: c.type_text || c.type_name, comment: c.comment })) : [];
    const known = new Set(columns.map((c) => c.name.toLowerCase()));
    ((f.schema && Array.isArray(f.schema.fields)) ? f.schema.fields : []).forEach((c) => {
      if (c && typeof c.name === 'string' && !known.has(c.name.toLowerCase())) {
        known.add(c.name.toLowerCase());
        columns.push({ name: c.name, type: c.type, comment: c.description });
      }
    });
    const info = el('dl', {},
      el('dt', {}, 'namespace'), el('dd', {}, node.namespace),
      el('dt', {}, 'dataset'), el('dd', {}, node.name),
      table ? [el('dt', {}, 'table'), el('dd', { 'data-testid': 'details-table' }, table.full_name),
        el('dt', {}, 'owner'), el('dd', { 'data-testid': 'details-owner' }, table.owner),
        el('dt', {}, 'type'), el('dd', {}, [table.table_type, table.data_source_format].filter(Boolean).join(' · ')),
        table.comment ? [el('dt', {}, 'comment'), el('dd', {}, table.comment)] : null] : [el('dt', {}, 'table'), el('dd', {}, 'not in the catalog')],
      el('dt', {}, 'last run'), el('dd', { 'data-testid': 'details-last-run' }, runText(d.producers && d.producers.length ? d.producers[0].last_run : null)));
    const tags = table && table.tags ? Object.entries(table.tags) : [];
    show(
      el('h2', { 'data-testid': 'details-title' }, table ? table.full_name : node.name),
      expandButtons(node.id),
      info,
      tags.length ? [el('h3', {}, 'Tags'), el('div', { 'data-testid': 'details-tags' }, tags.map(([k, v]) => el('span', { class: 'tag' }, v ? k + ' = ' + v : k)))] : null,
      el('h3', {}, 'Columns'),
      columns.length === 0 ? el('p', { class: 'hint' }, 'no schema known')
        : el('div', { 'data-testid': 'details-columns' }, columns.map((c) => el('div', { class: 'column' },
          el('span', {}, el('strong', {}, c.name), ' ', el('span', { class: 'hint' }, c.type || '')),
          el('button', { type: 'button', 'data-testid': 'column-lineage', 'data-column': c.name, onclick: () => columnLineage(node.id, c.name) }, 'Column lineage')))),
      neighbours('Written by', d.producers || []),
      neighbours('Read by', d.consumers || []));
  }

  function showJob(j) {
    const node = j.job;
    const f = facets(node);
    const type = f.jobType ? [f.jobType.processingType, f.jobType.integration, f.jobType.jobType].filter(Boolean).join(' · ') : null;
    const run = node.latest_run;
    show(
      el('h2', { 'data-testid': 'details-title' }, node.name),
      expandButtons(node.id),
      el('dl', {},
        el('dt', {}, 'namespace'), el('dd', {}, node.namespace),
        type ? [el('dt', {}, 'type'), el('dd', {}, type)] : null,
        el('dt', {}, 'last run'), el('dd', { 'data-testid': 'details-last-run' }, runText(run)),
        run ? [el('dt', {}, 'started'), el('dd', {}, when(run.started_at)), el('dt', {}, 'run id'), el('dd', {}, run.id)] : null),
      f.sql && f.sql.query ? [el('h3', {}, 'SQL'), el('pre', {}, f.sql.query)] : null,
      neighbours('Reads', j.inputs || []),
      neighbours('Writes', j.outputs || []));
  }

  // --- wiring ---------------------------------------------------------------------------------

  window.addEventListener('DOMContentLoaded', () => {
    $('signin').addEventListener('submit', (ev) => { ev.preventDefault(); signIn($('token').value.trim()); $('token').value = ''; });
    $('signout').addEventListener('click', signOut);
    $('search').addEventListener('submit', (ev) => { ev.preventDefault(); const q = $('q').value.trim(); if (q) search(q); });
    $('fit').addEventListener('click', () => cy && cy.fit(undefined, 30));
    $('back').addEventListener('click', () => {
      state.mode = 'table';
      $('back').hidden = true;
      $('mode').textContent = 'Table lineage';
      render();
      if (state.selected) select(state.selected);
    });
    const saved = sessionStorage.getItem(TOKEN_KEY);
    if (saved) signIn(saved);
    // Single sign-on is offered when the server has it configured.
    fetch('/saml/metadata').then((r) => { if (r.ok) $('sso').hidden = false; }).catch(() => {});
  });

  // For tests and the curious: what is drawn, without reading pixels.
  window.gatehouseLineage = {
    busy: () => state.busy > 0,
    mode: () => state.mode,
    nodes: () => (cy ? cy.nodes().map((n) => ({ id: n.id(), label: n.data('label'), kind: n.data('kind'),
      redacted: !!n.data('redacted'), parent: n.data('parent') || null })) : []),
    edges: () => (cy ? cy.edges().map((e) => ({ source: e.data('source'), target: e.data('target'), label: e.data('label') || '' })) : []),
    select: (id) => select(id),
  };
})();

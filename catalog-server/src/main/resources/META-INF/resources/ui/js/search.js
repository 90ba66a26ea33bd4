// Search by name, comment and tag (of objects and of their columns) over what the caller may
// see: the catalog API has no search, so the console reads the listings it already uses for the
// tree (at most 200 schemas, four at a time) and matches in the browser.
import * as catalog from './catalog.js';
import { el, replace, icon, tagChip, empty } from './dom.js';
import { link } from './main.js';

const MAX_SCHEMAS = 200;

async function pool(items, n, f) {
  const out = [];
  let i = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (i < items.length) { const mine = items[i++]; out.push(await f(mine)); }
  }));
  return out;
}

async function index() {
  const entries = [];
  const cats = await catalog.catalogs();
  const schemaLists = await pool(cats, 4, (c) => catalog.schemas(c.name).then((ss) => ss.map((s) => [c, s]), () => []));
  cats.forEach((c) => entries.push({ kind: 'catalog', full: c.name, obj: c }));
  const schemas = schemaLists.flat().slice(0, MAX_SCHEMAS);
  schemas.forEach(([c, s]) => entries.push({ kind: 'schema', full: c.name + '.' + s.name, obj: s }));
  const objectLists = await pool(schemas, 4, ([c, s]) => catalog.children(c.name, s.name)
    .then((xs) => xs.map(({ kind, obj }) => ({ kind, full: c.name + '.' + s.name + '.' + obj.name, obj }))));
  objectLists.flat().forEach((x) => entries.push(x));
  return { entries, partial: schemaLists.flat().length > MAX_SCHEMAS };
}

function contains(text, q) {
  return typeof text === 'string' && text.toLowerCase().includes(q);
}

function matches(entry, q) {
  const why = [];
  const o = entry.obj;
  if (contains(entry.full, q)) why.push({ what: 'name' });
  if (contains(o.comment, q)) why.push({ what: 'comment', text: o.comment });
  Object.entries(o.tags || {}).forEach(([k, v]) => { if (contains(k, q) || contains(v, q)) why.push({ what: 'tag', tag: [k, v] }); });
  (Array.isArray(o.columns) ? o.columns : []).forEach((c) => {
    if (contains(c.name, q)) why.push({ what: 'column', text: c.name });
    else if (contains(c.comment, q)) why.push({ what: 'column comment', text: c.name + ': ' + c.comment });
    Object.entries(c.tags || {}).forEach(([k, v]) => { if (contains(k, q) || contains(v, q)) why.push({ what: 'column tag', text: c.name, tag: [k, v] }); });
  });
  return why;
}

function route(entry) {
  if (entry.kind === 'catalog') return link('catalogs', entry.full);
  if (entry.kind === 'schema') return link('catalogs', ...entry.full.split('.'));
  return link(...catalog.routeOf(entry.kind, entry.full));
}

export async function page(view, query, stale) {
  document.getElementById('crumbs').replaceChildren(el('a', { href: '#/' }, 'Catalogs'), el('span', { class: 'sep' }, ' / '), el('span', {}, 'Search'));
  const q = query.trim().toLowerCase();
  replace(view, el('h1', { 'data-testid': 'title' }, 'Search'), el('p', { class: 'muted' }, 'Searching…'));
  if (!q) { replace(view, el('h1', {}, 'Search'), empty('Type a name, a word of a comment, or a tag (pii, email …).')); return; }
  const { entries, partial } = await index();
  if (stale()) return;
  const hits = entries.map((e) => ({ e, why: matches(e, q) })).filter((x) => x.why.length)
    .sort((a, b) => (b.why[0].what === 'name') - (a.why[0].what === 'name') || a.e.full.localeCompare(b.e.full));
  replace(view,
    el('div', { class: 'pagehead' }, el('div', {}, el('h1', { 'data-testid': 'title' }, 'Search: ' + query),
      el('div', { class: 'sub' }, hits.length + ' result' + (hits.length === 1 ? '' : 's') + ' among what you may see'
        + (partial ? ' (the first ' + MAX_SCHEMAS + ' schemas only)' : '')))),
    hits.length === 0 ? empty('Nothing that you may see matches.') : el('div', { class: 'card' }, el('ul', { class: 'results', 'data-testid': 'results' },
      hits.slice(0, 200).map(({ e, why }) => el('li', { 'data-testid': 'result' },
        el('a', { href: route(e) }, icon(e.kind), ' ', e.full),
        el('div', { class: 'why' }, el('span', { class: 'badge' }, e.obj.table_type || e.kind),
          why.slice(0, 4).map((w) => w.tag ? el('span', {}, w.text ? 'column ' + w.text + ' ' : 'tag ', tagChip(w.tag[0], w.tag[1]))
            : el('span', {}, w.what + (w.text ? ': ' + w.text : '')))))))));
}

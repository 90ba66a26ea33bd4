// Search by name, comment and tag (of objects and of their columns) over what the caller may
// see: the server's GET /api/gatehouse/v1/search decides every match as a GET of it would, so
// the console never sees what it may not show.
import * as api from './api.js';
import * as catalog from './catalog.js';
import { el, replace, icon, tagChip, empty } from './dom.js';
import { link } from './main.js';

const MAX_RESULTS = 200;

/** The console's kind of a result: views apart from tables, registered models as models. */
function kindOf(r) {
  if (r.securable_type === 'REGISTERED_MODEL') return 'model';
  return catalog.kindOf(r.securable_type.toLowerCase(), { table_type: r.kind });
}

function why(m, comment) {
  switch (m.field) {
    case 'tag': return el('span', {}, 'tag ', tagChip(m.tag_key, m.tag_value));
    case 'column_tag': return el('span', {}, 'column ' + m.column + ' ', tagChip(m.tag_key, m.tag_value));
    case 'column': return el('span', {}, 'column: ' + m.column);
    case 'column_comment': return el('span', {}, 'column comment: ' + m.column);
    case 'comment': return el('span', {}, 'comment: ' + comment);
    default: return el('span', {}, 'name');
  }
}

export async function page(view, query, stale) {
  document.getElementById('crumbs').replaceChildren(el('a', { href: '#/' }, 'Catalogs'), el('span', { class: 'sep' }, ' / '), el('span', {}, 'Search'));
  const q = query.trim();
  replace(view, el('h1', { 'data-testid': 'title' }, 'Search'), el('p', { class: 'muted' }, 'Searching…'));
  if (!q) { replace(view, el('h1', {}, 'Search'), empty('Type a name, a word of a comment, or a tag (pii, email …).')); return; }
  let found;
  try {
    found = await api.get(api.GH + '/search', { q, max_results: MAX_RESULTS });
  } catch (e) {
    if (stale()) return;
    replace(view, el('h1', { 'data-testid': 'title' }, 'Search: ' + query), empty(e.message));
    return;
  }
  if (stale()) return;
  const hits = found.results || [];
  replace(view,
    el('div', { class: 'pagehead' }, el('div', {}, el('h1', { 'data-testid': 'title' }, 'Search: ' + query),
      el('div', { class: 'sub' }, hits.length + ' result' + (hits.length === 1 ? '' : 's') + ' among what you may see'
        + (found.truncated ? ' (the first ' + hits.length + '; more may match: narrow the search)' : '')))),
    hits.length === 0 ? empty('Nothing that you may see matches.') : el('div', { class: 'card' }, el('ul', { class: 'results', 'data-testid': 'results' },
      hits.map((r) => {
        const kind = kindOf(r);
        return el('li', { 'data-testid': 'result' },
          el('a', { href: link(...catalog.routeOf(kind, r.full_name)) }, icon(kind), ' ', r.full_name),
          el('div', { class: 'why' }, el('span', { class: 'badge' }, r.kind || kind),
            r.matches.slice(0, 4).map((m) => why(m, r.comment))));
      }))));
}

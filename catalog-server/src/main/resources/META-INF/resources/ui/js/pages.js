// The explorer's pages: home (catalogs), a catalog, a schema, and one object (table, view,
// volume, function, model) with its tabs. Everything shown is what the API answered the caller.
import * as api from './api.js';
import * as catalog from './catalog.js';
import { el, replace, when, tags, tagChip, facts, section, empty, icon, isSensitive, breakable } from './dom.js';
import { link, session } from './main.js';
import * as permissions from './permissions.js';
import * as lineage from './lineage.js';
import * as audit from './audit.js';
import * as policyList from './policies.js';

function crumbs(parts) {
  const nav = document.getElementById('crumbs');
  const items = [el('a', { href: '#/' }, 'Catalogs')];
  parts.forEach((p, i) => {
    items.push(el('span', { class: 'sep', 'aria-hidden': 'true' }, '/'));
    items.push(i === parts.length - 1 ? el('span', { 'aria-current': 'page' }, p.name) : el('a', { href: p.href }, p.name));
  });
  replace(nav, items);
}

function head(kind, title, sub, comment) {
  return [el('div', { class: 'pagehead' }, icon(kind),
    el('div', {}, el('h1', { 'data-testid': 'title' }, breakable(title)), el('div', { class: 'sub' }, sub))),
  comment ? el('p', { class: 'comment', 'data-testid': 'comment' }, comment) : null];
}

function tabs(base, current, names) {
  return el('nav', { class: 'tabs', 'aria-label': 'Views of this object' }, names.map(([id, label]) =>
    el('a', { href: link(...base, id === names[0][0] ? {} : { tab: id }), 'aria-current': id === current ? 'page' : null, 'data-tab': id }, label)));
}

function ownerBadge(owner) {
  return el('span', {}, 'Owner ', el('strong', { 'data-testid': 'owner' }, owner || '–'));
}

/** A badge for objects the caller sees through BROWSE only (metadata, not data). */
function browseBadge(acc) {
  return acc && acc.browse_only ? el('span', { class: 'badge', 'data-testid': 'browse-only', title: 'You may see its metadata, not its data' }, 'Browse only') : null;
}

function objCard(kind, name, href, description, meta) {
  return el('a', { class: 'objcard', href, 'data-testid': 'card-' + kind },
    el('div', { class: 't' }, icon(kind), el('span', {}, name)),
    description ? el('div', { class: 'd' }, description) : null,
    meta ? el('div', { class: 'm' }, meta) : null);
}

function properties(props) {
  const entries = Object.entries(props || {});
  if (entries.length === 0) return empty('No properties.');
  return el('table', { class: 'data', 'data-testid': 'properties' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Property'), el('th', { scope: 'col' }, 'Value'))),
    el('tbody', {}, entries.map(([k, v]) => el('tr', {}, el('td', { class: 'mono' }, k), el('td', { class: 'mono' }, String(v))))));
}

export async function home(view, stale) {
  crumbs([]);
  const [list, summary] = await Promise.all([catalog.catalogs(), api.get(api.UC + '/metastore_summary').catch(() => null)]);
  if (stale()) return;
  replace(view,
    el('div', { class: 'pagehead' }, el('div', {}, el('h1', { 'data-testid': 'title' }, 'Catalogs'),
      el('div', { class: 'sub' }, summary ? 'Metastore ' + (summary.name || summary.metastore_id) : '', ' · ', list.length + ' you may see'))),
    el('p', { class: 'comment' }, 'Signed in as ' + (session.name || '') + '. Open a catalog, or search names, comments and tags above.'),
    list.length === 0 ? empty('There is no catalog you may see. Ask a catalog owner for USE CATALOG or BROWSE.')
      : el('div', { class: 'list-cards' }, list.map((c) => objCard('catalog', c.name, link('catalogs', c.name), c.comment,
        [el('span', {}, 'Owner ' + (c.owner || '–')), c.updated_at ? el('span', {}, 'Updated ', when(c.updated_at)) : null]))));
}

export async function catalog_(view, c, params, stale) {
  const [info, schemas, acc] = await Promise.all([
    api.get(api.UC + '/catalogs/' + encodeURIComponent(c), { include_browse: true }),
    catalog.schemas(c).catch(() => []),
    catalog.access('catalog', c).catch(() => null)]);
  if (stale()) return;
  crumbs([{ name: c }]);
  const tab = params.get('tab') || 'overview';
  const body = el('div');
  replace(view, head('catalog', info.name, [el('span', { class: 'badge' }, 'Catalog'), ownerBadge(info.owner),
    info.isolation_mode ? el('span', { class: 'badge' }, info.isolation_mode) : null, browseBadge(acc)], info.comment),
  tabs(['catalogs', c], tab, [['overview', 'Overview'], ['permissions', 'Permissions'], ['policies', 'Policies']]), body);
  if (tab === 'permissions') return permissions.render(body, 'catalog', info.name, info.owner, stale, acc);
  if (tab === 'policies') return policyList.render(body, 'catalog', info.name, stale, acc);
  replace(body,
    section('Schemas', schemas.length === 0 ? empty('No schema you may see.')
      : el('div', { class: 'list-cards' }, schemas.map((s) => objCard('schema', s.name, link('catalogs', c, s.name), s.comment,
        [el('span', {}, 'Owner ' + (s.owner || '–'))])))),
    el('div', { class: 'grid2' },
      section('Details', facts([['Owner', info.owner], ['Created', when(info.created_at)], ['Created by', info.created_by],
        ['Updated', info.updated_at ? when(info.updated_at) : null], ['Storage root', info.storage_root],
        ['Tags', tags(info.tags)]], 'details')),
      section('Properties', properties(info.properties))));
}
export { catalog_ as catalog };

export async function schema(view, c, s, params, stale) {
  const full = c + '.' + s;
  const [info, objects, acc] = await Promise.all([
    api.get(api.UC + '/schemas/' + encodeURIComponent(full), { include_browse: true }),
    catalog.children(c, s).catch(() => []),
    catalog.access('schema', full).catch(() => null)]);
  if (stale()) return;
  crumbs([{ name: c, href: link('catalogs', c) }, { name: s }]);
  const tab = params.get('tab') || 'overview';
  const body = el('div');
  replace(view, head('schema', info.full_name || full, [el('span', { class: 'badge' }, 'Schema'), ownerBadge(info.owner), browseBadge(acc)], info.comment),
    tabs(['catalogs', c, s], tab, [['overview', 'Overview'], ['permissions', 'Permissions'], ['policies', 'Policies']]), body);
  if (tab === 'permissions') return permissions.render(body, 'schema', full, info.owner, stale, acc);
  if (tab === 'policies') return policyList.render(body, 'schema', full, stale, acc);
  replace(body,
    section('Objects', objects.length === 0 ? empty('Nothing here you may see.')
      : el('table', { class: 'data', 'data-testid': 'objects' },
        el('thead', {}, el('tr', {}, ['Name', 'Type', 'Owner', 'Comment', 'Tags'].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, objects.map(({ kind, obj }) => el('tr', { class: isSensitive(obj.tags) || (Array.isArray(obj.columns) && obj.columns.some((x) => isSensitive(x.tags))) ? 'pii' : null },
          el('td', {}, el('a', { href: link(...catalog.routeOf(kind, full + '.' + obj.name)), class: 'colname nowrap' }, icon(kind), ' ', obj.name)),
          el('td', {}, el('span', { class: 'badge' }, obj.table_type || obj.volume_type || kind)),
          el('td', {}, obj.owner ? breakable(obj.owner) : '–'),
          el('td', {}, obj.comment || ''),
          el('td', {}, obj.tags ? tags(obj.tags) : '')))))),
    el('div', { class: 'grid2' },
      section('Details', facts([['Owner', info.owner], ['Created', when(info.created_at)], ['Created by', info.created_by],
        ['Updated', info.updated_at ? when(info.updated_at) : null], ['Storage root', info.storage_root], ['Tags', tags(info.tags)]], 'details')),
      section('Properties', properties(info.properties))));
}

function columnsTable(columns, full) {
  if (!columns || columns.length === 0) return empty('No columns recorded.');
  return el('table', { class: 'data', 'data-testid': 'columns' },
    el('thead', {}, el('tr', {}, ['Column', 'Type', 'Comment', 'Tags', 'Mask', 'Lineage'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, columns.map((c) => el('tr', { class: isSensitive(c.tags) ? 'pii' : null, 'data-column': c.name },
      el('td', {}, el('span', { class: 'colname' }, c.name), c.nullable === false ? el('span', { class: 'muted' }, ' not null') : null),
      el('td', { class: 'mono type' }, c.type_text || c.type_name || ''),
      el('td', {}, c.comment || ''),
      el('td', {}, c.tags && Object.keys(c.tags).length ? el('span', { class: 'tags' }, Object.entries(c.tags).map(([k, v]) => tagChip(k, v))) : ''),
      el('td', {}, c.mask ? el('span', { class: 'badge warn wrap', title: 'Column mask' }, 'masked by ', breakable(c.mask.function_name)) : ''),
      el('td', {}, el('a', { href: link('lineage', { table: full, view: 'columns', column: c.name }), 'aria-label': 'Column lineage of ' + c.name }, 'lineage'))))));
}

function policies(info, mine) {
  const rows = [];
  if (info.row_filter) {
    rows.push(['Row filter', el('span', { class: 'mono' }, breakable(info.row_filter.function_name), ' ON (' + (info.row_filter.input_column_names || []).join(', ') + ')')]);
  }
  (info.columns || []).filter((c) => c.mask).forEach((c) => {
    rows.push(['Mask on ' + c.name, el('span', { class: 'mono' }, c.mask.function_name + ((c.mask.using_column_names || []).length ? ' USING (' + c.mask.using_column_names.join(', ') + ')' : ''))]);
  });
  const list = [];
  if (mine) {
    list.push(['For you: rows', mine.row_filter ? el('span', { class: 'mono' }, mine.row_filter) : el('span', { class: 'badge ok' }, 'no filter')]);
    const masks = Object.entries(mine.column_masks || {});
    list.push(['For you: masks', masks.length ? el('span', {}, masks.map(([col, expr]) => el('div', { class: 'mono' }, col + ' → ' + expr)))
      : el('span', { class: 'badge ok' }, 'none')]);
    Object.entries(mine.decided_by || {}).forEach(([what, by]) => list.push(['Decided by (' + what + ')', by]));
  }
  if (rows.length === 0 && list.length === 0) return empty('No row filter or column mask on this table.');
  return facts(rows.concat(list), 'policies');
}

async function overview(body, kind, info, full, stale, acc) {
  const isTable = kind === 'table' || kind === 'view';
  // What applies to the caller's reads: asked only by those who may read (BROWSE alone is refused).
  const mine = isTable && acc && !acc.browse_only ? await api.get(api.GH + '/authz/data-policies', { full_name: full }).catch(() => null) : null;
  if (stale()) return;
  const columns = info.columns || [];
  const pii = columns.filter((c) => isSensitive(c.tags));
  replace(body,
    el('div', { class: 'grid2' },
      section('Details', facts([
        ['Type', [info.table_type || info.volume_type || kind, info.data_source_format].filter(Boolean).join(' · ')],
        ['Owner', info.owner],
        ['Storage location', info.storage_location ? el('span', { class: 'mono' }, breakable(info.storage_location)) : null],
        ['Created', when(info.created_at)], ['Created by', info.created_by],
        ['Updated', info.updated_at ? when(info.updated_at) : null], ['Updated by', info.updated_by],
        ['Columns', isTable ? String(columns.length) + (pii.length ? ' (' + pii.length + ' sensitive)' : '') : null],
        ['Tags', tags(info.tags)],
        kind === 'function' ? ['Returns', info.data_type || info.full_data_type] : null,
        kind === 'function' ? ['Body', info.routine_definition ? el('pre', { class: 'mono' }, info.routine_definition) : null] : null,
      ], 'details')),
      isTable ? section('Row filter and masks', el('p', { class: 'lead' }, acc && acc.browse_only
        ? 'What is set on the table. You may browse it only, so nothing here applies to reads of yours.'
        : 'What is set on the table, and what applies when you read it.'), policies(info, mine)) : null),
    info.view_definition ? section('View definition', el('pre', { class: 'sqlbox' }, info.view_definition)) : null,
    isTable ? section('Columns', columnsTable(columns, full)) : null,
    section('Properties', properties(info.properties)));
}

export async function leaf(view, kind, full, params, stale) {
  const [info, acc] = await Promise.all([catalog.getObject(kind, full),
    catalog.access(catalog.securableType(kind), full).catch(() => null)]);
  if (stale()) return;
  if (kind === 'table' && ['VIEW', 'MATERIALIZED_VIEW', 'METRIC_VIEW'].includes(info.table_type)) kind = 'view';
  const [c, s, n] = full.split('.');
  crumbs([{ name: c, href: link('catalogs', c) }, { name: s, href: link('catalogs', c, s) }, { name: n }]);
  const tab = params.get('tab') || 'overview';
  const isTable = kind === 'table' || kind === 'view';
  const names = [['overview', 'Overview']];
  if (isTable) names.push(['columns', 'Columns']);
  names.push(['permissions', 'Permissions']);
  if (isTable) names.push(['lineage', 'Lineage']);
  if (kind === 'table') names.push(['policies', 'Policies']);
  if (await audit.mayRead()) names.push(['audit', 'Audit']);
  if (stale()) return;
  const body = el('div');
  replace(view, head(kind, info.full_name || full, [el('span', { class: 'badge' }, info.table_type || info.volume_type || kind),
    info.data_source_format ? el('span', { class: 'badge' }, info.data_source_format) : null, ownerBadge(info.owner),
    isSensitive(info.tags) || (info.columns || []).some((x) => isSensitive(x.tags)) ? el('span', { class: 'badge bad' }, 'Contains sensitive data') : null,
    info.row_filter ? el('span', { class: 'badge warn' }, 'Row filter') : null, browseBadge(acc)], info.comment),
  tabs(catalog.routeOf(kind, full), tab, names), body);
  const type = catalog.securableType(kind);
  if (tab === 'permissions') return permissions.render(body, type, full, info.owner, stale, acc);
  if (tab === 'columns' && isTable) return replace(body, section('Columns', columnsTable(info.columns, full)));
  if (tab === 'lineage' && isTable) return lineage.embedded(body, full, stale);
  if (tab === 'audit') return audit.render(body, full, stale);
  if (tab === 'policies' && kind === 'table') return policyList.render(body, 'table', full, stale, acc);
  return overview(body, kind, info, full, stale, acc);
}

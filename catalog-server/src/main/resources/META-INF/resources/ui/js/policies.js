// The attribute-based policies (Databricks' CREATE POLICY) that reach a catalog, schema or table:
// those defined on it and on the containers above it, read from the policies API, which answers
// those who may manage each level. What a policy does to the caller's own reads is on the table's
// overview ("Row filter and masks") and in the permissions view's explain.
import * as api from './api.js';
import { el, replace, section, empty } from './dom.js';
import { link } from './main.js';

const TYPES = {
  POLICY_TYPE_ROW_FILTER: 'row filter',
  POLICY_TYPE_COLUMN_MASK: 'column mask',
  POLICY_TYPE_GRANT: 'grant',
  POLICY_TYPE_DENY: 'deny',
};

/** The levels whose policies reach {@code full} of securable type {@code type}, outermost first. */
function levels(type, full) {
  const parts = full.split('.');
  const out = [['CATALOG', parts[0]]];
  if (parts.length > 1) out.push(['SCHEMA', parts[0] + '.' + parts[1]]);
  if (type === 'table') out.push(['TABLE', full]);
  return out;
}

function what(p) {
  if (p.row_filter) return 'filter ' + p.row_filter.function_name;
  if (p.column_mask) return 'mask ' + p.column_mask.function_name + (p.column_mask.on_column ? ' on ' + p.column_mask.on_column : '');
  return (p.privileges || []).join(', ');
}

function condition(p) {
  const parts = [];
  if (p.for_securable_type) parts.push('for ' + p.for_securable_type.toLowerCase() + 's');
  if (p.when_condition) parts.push('when ' + p.when_condition);
  (p.match_columns || []).forEach((m) => parts.push('match ' + m.condition + (m.alias ? ' as ' + m.alias : '')));
  return parts.join('; ');
}

/**
 * {@code acc} is the caller's access answer (catalog.access): the policies of a level are read
 * only where the caller may manage it (the policies API answers no one else); the other levels
 * are named, not asked.
 */
export async function render(body, type, full, stale, acc) {
  replace(body, el('p', { class: 'muted' }, 'Loading policies…'));
  const manages = new Map(((acc && acc.levels) || []).map((l) => [l.securable_type.toUpperCase() + ' ' + l.full_name.toLowerCase(), l.manage]));
  const answers = await Promise.all(levels(type, full).map(([t, name]) => (manages.get(t + ' ' + name.toLowerCase())
    ? api.get(api.UC + '/policies/' + t + '/' + encodeURIComponent(name))
      .then((r) => ({ t, name, policies: r.policies || [] }), (e) => ({ t, name, refused: e.status === 403, error: e.message }))
    : Promise.resolve({ t, name, refused: true }))));
  if (stale()) return;
  const rows = [];
  const hidden = [];
  answers.forEach((a) => {
    if (a.refused || a.error) { hidden.push(a); return; }
    a.policies.forEach((p) => rows.push(el('tr', { 'data-testid': 'policy', 'data-policy': p.name },
      el('td', { class: 'mono nowrap' }, p.name),
      el('td', {}, el('span', { class: 'badge' + (p.policy_type === 'POLICY_TYPE_DENY' ? ' bad' : '') }, TYPES[p.policy_type] || p.policy_type)),
      el('td', {}, a.t.toLowerCase() + ' ', a.t === 'TABLE' ? a.name : el('a', { href: link('catalogs', ...a.name.split('.'), { tab: 'policies' }) }, a.name)),
      el('td', { class: 'mono nowrap' }, what(p)),
      el('td', {}, (p.to_principals || []).join(', '), p.except_principals && p.except_principals.length
        ? el('div', { class: 'muted' }, 'except ' + p.except_principals.join(', ')) : null),
      el('td', { class: 'mono' }, condition(p)))));
  });
  replace(body, section('Policies',
    el('p', { class: 'lead' }, 'Attribute-based policies defined here and on the containers above: they apply to every matching object below them.'),
    rows.length === 0 ? empty('No policy that you may see.') : el('table', { class: 'data', 'data-testid': 'policies-list' },
      el('thead', {}, el('tr', {}, ['Name', 'Type', 'Defined on', 'Does', 'To', 'Condition'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows)),
    hidden.length ? el('p', { class: 'muted', 'data-testid': 'policies-hidden' }, 'Policies on '
      + hidden.map((a) => a.t.toLowerCase() + ' ' + a.name).join(', ') + ' are shown to those who manage it.') : null));
}

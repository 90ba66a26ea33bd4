// A sample of the audit trail of one object, for metastore admins (the audit API is theirs only;
// the tab is offered to members of the metastore's owner group, the admins).
import * as api from './api.js';
import { el, replace, when, section, empty } from './dom.js';
import { session } from './main.js';

let admin = null;

export async function mayRead() {
  if (admin === null) {
    const summary = await api.get(api.UC + '/metastore_summary').catch(() => null);
    const groups = (session.me && session.me.groups) || [];
    admin = !!summary && !!summary.owner && groups.some((g) => g.display === summary.owner || g.value === summary.owner);
  }
  return admin;
}

export async function render(body, full, stale) {
  replace(body, el('p', { class: 'muted' }, 'Loading the audit trail…'));
  const page = await api.get(api.GH + '/audit', { securable: full, max_results: 50 });
  if (stale()) return;
  const events = page.events || [];
  replace(body, section('Recent audit records',
    el('p', { class: 'lead' }, 'The 50 newest records that name this object: decisions, grants, ownership and policy changes.'),
    events.length === 0 ? empty('No records.') : el('table', { class: 'data', 'data-testid': 'audit' },
      el('thead', {}, el('tr', {}, ['When', 'Principal', 'Action', 'Result', 'Detail'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, events.map((e) => el('tr', {},
        el('td', {}, when(e.occurred_at)),
        el('td', {}, e.principal || '–', e.acting_principal && e.acting_principal !== e.principal ? el('div', { class: 'muted' }, 'via ' + e.acting_principal) : null),
        el('td', { class: 'mono' }, e.action),
        el('td', {}, el('span', { class: 'badge ' + (e.result === 'ALLOWED' || e.result === 'SUCCEEDED' || e.result === 'OK' ? 'ok' : e.result === 'DENIED' ? 'bad' : '') }, e.result)),
        el('td', {}, e.detail || '')))))));
}

// The permissions tab of a securable: its grants, the effective permissions with where each
// comes from, who can, why can or can't someone, and (for those who may manage it) grant, revoke
// and change owner through the SQL endpoint, with the SQL shown before and after it runs.
import * as api from './api.js';
import { el, replace, append, section, empty, status } from './dom.js';
import { session } from './main.js';
import { clear as clearCatalogCache, access as accessOf } from './catalog.js';

const PRIVILEGES = {
  catalog: ['USE CATALOG', 'USE SCHEMA', 'BROWSE', 'SELECT', 'MODIFY', 'EXECUTE', 'READ VOLUME', 'WRITE VOLUME', 'CREATE SCHEMA',
    'CREATE TABLE', 'CREATE VOLUME', 'CREATE FUNCTION', 'CREATE MODEL', 'EXTERNAL USE SCHEMA', 'MANAGE', 'ALL PRIVILEGES'],
  schema: ['USE SCHEMA', 'BROWSE', 'SELECT', 'MODIFY', 'EXECUTE', 'READ VOLUME', 'WRITE VOLUME', 'CREATE TABLE', 'CREATE VOLUME',
    'CREATE FUNCTION', 'CREATE MODEL', 'EXTERNAL USE SCHEMA', 'MANAGE', 'ALL PRIVILEGES'],
  table: ['SELECT', 'MODIFY', 'MANAGE', 'ALL PRIVILEGES'],
  volume: ['READ VOLUME', 'WRITE VOLUME', 'MANAGE', 'ALL PRIVILEGES'],
  function: ['EXECUTE', 'MANAGE', 'ALL PRIVILEGES'],
  registered_model: ['EXECUTE', 'MANAGE', 'ALL PRIVILEGES'],
};
const READ = { catalog: 'USE CATALOG', schema: 'USE SCHEMA', table: 'SELECT', volume: 'READ VOLUME', function: 'EXECUTE', registered_model: 'EXECUTE' };
const SQL_KIND = { catalog: 'CATALOG', schema: 'SCHEMA', table: 'TABLE', volume: 'VOLUME', function: 'FUNCTION', registered_model: 'MODEL' };

const spaced = (p) => String(p).replace(/_/g, ' ');
const underscored = (p) => String(p).replace(/ /g, '_');

function select(id, options, value, label) {
  return el('div', { class: 'field' }, el('label', { for: id }, label),
    el('select', { id }, options.map((o) => el('option', { value: o, selected: o === value }, o))));
}

function input(id, label, placeholder, value) {
  return el('div', { class: 'field' }, el('label', { for: id }, label),
    el('input', { id, type: 'text', placeholder, value: value || '', autocomplete: 'off', spellcheck: 'false' }));
}

function val(root, id) {
  return root.querySelector('#' + id).value.trim();
}

function sqlBox(text, label) {
  return el('div', { class: 'sqlbox mono', 'data-testid': 'sql' }, el('span', { class: 'label' }, label || 'SQL'), text);
}

function result(ok, title, lines) {
  return el('div', { class: 'result ' + (ok ? 'ok' : 'bad'), 'data-testid': 'result', role: 'status' }, el('strong', {}, title),
    lines && lines.length ? el('ul', {}, lines.map((l) => el('li', {}, l))) : null);
}

/**
 * "you" or "your group" beside a principal that is the caller or one of the caller's groups:
 * direct, nested (SCIM Me lists them as "indirect") and those the token asserts, as the access
 * answer counts them. Principal names are compared ignoring case, as the server compares them.
 */
function isMine(principal, groups) {
  const p = String(principal).toLowerCase();
  if (session.name && p === String(session.name).toLowerCase()) return [' ', el('span', { class: 'badge ok' }, 'you')];
  if (groups.has(p)) return [' ', el('span', { class: 'badge ok' }, 'your group')];
  return null;
}

function groupsOf(acc) {
  const names = new Set();
  ((session.me && session.me.groups) || []).forEach((g) => g.display && names.add(String(g.display).toLowerCase()));
  ((acc && acc.groups) || []).forEach((g) => names.add(String(g).toLowerCase()));
  return names;
}

/**
 * The permissions tab. {@code acc} is the caller's access answer (catalog.access), asked by the
 * page already; those who may manage the object get every grant and the change forms, others the
 * grants that concern them.
 */
export async function render(body, type, full, owner, stale, acc) {
  const path = encodeURIComponent(type) + '/' + encodeURIComponent(full);
  replace(body, el('p', { class: 'muted' }, 'Loading permissions…'));
  const access = acc || await accessOf(type, full).catch(() => null);
  const [grants, effective] = await Promise.all([
    api.get(api.UC + '/permissions/' + path).catch(() => null),
    api.get(api.UC + '/effective-permissions/' + path).catch(() => null)]);
  if (stale()) return;
  const mayManage = !!(access && access.manage);
  const groups = groupsOf(access);
  const mine = (principal) => isMine(principal, groups);
  const target = SQL_KIND[type] + ' ' + api.quoteFull(full);
  const log = el('div', { 'data-testid': 'sql-log' });

  async function run(statement, done) {
    replace(log, sqlBox(statement, 'Running'));
    try {
      const answer = await api.sql(statement);
      replace(log, sqlBox(statement, 'Ran'), result(true, (answer.results || []).map((r) => r.status).filter(Boolean).join(' ') || 'Done.'));
      status('Done: ' + statement);
      clearCatalogCache();
      if (done) done();
    } catch (e) {
      replace(log, sqlBox(statement, 'Refused'), result(false, e.message));
      status('Refused: ' + e.message, true);
    }
  }
  const again = () => render(body, type, full, owner, () => false).then(() => {
    const note = body.querySelector('[data-testid=sql-log]');
    if (note) replace(note, ...log.childNodes);
  });

  // Grants on the object itself.
  const assignments = grants ? grants.privilege_assignments || [] : [];
  const grantsCard = section('Grants on this ' + spaced(type),
    el('p', { class: 'lead' }, mayManage ? 'Grants made on this object. Revoking shows the SQL it runs.'
      : 'Grants on this object that concern you or your groups (those who manage it see them all).'),
    assignments.length === 0 ? empty('No grants.') : el('table', { class: 'data', 'data-testid': 'grants' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Principal'), el('th', { scope: 'col' }, 'Privileges'))),
      el('tbody', {}, assignments.map((a) => el('tr', { 'data-principal': a.principal },
        el('td', { class: 'colname' }, a.principal, mine(a.principal)),
        el('td', {}, (a.privileges || []).map((p) => el('span', { class: 'chip' + (mayManage ? '' : ' plain') }, spaced(p),
          mayManage ? el('button', { type: 'button', 'aria-label': 'Revoke ' + spaced(p) + ' from ' + a.principal, title: 'Revoke',
            'data-testid': 'revoke', onclick: () => {
              const stmt = 'REVOKE ' + spaced(p) + ' ON ' + target + ' FROM ' + api.quote(a.principal);
              if (window.confirm('Run this?\n\n' + stmt)) run(stmt, again);
            } }, '×') : null))))))));

  // Effective permissions with their source.
  const rows = [];
  (effective ? effective.privilege_assignments || [] : []).forEach((a) => (a.privileges || []).forEach((p) => rows.push([a.principal, p])));
  const effectiveCard = section('Effective permissions',
    el('p', { class: 'lead' }, mayManage ? 'Everything in force here, with where it comes from: this object, or a catalog or schema above it.'
      : 'What is in force here for you and your groups, with where it comes from: this object, or a catalog or schema above it.'),
    access && access.browse_only ? el('p', { class: 'note', 'data-testid': 'browse-only-note' }, 'You see this ' + spaced(type)
      + ' through BROWSE only: its metadata, not its data. Its other grants are shown to those who manage it.') : null,
    rows.length === 0 ? empty('None that you may see.') : el('table', { class: 'data', 'data-testid': 'effective' },
      el('thead', {}, el('tr', {}, ['Principal', 'Privilege', 'From'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows.map(([principal, p], i) => el('tr', { class: i > 0 && rows[i - 1][0] === principal ? 'same' : null },
        el('td', { class: 'colname' }, i > 0 && rows[i - 1][0] === principal ? '' : [principal, mine(principal)]),
        el('td', {}, el('span', { class: 'chip plain' + (p.deny ? ' deny' : '') }, (p.deny ? 'DENY ' : '') + spaced(p.privilege))),
        el('td', {}, p.inherited_from_name ? ['inherited from ', el('span', { class: 'badge' }, spaced(p.inherited_from_type || '').toLowerCase()), ' ', p.inherited_from_name]
          : 'granted here'))))));

  // Changes, for those who may manage the object.
  const changeCard = el('section', { class: 'card', 'data-testid': 'change' }, el('h2', {}, 'Grant, revoke, change owner'));
  if (mayManage) {
    const form = el('form', { class: 'formrow', 'data-testid': 'grant-form' },
      input('grant-principal', 'Principal', 'user@example.com or a group'),
      select('grant-privilege', PRIVILEGES[type] || ['ALL PRIVILEGES'], READ[type], 'Privilege'),
      el('button', { type: 'submit', class: 'primary', 'data-testid': 'grant' }, 'Grant'),
      el('button', { type: 'button', 'data-testid': 'revoke-form', onclick: () => {
        const who = val(form, 'grant-principal');
        if (who) run('REVOKE ' + val(form, 'grant-privilege') + ' ON ' + target + ' FROM ' + api.quote(who), again);
      } }, 'Revoke'));
    const preview = el('div', { 'data-testid': 'grant-preview' });
    const update = () => {
      const who = val(form, 'grant-principal');
      replace(preview, sqlBox('GRANT ' + val(form, 'grant-privilege') + ' ON ' + target + ' TO ' + (who ? api.quote(who) : '<principal>'), 'Will run'));
    };
    form.addEventListener('input', update);
    form.addEventListener('change', update);
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const who = val(form, 'grant-principal');
      if (!who) { form.querySelector('#grant-principal').focus(); return; }
      run('GRANT ' + val(form, 'grant-privilege') + ' ON ' + target + ' TO ' + api.quote(who), again);
    });
    const ownerForm = el('form', { class: 'formrow', 'data-testid': 'owner-form' },
      input('new-owner', 'New owner', 'user, group or service principal', ''),
      el('button', { type: 'submit', 'data-testid': 'change-owner' }, 'Change owner'));
    ownerForm.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const who = val(ownerForm, 'new-owner');
      if (!who) return;
      const stmt = 'ALTER ' + target + ' OWNER TO ' + api.quote(who);
      if (window.confirm('Run this?\n\n' + stmt)) run(stmt, again);
    });
    append(changeCard, [el('p', { class: 'lead' }, 'Current owner: ', el('strong', {}, owner || '–')), form, preview,
      el('hr', { class: 'sep' }), ownerForm, log]);
    update();
  } else {
    append(changeCard, [el('p', { class: 'muted' }, 'You may not change grants on this ' + spaced(type)
      + ': that takes ownership of it or of a container, or MANAGE.'), log]);
  }

  // Who can, and why.
  const whoForm = el('form', { class: 'formrow', 'data-testid': 'who-can-form' },
    select('who-privilege', PRIVILEGES[type] || ['ALL PRIVILEGES'], READ[type], 'Privilege'),
    el('button', { type: 'submit', 'data-testid': 'who-can' }, 'Who can?'));
  const whoOut = el('div', { 'data-testid': 'who-can-result' });
  whoForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const w = await api.get(api.GH + '/authz/who-can', { privilege: underscored(val(whoForm, 'who-privilege')), securable_type: type, full_name: full });
      replace(whoOut, el('table', { class: 'data' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Principal'), el('th', { scope: 'col' }, 'Because'))),
        el('tbody', {}, (w.principals || []).map((h) => el('tr', {}, el('td', { class: 'colname' }, h.principal), el('td', {}, h.via || ''))),
          (w.denied || []).map((h) => el('tr', {}, el('td', { class: 'colname' }, h.principal), el('td', {}, el('span', { class: 'badge bad' }, 'denied'), ' ', h.via || ''))))));
    } catch (e) {
      replace(whoOut, result(false, e.status === 403 ? 'Only those who manage this object may ask who can use it.' : e.message));
    }
  });
  const whyForm = el('form', { class: 'formrow', 'data-testid': 'explain-form' },
    input('why-principal', 'Principal', 'empty: yourself', ''),
    select('why-privilege', PRIVILEGES[type] || ['ALL PRIVILEGES'], READ[type], 'Privilege'),
    el('button', { type: 'submit', 'data-testid': 'explain' }, 'Why?'));
  const whyOut = el('div', { 'data-testid': 'explain-result' });
  whyForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const x = await api.get(api.GH + '/authz/explain', { principal: val(whyForm, 'why-principal'), privilege: underscored(val(whyForm, 'why-privilege')), securable_type: type, full_name: full });
      replace(whyOut, result(x.allowed, x.principal + (x.allowed ? ' may ' : ' may not ') + spaced(x.privilege) + ' on ' + full + (x.reason ? ': ' + x.reason : '.'), x.basis || []));
    } catch (e) {
      replace(whyOut, result(false, e.status === 403 ? 'Only those who manage this object may ask about someone else.' : e.message));
    }
  });
  const askCard = section('Who can, and why',
    el('p', { class: 'lead' }, mayManage ? 'Ask who holds a privilege here, or why a principal may or may not use it.'
      : 'Ask why you may or may not use this object (asking about others takes managing it).'),
    mayManage ? [whoForm, whoOut, el('hr', { class: 'sep' })] : null, whyForm, whyOut);

  replace(body, el('div', { class: 'grid2' }, grantsCard, changeCard), effectiveCard, askCard);
}

// The console's shell: sign-in, the header, and the hash router that gives every view its URL
// (#/catalogs/main/sales/orders?tab=permissions, #/lineage?table=main.sales.orders, #/search?q=pii).
import * as api from './api.js';
import { $, el, replace, status } from './dom.js';
import * as tree from './tree.js';
import * as pages from './pages.js';
import * as search from './search.js';
import * as lineage from './lineage.js';

export const session = { me: null, name: null };

function displayName(me) {
  if (!me) return 'unknown';
  const name = me.name && (me.name.formatted || [me.name.givenName, me.name.familyName].filter(Boolean).join(' '));
  return me.displayName || name || me.userName || me.applicationId || 'unknown';
}

function initials(text) {
  const parts = String(text).replace(/@.*$/, '').split(/[\s._-]+/).filter(Boolean);
  return ((parts[0] || '?')[0] + (parts.length > 1 ? parts[parts.length - 1][0] : '')).toUpperCase();
}

async function signIn(token) {
  api.setToken(token);
  try {
    const me = await api.get('/api/2.0/scim/v2/Me', {}, 'application/scim+json');
    session.me = me;
    session.name = me.userName || me.applicationId || me.displayName;
    const shown = displayName(me);
    $('who-name').textContent = shown;
    $('who-sub').textContent = me.userName && me.userName !== shown ? me.userName : (me.applicationId ? 'service principal' : '');
    $('avatar').textContent = initials(shown);
    $('signin-view').hidden = true;
    ['who', 'app', 'nav', 'global-search'].forEach((id) => { $(id).hidden = false; });
    $('signin-error').textContent = '';
    status('');
    await tree.load();
    route();
  } catch (e) {
    api.setToken(null);
    showSignIn(e.status === 401 ? 'Sign-in failed: the token was not accepted.' : 'Sign-in failed: ' + e.message);
  }
}

function showSignIn(message) {
  ['who', 'app', 'nav', 'global-search'].forEach((id) => { $(id).hidden = true; });
  $('signin-view').hidden = false;
  $('signin-error').textContent = message || '';
  $('token').focus();
}

async function signOut() {
  const token = api.token();
  api.setToken(null);
  // A token from single sign-on stops working at once; a typed-in token is left as it was.
  if (token) {
    await fetch('/sign-in/logout', { method: 'POST', headers: { 'Authorization': 'Bearer ' + token } }).catch(() => {});
  }
  // Back to the first page without a hashchange: a view drawn now would call the API with no token.
  window.history.replaceState(null, '', '/ui/#/');
  window.location.reload();
}

/** Parses the hash: segments (decoded) and query parameters. */
export function parse(hash) {
  const raw = (hash || '').replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const path = q >= 0 ? raw.slice(0, q) : raw;
  const params = new URLSearchParams(q >= 0 ? raw.slice(q + 1) : '');
  const segments = path.split('/').filter(Boolean).map((s) => { try { return decodeURIComponent(s); } catch (e) { return s; } });
  return { segments, params };
}

/** The hash of a view: link('catalogs', 'main', 'sales', {tab: 'permissions'}). */
export function link(...parts) {
  const params = parts.length && typeof parts[parts.length - 1] === 'object' ? parts.pop() : null;
  let hash = '#/' + parts.map((p) => encodeURIComponent(p)).join('/');
  if (params) {
    const q = new URLSearchParams();
    Object.entries(params).forEach(([k, v]) => { if (v !== undefined && v !== null && v !== '') q.set(k, v); });
    const s = q.toString();
    if (s) hash += '?' + s;
  }
  return hash;
}

let generation = 0;

/** Renders the view of the current hash; a later navigation wins over a slower earlier one. */
export async function route() {
  if (!session.me) return;
  const mine = ++generation;
  const { segments, params } = parse(window.location.hash);
  const view = $('view');
  const [first, ...rest] = segments;
  document.querySelectorAll('[data-nav]').forEach((a) => a.classList.toggle('active',
    (a.dataset.nav === 'lineage') === (first === 'lineage')));
  const stale = () => mine !== generation;
  // A table's lineage page takes the whole width (graphs are wide); the tree returns with the Explorer.
  $('app').classList.toggle('wide', first === 'lineage' && params.has('table'));
  try {
    if (!first) {
      await pages.home(view, stale);
    } else if (first === 'search') {
      $('q').value = params.get('q') || '';
      await search.page(view, params.get('q') || '', stale);
    } else if (first === 'lineage') {
      await lineage.page(view, params, stale);
    } else if (first === 'catalogs' && rest.length === 1) {
      await pages.catalog(view, rest[0], params, stale);
    } else if (first === 'catalogs' && rest.length === 2) {
      await pages.schema(view, rest[0], rest[1], params, stale);
    } else if (['catalogs', 'volumes', 'functions', 'models'].includes(first) && rest.length === 3) {
      await pages.leaf(view, first === 'catalogs' ? 'table' : first.slice(0, -1), rest.join('.'), params, stale);
    } else {
      replace(view, el('h1', {}, 'Not found'), el('p', {}, 'There is no such page in the console.'));
    }
    if (!stale()) {
      tree.reveal(first === 'catalogs' || ['volumes', 'functions', 'models'].includes(first) ? rest : []);
      document.body.dataset.rendered = String(Date.now());
    }
  } catch (e) {
    if (stale()) return;
    if (e.status === 401) { showSignIn('Your sign-in has expired. Sign in again.'); return; }
    replace(view, el('div', { class: 'card' }, el('h1', {}, e.status === 404 || e.status === 403 ? 'Not available' : 'Something went wrong'),
      el('p', {}, e.status === 404 || e.status === 403
        ? 'It does not exist, or you may not see it.' : e.message)));
    document.body.dataset.rendered = String(Date.now());
  }
}

window.addEventListener('hashchange', () => {
  // Keyboard users moving in the tree stay there; from anywhere else, focus follows to the page.
  const inTree = document.activeElement && document.activeElement.closest && document.activeElement.closest('#tree');
  route();
  if (!inTree) $('main').focus({ preventScroll: true });
});

window.addEventListener('DOMContentLoaded', () => {
  $('signin').addEventListener('submit', (ev) => { ev.preventDefault(); const t = $('token').value.trim(); $('token').value = ''; signIn(t); });
  $('signout').addEventListener('click', signOut);
  // The skip link moves focus only: following its #main would replace the view's own address.
  document.querySelector('.skip').addEventListener('click', (ev) => { ev.preventDefault(); $('main').focus(); });
  $('refresh').addEventListener('click', () => tree.load().then(route));
  $('global-search').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = $('q').value.trim();
    if (q) window.location.hash = link('search', { q });
  });
  // Each single sign-on the server has configured (SAML, OIDC issuers) is a button; it returns to this page.
  fetch('/sign-in/options').then((r) => (r.ok ? r.json() : { options: [] })).then((body) => {
    const options = body.options || [];
    for (const o of options) {
      const a = document.createElement('a');
      a.className = 'button primary wide';
      a.id = o.method === 'saml' ? 'sso' : 'sso-oidc-' + o.name;
      a.setAttribute('data-testid', a.id);
      a.href = o.login + (o.login.includes('?') ? '&' : '?') + 'return_to=' + encodeURIComponent('/ui/');
      a.textContent = 'Sign in with ' + o.label;
      $('sso-options').appendChild(a);
    }
    $('sso-or').hidden = options.length === 0;
  }).catch(() => {});
  const saved = api.token();
  if (saved) signIn(saved); else showSignIn();
});

// For tests and the curious: is the console waiting on the API?
window.gatehouseConsole = { busy: () => api.busy(), route: () => window.location.hash };

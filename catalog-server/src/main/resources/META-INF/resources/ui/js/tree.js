// The explorer's tree: catalogs > schemas > tables, views, volumes, functions, models, loaded
// when opened (the server lists only what the caller may see). A WAI-ARIA tree: one item is in
// the tab order; arrows move, Right opens, Left closes or goes up, Enter and Space open the page.
import * as catalog from './catalog.js';
import { $, el, icon, status } from './dom.js';

function hashOf(parts) {
  return '#/' + parts.map(encodeURIComponent).join('/');
}

function item(kind, name, route, level, loader) {
  const li = el('li', { role: 'treeitem', 'aria-level': level, 'aria-selected': 'false', tabindex: '-1',
    'data-kind': kind, 'data-route': hashOf(route), 'data-name': name, 'data-testid': 'tree-' + kind });
  const twist = el('span', { class: 'twist', 'aria-hidden': 'true' }, loader ? '▸' : '');
  const row = el('div', { class: 'row' }, twist, icon(kind), el('span', { class: 'label' }, name));
  li.appendChild(row);
  if (loader) {
    li.setAttribute('aria-expanded', 'false');
    li._loader = loader;
  }
  row.addEventListener('click', (ev) => {
    ev.stopPropagation();
    focus(li);
    if (loader && ev.target === twist) { toggle(li); return; }
    if (loader && li.getAttribute('aria-expanded') === 'false') toggle(li);
    window.location.hash = li.dataset.route;
  });
  return li;
}

async function expand(li) {
  if (!li._loader || li.getAttribute('aria-expanded') === 'true') return;
  li.setAttribute('aria-expanded', 'true');
  li.querySelector(':scope > .row > .twist').textContent = '▾';
  if (!li._group) {
    const group = el('ul', { role: 'group' }, el('li', { class: 'hint', role: 'none' }, 'Loading…'));
    li._group = group;
    li.appendChild(group);
    try {
      const items = await li._loader();
      group.replaceChildren(...(items.length ? items : [el('li', { class: 'hint', role: 'none' }, 'Nothing you may see')]));
    } catch (e) {
      group.replaceChildren(el('li', { class: 'hint', role: 'none' }, 'Could not load: ' + e.message));
    }
  }
  li._group.hidden = false;
}

function collapse(li) {
  if (!li._loader) return;
  li.setAttribute('aria-expanded', 'false');
  li.querySelector(':scope > .row > .twist').textContent = '▸';
  if (li._group) li._group.hidden = true;
}

function toggle(li) {
  return li.getAttribute('aria-expanded') === 'true' ? collapse(li) : expand(li);
}

function focus(li) {
  $('tree').querySelectorAll('[role=treeitem][tabindex="0"]').forEach((x) => x.setAttribute('tabindex', '-1'));
  li.setAttribute('tabindex', '0');
  li.focus({ preventScroll: false });
}

function visibleItems() {
  return [...$('tree').querySelectorAll('[role=treeitem]')].filter((x) => x.offsetParent !== null);
}

function onKey(ev) {
  const li = ev.target.closest('[role=treeitem]');
  if (!li) return;
  const items = visibleItems();
  const i = items.indexOf(li);
  const expanded = li.getAttribute('aria-expanded');
  switch (ev.key) {
    case 'ArrowDown': if (items[i + 1]) focus(items[i + 1]); break;
    case 'ArrowUp': if (items[i - 1]) focus(items[i - 1]); break;
    case 'Home': focus(items[0]); break;
    case 'End': focus(items[items.length - 1]); break;
    case 'ArrowRight':
      if (expanded === 'false') expand(li);
      else if (expanded === 'true' && items[i + 1] && li.contains(items[i + 1])) focus(items[i + 1]);
      break;
    case 'ArrowLeft': {
      if (expanded === 'true') { collapse(li); break; }
      const parent = li.parentElement.closest('[role=treeitem]');
      if (parent) focus(parent);
      break;
    }
    case 'Enter': case ' ':
      window.location.hash = li.dataset.route;
      if (expanded === 'false') expand(li);
      break;
    default: return;
  }
  ev.preventDefault();
}

function schemaItems(c) {
  return catalog.schemas(c).then((list) => list.map((s) =>
    item('schema', s.name, ['catalogs', c, s.name], 2, () => objectItems(c, s.name))));
}

async function objectItems(c, s) {
  const list = await catalog.children(c, s);
  return list.map(({ kind, obj }) => {
    const route = catalog.routeOf(kind, c + '.' + s + '.' + obj.name);
    return item(kind, obj.name, route, 3, null);
  });
}

export async function load() {
  catalog.clear();
  const root = $('tree');
  if (!root.dataset.keys) {
    root.addEventListener('keydown', onKey);
    root.dataset.keys = '1';
  }
  root.replaceChildren(el('li', { class: 'hint', role: 'none' }, 'Loading…'));
  try {
    const list = await catalog.catalogs();
    const items = list.map((c) => item('catalog', c.name, ['catalogs', c.name], 1, () => schemaItems(c.name)));
    root.replaceChildren(...(items.length ? items : [el('li', { class: 'hint', role: 'none' }, 'No catalog you may see')]));
    if (items.length) items[0].setAttribute('tabindex', '0');
  } catch (e) {
    root.replaceChildren(el('li', { class: 'hint', role: 'none' }, 'Could not load catalogs'));
    status('Could not load catalogs: ' + e.message, true);
  }
}

/** Opens the tree down to the object of the current page and marks it selected. */
export async function reveal(parts) {
  const root = $('tree');
  root.querySelectorAll('[aria-selected=true]').forEach((x) => x.setAttribute('aria-selected', 'false'));
  let scope = root;
  let found = null;
  for (let i = 0; i < parts.length; i++) {
    const li = [...scope.querySelectorAll(':scope > [role=treeitem]')].find((x) => x.dataset.name === parts[i]);
    if (!li) break;
    found = li;
    if (i < parts.length - 1) {
      await expand(li);
      scope = li._group;
    }
  }
  if (found) {
    if (found._loader && found.dataset.kind === 'schema') await expand(found);
    found.setAttribute('aria-selected', 'true');
    root.querySelectorAll('[role=treeitem][tabindex="0"]').forEach((x) => x.setAttribute('tabindex', '-1'));
    found.setAttribute('tabindex', '0');
    found.querySelector('.row').scrollIntoView({ block: 'nearest' });
  }
}

// DOM helpers. Data from the API only ever reaches the page as text nodes or attribute values,
// never as markup: there is no innerHTML anywhere in the console.

/** el('div', {class: 'x', onclick: f}, 'text', child, [more]) */
export function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (v === undefined || v === null || v === false) return;
    if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.slice(2), v);
    else if (v === true) e.setAttribute(k, '');
    else e.setAttribute(k, String(v));
  });
  append(e, children);
  return e;
}

export function append(parent, children) {
  [children].flat(Infinity).forEach((c) => {
    if (c === null || c === undefined || c === false) return;
    parent.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  });
  return parent;
}

export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

export const $ = (id) => document.getElementById(id);

/** An ISO date without a mid-word wrap: date and time in one non-breaking span. */
export function when(value) {
  if (value === null || value === undefined || value === '') return el('span', { class: 'muted' }, '–');
  const d = new Date(typeof value === 'number' ? value : String(value));
  if (Number.isNaN(d.getTime())) return el('span', {}, String(value));
  const text = d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  return el('time', { datetime: d.toISOString(), class: 'nowrap' }, text);
}

/** A status line at the bottom of the page, read out by screen readers. */
export function status(message, error) {
  const s = $('status');
  if (!s) return;
  s.textContent = message || '';
  s.classList.toggle('error', !!error);
  clearTimeout(status.timer);
  // Good news fades; an error stays until the next message.
  if (message && !error) status.timer = setTimeout(() => { if (s.textContent === message) s.textContent = ''; }, 5000);
}

export function icon(kind) {
  const glyph = { catalog: '▦', schema: '◫', table: '▤', view: '◩', volume: '⬚', function: 'ƒ', model: '◆', column: '│' }[kind] || '•';
  return el('span', { class: 'icon icon-' + kind, 'aria-hidden': 'true' }, glyph);
}

/** A tag chip; keys or values that name personal or sensitive data are marked as such. */
const SENSITIVE = /(^|[^a-z])(pii|phi|pci|gdpr|personal|sensitive|confidential|restricted|secret|ssn|email|e-mail|phone|address|birth)([^a-z]|$)/i;
const CLASSIFICATION = /^(class|classification|sensitivity|data[_ ]?class|security|tier|domain|owner[_ ]?team)$/i;

export function tagChip(key, value) {
  const text = value ? key + ' = ' + value : key;
  const sensitive = SENSITIVE.test(key) || SENSITIVE.test(value || '');
  // A short tag stays on one line; a long one wraps inside its chip rather than widen its table.
  const cls = 'tag' + (sensitive ? ' tag-pii' : CLASSIFICATION.test(key) ? ' tag-class' : '') + (text.length > 24 ? ' long' : '');
  return el('span', { class: cls, 'data-testid': 'tag', title: sensitive ? 'Sensitive data classification' : null },
    sensitive ? el('span', { class: 'tag-flag', 'aria-label': 'sensitive' }, 'PII') : null, text);
}

export function tags(obj) {
  const entries = obj && typeof obj === 'object' ? Object.entries(obj) : [];
  if (entries.length === 0) return el('span', { class: 'muted' }, 'none');
  return el('span', { class: 'tags' }, entries.map(([k, v]) => tagChip(k, v)));
}

export function isSensitive(obj) {
  return Object.entries(obj || {}).some(([k, v]) => SENSITIVE.test(k) || SENSITIVE.test(v || ''));
}

/** A definition list from [label, value] pairs; null values are left out. */
export function facts(pairs, testid) {
  return el('dl', { class: 'facts', 'data-testid': testid },
    pairs.filter((p) => p && p[1] !== null && p[1] !== undefined && p[1] !== '')
      .map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

export function button(label, onclick, attrs) {
  return el('button', Object.assign({ type: 'button', onclick }, attrs || {}), label);
}

export function section(title, ...children) {
  return el('section', { class: 'card' }, el('h2', {}, title), children);
}

export function empty(text) {
  return el('p', { class: 'muted empty' }, text);
}

/** A dotted or underscored name with line-break opportunities after each '.', '/', '_' and '@'. */
export function breakable(name) {
  const parts = String(name).split(/(?<=[./_@])/);
  const out = [];
  parts.forEach((p, i) => { out.push(document.createTextNode(p)); if (i < parts.length - 1) out.push(document.createElement('wbr')); });
  return out;
}

// Reads of the Unity Catalog API, cached for the page's life (the tree and search share them).
import * as api from './api.js';

const cache = new Map();

function cached(key, load) {
  if (!cache.has(key)) {
    const p = load();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return cache.get(key);
}

export function clear() { cache.clear(); }

export const catalogs = () => cached('c', () => api.listAll('/catalogs', {}, 'catalogs'));
export const schemas = (c) => cached('s:' + c, () => api.listAll('/schemas', { catalog_name: c }, 'schemas'));
export const tables = (c, s) => cached('t:' + c + '.' + s, () => api.listAll('/tables', { catalog_name: c, schema_name: s }, 'tables'));
export const volumes = (c, s) => cached('v:' + c + '.' + s, () => api.listAll('/volumes', { catalog_name: c, schema_name: s }, 'volumes'));
export const functions = (c, s) => cached('f:' + c + '.' + s, () => api.listAll('/functions', { catalog_name: c, schema_name: s }, 'functions'));
export const models = (c, s) => cached('m:' + c + '.' + s, () => api.listAll('/models', { catalog_name: c, schema_name: s }, 'registered_models'));

/** Everything in a schema, each with its kind; a kind that fails to list is left out. */
export async function children(c, s) {
  const kinds = [['table', tables], ['volume', volumes], ['function', functions], ['model', models]];
  const lists = await Promise.all(kinds.map(([kind, f]) => f(c, s).then((xs) => xs.map((x) => ({ kind: kindOf(kind, x), obj: x })), () => [])));
  return lists.flat().sort((a, b) => order(a.kind) - order(b.kind) || a.obj.name.localeCompare(b.obj.name));
}

/** The console's kind of a listed object: a table whose type is a view's is a view. */
export function kindOf(kind, x) {
  return kind === 'table' && (x.table_type === 'VIEW' || x.table_type === 'MATERIALIZED_VIEW' || x.table_type === 'METRIC_VIEW') ? 'view' : kind;
}

function order(kind) {
  return ['table', 'view', 'volume', 'function', 'model'].indexOf(kind);
}

/** The API's path of one object by kind. */
export function path(kind, fullName) {
  const p = { table: '/tables/', view: '/tables/', volume: '/volumes/', function: '/functions/', model: '/models/' }[kind];
  return api.UC + p + encodeURIComponent(fullName);
}

/**
 * The caller's own access to an object it may see: browse_only, manage (of it and of each level
 * above it) and the groups its decisions count. Not cached: a grant made here changes it.
 */
export function access(type, fullName) {
  return api.get(api.GH + '/authz/access', { securable_type: type, full_name: fullName });
}

export function getObject(kind, fullName) {
  return api.get(path(kind, fullName), { include_browse: true });
}

/** The securable type the permissions and explain endpoints name. */
export function securableType(kind) {
  return { view: 'table', model: 'registered_model' }[kind] || kind;
}

/** The hash route of an object. */
export function routeOf(kind, fullName) {
  const parts = String(fullName).split('.');
  const first = { table: 'catalogs', view: 'catalogs', catalog: 'catalogs', schema: 'catalogs', volume: 'volumes', function: 'functions', model: 'models' }[kind];
  return [first, ...parts];
}

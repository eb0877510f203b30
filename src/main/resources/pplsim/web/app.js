// pplsim serve's page: plain JavaScript, no build step and nothing fetched from elsewhere. Every answer comes from
// the JSON API (/v1/, described by /v1/openapi.json); the page only lays it out. The token arrives in the address's
// fragment (#token=...), which browsers never send to a server; it is kept in this origin's localStorage so that a
// shared link (which carries no token) opens in another tab of the same browser.
'use strict';

const TOKEN_KEY = 'pplsim.token';
const PROGRESS_KEY = 'pplsim.lessons';
const state = { builds: null, catalogs: null, rights: [], view: null, matrix: null, lessons: null };

function takeToken() {
  const m = /(?:^|[#&])token=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (m) {
    localStorage.setItem(TOKEN_KEY, m[1]);
    history.replaceState(history.state, '', location.pathname + location.search);
  }
  return localStorage.getItem(TOKEN_KEY);
}

class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function api(path, options = {}) {
  const headers = Object.assign({ Authorization: 'Bearer ' + (localStorage.getItem(TOKEN_KEY) || '') }, options.headers || {});
  const r = await fetch(path, Object.assign({}, options, { headers }));
  const text = await r.text();
  let body;
  try { body = JSON.parse(text); } catch (e) { body = { error: text }; }
  if (!r.ok) {
    if (r.status === 401) banner('This page has no valid access token: open the address pplsim serve printed (it ends in #token=...).');
    throw new ApiError(r.status, body.error || ('HTTP ' + r.status));
  }
  return body;
}

const post = (path, body) => api(path, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });

// ---- small DOM helpers -----------------------------------------------------------------------------------------

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}
const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

function banner(text) {
  const b = $('#banner');
  b.textContent = text;
  b.hidden = !text;
}

function failed(container, e) {
  container.replaceChildren(el('p', { class: 'error', role: 'alert' }, e.message));
  container.dataset.ready = 'true';
}

/** A container about to show a new answer: 'data-ready' says when it has (the browser tests wait on it). */
function pending(container, text) {
  container.dataset.ready = 'false';
  container.replaceChildren(el('p', { class: 'muted' }, text));
}

function params() { return new URLSearchParams(location.search); }

function setParams(values, push) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== '' && v !== null && v !== undefined && v !== false) p.set(k, v === true ? 'true' : v);
  const url = location.pathname + '?' + p.toString();
  if (url !== location.pathname + location.search) (push ? history.pushState : history.replaceState).call(history, null, '', url);
}

// ---- views -----------------------------------------------------------------------------------------------------

const VIEWS = ['map', 'request', 'compare', 'system', 'lessons'];

function show(view, push) {
  if (!VIEWS.includes(view)) view = 'map';
  state.view = view;
  for (const v of VIEWS) {
    $('#view-' + v).hidden = v !== view;
    const tab = $('#tab-' + v);
    tab.setAttribute('aria-selected', String(v === view));
    tab.tabIndex = v === view ? 0 : -1;
  }
  if (push !== undefined) {
    const p = Object.fromEntries(params());
    if (p.view !== view) setParams({ view }, push);
  }
  ({ map: openMap, request: openRequest, compare: openCompare, system: openSystem, lessons: openLessons })[view]();
}

function wireTabs() {
  const tabs = $$('[role=tab]');
  for (const t of tabs) {
    t.addEventListener('click', () => show(t.dataset.view, true));
    t.addEventListener('keydown', e => {
      const i = tabs.indexOf(t);
      const next = e.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : e.key === 'ArrowLeft' ? tabs[(i + tabs.length - 1) % tabs.length] : null;
      if (next) { e.preventDefault(); next.focus(); show(next.dataset.view, true); }
    });
  }
  window.addEventListener('popstate', () => show(params().get('view') || 'map'));
}

// ---- shared: the explanation -----------------------------------------------------------------------------------

const isOk = s => s === 'STATUS_SUCCESS';

/** An explanation (POST /v1/explain, or a lesson's) as a person reads it: verdict, refusal, decisive rules, changes, stages. */
function renderExplanation(e, title) {
  const out = [];
  if (title) out.push(el('h3', {}, title));
  const ok = isOk(e.status);
  out.push(el('p', { class: 'verdict ' + (ok ? 'ok' : 'no'), 'data-status': e.status },
    ok ? '\u2713 ' : '\u2717 ', e.status, e.ntstatus ? ' (' + e.ntstatus + ')' : '',
    e.granted !== undefined ? ', granted ' + e.granted : ''));
  const kv = el('dl', { class: 'kv' });
  const add = (k, v) => { if (v !== undefined && v !== null && v !== '') kv.append(el('dt', {}, k), el('dd', {}, v)); };
  if (e.op === 'open' || e.op === undefined) {
    add('caller', e.caller ? e.caller.protection + ' ' + e.caller.name + (e.caller.token ? ', token ' + e.caller.token.user + ' ' + e.caller.token.integrity : '') : '');
    add('target', e.target ? e.target.object + ' ' + e.target.protection + ' ' + e.target.name : '');
    add('asked', (e.desired || '') + (e.mode ? ', ' + e.mode + ' mode' : '') + (e.relation && e.relation !== 'none' ? ', relation ' + e.relation : '') + (e.build ? ', build ' + e.build : ''));
    add('granted rights', (e.grantedRights || []).join(' | ') || 'none');
  } else {
    add('operation', e.op);
    if (e.child) add('child', e.child.protection + ' ' + (e.child.name || ''));
    add('reason', e.reason);
  }
  add('rules fired', (e.rules || []).join(' '));
  out.push(kv);
  if (e.decisive && e.decisive.length) {
    out.push(el('h4', {}, 'Decided by'));
    out.push(el('ul', { class: 'decisive' }, e.decisive.map(r => el('li', {},
      el('code', {}, r.rule), ' ', r.name || '', r.cite ? el('span', { class: 'muted' }, ' \u2014 ' + r.cite) : '',
      r.title ? el('div', { class: 'muted' }, 'stage ' + r.stage + ' ' + r.title + ': ' + r.kernelFunction) : ''))));
  }
  if (e.refusal && e.refusal.length) {
    out.push(el('h4', {}, 'Why refused'));
    out.push(el('table', { class: 'data refusal' }, el('thead', {}, el('tr', {}, el('th', {}, 'kind'), el('th', {}, 'rights'), el('th', {}, 'by'), el('th', {}, 'rule'))),
      el('tbody', {}, e.refusal.map(p => el('tr', {},
        el('td', {}, el('span', { class: 'tag ' + (p.category === 'explicit deny' ? 'explicit' : 'never') }, p.category)),
        el('td', {}, el('code', {}, p.rightNames)), el('td', {}, p.by), el('td', {}, el('code', {}, p.rule || '')))))));
  }
  if (e.counterfactuals && e.counterfactuals.length) {
    out.push(el('h4', {}, 'Would succeed with one change (each verified by deciding it)'));
    out.push(el('ul', { class: 'changes' }, e.counterfactuals.map(c => el('li', {}, c.change,
      c.granted ? el('span', { class: 'muted' }, ' \u2192 granted ' + c.granted) : c.status ? el('span', { class: 'muted' }, ' \u2192 ' + c.status) : ''))));
  } else if (!ok && e.counterfactuals) {
    out.push(el('p', { class: 'muted' }, 'No single change of the request makes it succeed.'));
  }
  if (e.stages && e.stages.length) {
    const rows = e.stages.map(s => el('tr', { class: 'stage' },
      el('td', {}, String(s.stage)), el('td', {}, s.title, el('div', { class: 'fn' }, s.kernelFunction)),
      el('td', {}, el('code', {}, s.rule), ' ', s.name, el('div', { class: 'muted' }, s.cite)),
      el('td', {}, (s.matched || []).map(m => el('div', {}, m))), el('td', {}, (s.derived || []).map(m => el('div', {}, m)))));
    out.push(el('details', { open: true }, el('summary', {}, 'Stages in the kernel\'s terms (' + e.stages.length + ' rule firings)'),
      el('table', { class: 'data stages' }, el('thead', {}, el('tr', {}, el('th', {}, 'stage'), el('th', {}, 'kernel'), el('th', {}, 'rule'), el('th', {}, 'read'), el('th', {}, 'derived'))),
        el('tbody', {}, rows))));
  }
  (e.warnings || []).forEach(w => out.push(el('p', { class: 'muted' }, 'warning: ' + w)));
  return out;
}

// ---- the dominance map -----------------------------------------------------------------------------------------

const RIGHT_SETS = [
  { id: 'obtained', label: 'any right (what is obtained)', names: null },
  { id: 'memory', label: 'memory: VM_READ, VM_WRITE, VM_OPERATION', names: ['VM_READ', 'VM_WRITE', 'VM_OPERATION'] },
  { id: 'inject', label: 'injection: CREATE_THREAD, VM_WRITE, VM_OPERATION', names: ['CREATE_THREAD', 'VM_WRITE', 'VM_OPERATION'] },
  { id: 'limited', label: 'limited: QUERY_LIMITED_INFORMATION, SYNCHRONIZE', names: ['QUERY_LIMITED_INFORMATION', 'SYNCHRONIZE'] },
];

function fillRights(object) {
  const sel = $('#map-rights');
  const keep = sel.value || params().get('rights') || '0x00000010';
  sel.replaceChildren();
  const single = el('optgroup', { label: 'one right' });
  for (const r of state.builds.rights) single.append(el('option', { value: r.mask }, object === 'thread' ? r.thread : r.process));
  const sets = el('optgroup', { label: 'a set of rights' });
  for (const s of RIGHT_SETS) sets.append(el('option', { value: s.id }, s.label));
  sel.append(single, sets);
  sel.value = Array.from(sel.options).some(o => o.value === keep) ? keep : '0x00000010';
}

/** Which of the matrix's rights a choice means: one right's index, or a set's. */
function chosenRights(m, choice) {
  if (choice === 'obtained') return null;
  const set = RIGHT_SETS.find(s => s.id === choice);
  if (set) {
    const idx = m.rights.map((r, i) => set.names.some(n => r.name.endsWith('_' + n) || r.name === n) ? i : -1).filter(i => i >= 0);
    return idx.length ? idx : null;
  }
  return [m.rights.findIndex(r => r.mask === choice)];
}

function cellClass(cell, idx) {
  if (cell.undecidable) return ['u', '?', 'no table row for a signer'];
  if (idx === null) {
    const n = parseInt(cell.obtained, 16);
    return n === 0 ? ['d', '\u2717', 'nothing obtained'] : n === 0x1FFFFF ? ['g', '\u2713', 'every right'] : ['p', '\u25D0', 'obtains ' + cell.obtained];
  }
  const granted = idx.filter(i => isOk(cell.outcomes[i].status)).length;
  if (granted === idx.length) return ['g', '\u2713', 'granted'];
  if (granted === 0) return ['d', '\u2717', 'refused'];
  return ['p', '\u25D0', granted + ' of ' + idx.length + ' granted'];
}

function sideLabel(s) {
  // every unprotected process is None: there the caller is the elevated admin with SeDebugPrivilege
  if (s.protection === '0x00' && s.id === '0x00') return 'None \u00b7 admin';
  return s.label + (s.examples && s.examples.length ? ' \u00b7 ' + s.examples.slice(0, 2).join(', ') : '');
}

async function openMap() {
  const form = $('#map-form');
  const p = params();
  for (const k of ['build', 'object', 'mode', 'relation']) if (p.get(k) && form.elements[k]) form.elements[k].value = p.get(k);
  fillRights(form.elements.object.value);
  if (p.get('rights')) form.elements.rights.value = p.get('rights');
  await drawMap();
}

async function drawMap() {
  const form = $('#map-form');
  const f = Object.fromEntries(new FormData(form));
  setParams({ view: 'map', build: f.build, object: f.object, mode: f.mode, relation: f.relation, rights: f.rights });
  const box = $('#map');
  box.setAttribute('aria-busy', 'true');
  let m;
  try {
    m = await api('/v1/matrix?' + new URLSearchParams({ build: f.build, object: f.object, mode: f.mode, relation: f.relation }));
  } catch (e) {
    box.setAttribute('aria-busy', 'false');
    return failed(box, e);
  }
  state.matrix = m;
  const idx = chosenRights(m, f.rights);
  const rightName = idx === null ? 'any right' : idx.map(i => m.rights[i].name).join(', ');
  const byKey = new Map(m.cells.map(c => [c.caller + '>' + c.target, c]));
  const head = el('tr', {}, el('th', { scope: 'col' }, el('span', {}, 'caller \u2193 target \u2192')),
    m.targets.map(t => el('th', { scope: 'col', title: sideLabel(t) }, el('span', {}, sideLabel(t)))));
  const rows = m.callers.map((c, ri) => el('tr', {}, el('th', { scope: 'row' }, sideLabel(c)), m.targets.map((t, ci) => {
    const cell = byKey.get(c.id + '>' + t.id);
    const [cls, sym, what] = cellClass(cell, idx);
    const label = sideLabel(c) + ' opens ' + sideLabel(t) + ' for ' + rightName + ': ' + what;
    return el('td', {}, el('button', {
      type: 'button', class: 'cell ' + cls, 'data-caller': c.id, 'data-target': t.id, 'data-row': ri, 'data-col': ci,
      'aria-label': label, title: label, tabindex: ri === 0 && ci === 0 ? 0 : -1,
    }, sym));
  })));
  const table = el('table', { class: 'grid', id: 'map-grid' },
    el('caption', { class: 'muted' }, 'Build ' + m.build + ', ' + m.object + ' objects, ' + m.mode + ' mode, relation ' + m.relation + '; ' + rightName),
    el('thead', {}, head), el('tbody', {}, rows));
  box.replaceChildren(table);
  box.setAttribute('aria-busy', 'false');
  box.dataset.ready = 'true';
  wireGrid(table, idx, m);
}

/** Arrow keys move between cells (one tab stop for the grid); hover and focus show a cell's decision; click and Enter explain it. */
function wireGrid(table, idx, m) {
  const cells = $$('button.cell', table);
  const at = (r, c) => cells.find(b => +b.dataset.row === r && +b.dataset.col === c);
  const describe = b => {
    const cell = m.cells.find(x => x.caller === b.dataset.caller && x.target === b.dataset.target);
    const caller = m.callers.find(x => x.id === cell.caller), target = m.targets.find(x => x.id === cell.target);
    const which = idx === null ? m.rights.map((r, i) => i).filter(i => m.rights[i].mask !== '0x02000000') : idx;
    const lines = which.slice(0, 6).map(i => el('div', {}, el('code', {}, m.rights[i].name), ': ', cell.outcomes[i].status,
      cell.outcomes[i].rule ? el('span', { class: 'muted' }, ' (' + cell.outcomes[i].rule + ')') : ''));
    if (which.length > 6) lines.push(el('div', { class: 'muted' }, '\u2026 and ' + (which.length - 6) + ' more rights; obtained ' + cell.obtained));
    $('#map-hover').replaceChildren(el('strong', {}, sideLabel(caller) + ' \u2192 ' + sideLabel(target)), ...lines);
  };
  table.addEventListener('mouseover', e => { const b = e.target.closest('button.cell'); if (b) describe(b); });
  table.addEventListener('focusin', e => { const b = e.target.closest('button.cell'); if (b) describe(b); });
  table.addEventListener('click', e => { const b = e.target.closest('button.cell'); if (b) explainCell(b, idx, m); });
  table.addEventListener('keydown', e => {
    const b = e.target.closest('button.cell');
    if (!b) return;
    const r = +b.dataset.row, c = +b.dataset.col;
    const next = { ArrowUp: at(r - 1, c), ArrowDown: at(r + 1, c), ArrowLeft: at(r, c - 1), ArrowRight: at(r, c + 1), Home: at(r, 0), End: at(r, m.targets.length - 1) }[e.key];
    if (next) {
      e.preventDefault();
      b.tabIndex = -1;
      next.tabIndex = 0;
      next.focus();
    }
  });
}

async function explainCell(b, idx, m) {
  $$('button.cell.selected').forEach(x => x.classList.remove('selected'));
  b.classList.add('selected');
  const which = idx === null ? null : idx.map(i => parseInt(m.rights[i].mask, 16));
  const desired = which === null ? 'MAXIMUM_ALLOWED' : '0x' + which.reduce((a, x) => a | x, 0).toString(16).toUpperCase().padStart(8, '0');
  const request = { id: 'map', caller: { protection: b.dataset.caller }, target: { protection: b.dataset.target, object: m.object },
    desired, mode: m.mode, relation: m.relation, build: m.build };
  const box = $('#map-explain');
  pending(box, 'Explaining\u2026');
  try {
    const e = await post('/v1/explain', request);
    const link = el('a', { href: '?' + requestParams({ op: 'open', caller: b.dataset.caller, target: b.dataset.target, object: m.object, desired, mode: m.mode, relation: m.relation, build: m.build }) }, 'Open in the request form');
    box.replaceChildren(...renderExplanation(e, 'Why: ' + b.getAttribute('aria-label')), el('p', {}, link));
    box.dataset.ready = 'true';
  } catch (e) {
    failed(box, e);
  }
}

// ---- the request form ------------------------------------------------------------------------------------------

const OPEN_FIELDS = ['caller', 'target', 'object', 'desired', 'mode', 'relation', 'build', 'operation', 'token', 'targetToken', 'sd', 'sourceAccess', 'callerKind', 'targetKind', 'forceAccessCheck'];
const CREATE_FIELDS = ['creator', 'ctoken', 'api', 'image', 'imageSigner', 'imageEkus', 'protectionLevel', 'flags', 'cbuild', 'inheritHandles'];
const LOAD_FIELDS = ['process', 'sectionSignatureLevel', 'limage', 'limageSigner', 'imageSigningLevel', 'source', 'lbuild', 'pagesModified'];

function requestParams(values) {
  const p = new URLSearchParams({ view: 'request' });
  for (const [k, v] of Object.entries(values)) if (v !== '' && v !== undefined && v !== null && v !== false) p.set(k, v === true ? 'true' : v);
  return p.toString();
}

function tokenValue(text) {
  const t = text.trim();
  if (t.startsWith('{')) return JSON.parse(t);
  return t;
}

/** The form as a batch line: the same JSON object pplsim batch reads (request.BatchLine). */
function batchLine(f) {
  const v = n => (f.elements[n].type === 'checkbox' ? f.elements[n].checked : f.elements[n].value.trim());
  const op = f.elements.op.value;
  const put = (o, path, value) => {
    if (value === '' || value === false) return;
    const keys = path.split('.');
    let x = o;
    for (const k of keys.slice(0, -1)) x = x[k] = x[k] || {};
    x[keys[keys.length - 1]] = value;
  };
  const line = { id: 'form' };
  if (op === 'open') {
    put(line, 'caller.protection', v('caller'));
    put(line, 'target.protection', v('target'));
    put(line, 'target.object', v('object'));
    put(line, 'desired', v('desired'));
    put(line, 'mode', v('mode'));
    put(line, 'relation', v('relation'));
    put(line, 'build', v('build'));
    if (v('operation') !== 'open') put(line, 'operation', v('operation'));
    if (v('token')) put(line, 'caller.token', tokenValue(v('token')));
    if (v('targetToken')) put(line, 'target.token', tokenValue(v('targetToken')));
    put(line, 'target.sd', v('sd'));
    put(line, 'sourceAccess', v('sourceAccess'));
    put(line, 'caller.kind', v('callerKind'));
    put(line, 'target.kind', v('targetKind'));
    put(line, 'forceAccessCheck', v('forceAccessCheck'));
  } else if (op === 'create') {
    line.op = 'create';
    put(line, 'creator.protection', v('creator'));
    put(line, 'creator.token', v('ctoken'));
    put(line, 'api', v('api'));
    put(line, 'image.path', v('image'));
    put(line, 'image.signer', v('imageSigner'));
    if (v('imageEkus')) put(line, 'image.ekus', v('imageEkus').split(',').map(s => s.trim()).filter(Boolean));
    put(line, 'protectionLevel', v('protectionLevel'));
    put(line, 'flags', v('flags'));
    put(line, 'build', v('cbuild'));
    put(line, 'inheritHandles', v('inheritHandles'));
  } else {
    line.op = 'load';
    put(line, 'process.protection', v('process'));
    put(line, 'process.sectionSignatureLevel', v('sectionSignatureLevel'));
    put(line, 'image.path', v('limage'));
    put(line, 'image.signer', v('limageSigner'));
    put(line, 'image.signingLevel', v('imageSigningLevel'));
    put(line, 'image.source', v('source'));
    put(line, 'image.pagesModified', v('pagesModified'));
    put(line, 'build', v('lbuild'));
  }
  return line;
}

function formValues(f) {
  const op = f.elements.op.value;
  const names = op === 'open' ? OPEN_FIELDS : op === 'create' ? CREATE_FIELDS : LOAD_FIELDS;
  const out = { op };
  for (const n of names) {
    const e = f.elements[n];
    out[n] = e.type === 'checkbox' ? e.checked : e.value.trim();
  }
  return out;
}

function showOp(f) {
  const op = f.elements.op.value;
  for (const d of $$('.fields', f)) d.hidden = d.dataset.op !== op;
}

let requestFilled = false;
function openRequest() {
  const f = $('#request-form');
  const p = params();
  if (!requestFilled) {
    requestFilled = true;
    f.addEventListener('change', e => { if (e.target.name === 'op') showOp(f); });
    f.addEventListener('submit', e => { e.preventDefault(); submitRequest(true); });
    $('#request-copy').addEventListener('click', async () => {
      const url = location.origin + location.pathname + '?' + requestParams(formValues(f));
      try { await navigator.clipboard.writeText(url); $('#request-copied').textContent = 'Link copied (it carries no token).'; } catch (e) { $('#request-copied').textContent = url; }
    });
  }
  if (p.get('op')) {
    const op = f.querySelector('input[name=op][value="' + p.get('op') + '"]');
    if (op) op.checked = true;
    for (const [k, v] of p) {
      const e = f.elements[k];
      if (!e || k === 'op' || k === 'view') continue;
      if (e.type === 'checkbox') e.checked = v === 'true';
      else e.value = v;
    }
    showOp(f);
    submitRequest(false);
  } else {
    showOp(f);
  }
}

async function submitRequest(push) {
  const f = $('#request-form');
  const values = formValues(f);
  const url = '?' + requestParams(values);
  if (url !== location.search) (push ? history.pushState : history.replaceState).call(history, null, '', url);
  const box = $('#request-result');
  pending(box, 'Deciding\u2026');
  try {
    const e = await post('/v1/explain', batchLine(f));
    box.replaceChildren(...renderExplanation(e, 'Answer'));
    box.dataset.ready = 'true';
  } catch (e) {
    failed(box, e);
  }
}

// ---- compare ---------------------------------------------------------------------------------------------------

function fillWorlds(sel, chosen) {
  sel.replaceChildren(
    el('optgroup', { label: 'builds' }, state.builds.builds.filter(b => !b.overlay).map(b => el('option', { value: b.name }, b.name))),
    el('optgroup', { label: 'build overlays (policies/whatif)' }, state.builds.builds.filter(b => b.overlay).map(b => el('option', { value: b.name }, b.name))),
    el('optgroup', { label: 'systems' }, state.catalogs.catalogs.filter(c => !c.overlay).map(c => el('option', { value: c.name }, c.name))),
    el('optgroup', { label: 'system overlays (policies/whatif)' }, state.catalogs.catalogs.filter(c => c.overlay).map(c => el('option', { value: c.name }, c.name))));
  if (chosen) sel.value = chosen;
}

let compareWired = false;
function openCompare() {
  const f = $('#compare-form');
  const p = params();
  fillWorlds($('#compare-base'), p.get('base') || 'windows-10-early');
  fillWorlds($('#compare-change'), p.get('change') || 'windows-10-11');
  for (const k of ['object', 'mode', 'relation']) if (p.has(k)) f.elements[k].value = p.get(k);
  if (!compareWired) {
    compareWired = true;
    f.addEventListener('submit', e => { e.preventDefault(); runCompare(true); });
  }
  if (p.get('base') && p.get('change')) runCompare(false);
}

async function runCompare(push) {
  const f = $('#compare-form');
  const v = Object.fromEntries(new FormData(f));
  setParams({ view: 'compare', base: v.base, change: v.change, object: v.object, mode: v.mode, relation: v.relation }, push);
  const box = $('#compare-result');
  pending(box, 'Comparing every cell (this can take several seconds the first time)\u2026');
  const q = { base: v.base, change: v.change };
  for (const k of ['object', 'mode', 'relation']) if (v[k]) q[k] = v[k];
  let w;
  try {
    w = await api('/v1/whatif?' + new URLSearchParams(q));
  } catch (e) {
    return failed(box, e);
  }
  const out = [];
  out.push(el('div', { class: 'summary' },
    el('span', {}, w.compared.toLocaleString('en') + ' cells compared'),
    el('span', {}, el('strong', { class: 'gain', id: 'compare-gained' }, String(w.gained)), ' gained access'),
    el('span', {}, el('strong', { class: 'loss', id: 'compare-lost' }, String(w.lost)), ' lost access')));
  out.push(el('h3', {}, 'What differs'));
  out.push(w.differences.length ? el('ul', {}, w.differences.map(d => el('li', {}, el('code', {}, d)))) : el('p', {}, 'Nothing: the two decide alike.'));
  if (w.cells.length) {
    // a grid of caller x target: gained, lost or both, over the cells compared
    const callers = [], targets = [];
    const agg = new Map();
    for (const c of w.cells) {
      if (!callers.some(x => x.id === c.caller)) callers.push({ id: c.caller, label: c.callerLabel });
      if (!targets.some(x => x.id === c.target)) targets.push({ id: c.target, label: c.targetLabel });
      const k = c.caller + '>' + c.target;
      const a = agg.get(k) || { gained: 0, lost: 0, cells: [] };
      if (c.gained !== '0x00000000') a.gained++;
      if (c.lost !== '0x00000000') a.lost++;
      a.cells.push(c);
      agg.set(k, a);
    }
    const detail = el('div', { id: 'compare-detail', class: 'explain', tabindex: '-1' });
    const grid = el('table', { class: 'grid', id: 'compare-grid' },
      el('caption', { class: 'muted' }, 'Cells that change, caller (row) \u00d7 target (column): \u25B2 gained, \u25BC lost, \u25C6 both. Click one for its rights and causes.'),
      el('thead', {}, el('tr', {}, el('th', {}, el('span', {}, 'caller \u2193 target \u2192')), targets.map(t => el('th', { scope: 'col' }, el('span', {}, t.label))))),
      el('tbody', {}, callers.map(c => el('tr', {}, el('th', { scope: 'row' }, c.label), targets.map(t => {
        const a = agg.get(c.id + '>' + t.id);
        if (!a) return el('td', {}, el('span', { class: 'cell n', 'aria-hidden': 'true' }, ''));
        const cls = a.gained && a.lost ? 'both' : a.gained ? 'gain' : 'loss';
        const sym = cls === 'both' ? '\u25C6' : cls === 'gain' ? '\u25B2' : '\u25BC';
        const label = c.label + ' \u2192 ' + t.label + ': ' + (a.gained ? a.gained + ' gained' : '') + (a.gained && a.lost ? ', ' : '') + (a.lost ? a.lost + ' lost' : '');
        return el('td', {}, el('button', { type: 'button', class: 'cell ' + cls, 'aria-label': label, title: label,
          onclick: () => showChanges(detail, label, a.cells) }, sym));
      })))));
    out.push(el('div', { class: 'map-layout' }, el('div', { class: 'grid-wrap' }, grid), el('aside', { class: 'side' }, detail)));
    const byCause = new Map();
    for (const c of w.cells) {
      const k = c.causes.join(' + ');
      byCause.set(k, (byCause.get(k) || 0) + 1);
    }
    out.push(el('h3', {}, 'By cause'));
    out.push(el('ul', {}, Array.from(byCause, ([k, n]) => el('li', {}, el('code', {}, k), ': ' + n + ' cells'))));
    if (w.truncated) out.push(el('p', { class: 'muted' }, 'The first ' + w.cells.length + ' changed cells are shown; narrow with object, mode or relation.'));
  }
  box.replaceChildren(...out);
  box.dataset.ready = 'true';
}

function showChanges(box, label, cells) {
  box.replaceChildren(el('h3', {}, label), el('table', { class: 'data' },
    el('thead', {}, el('tr', {}, el('th', {}, 'asked'), el('th', {}, 'object, mode, relation'), el('th', {}, 'base'), el('th', {}, 'change'), el('th', {}, 'rights'), el('th', {}, 'because of'))),
    el('tbody', {}, cells.map(c => el('tr', { class: c.gained !== '0x00000000' ? 'yes' : 'no' },
      el('td', {}, el('code', {}, c.desiredName)), el('td', {}, c.object + ', ' + c.mode + ', ' + c.relation),
      el('td', {}, (c.baseOutcome.status || '(no process)') + ' ' + c.baseOutcome.granted), el('td', {}, (c.changeOutcome.status || '(no process)') + ' ' + c.changeOutcome.granted),
      el('td', { class: 'st' }, c.gained !== '0x00000000' ? '+' + c.gainedNames : '\u2212' + c.lostNames),
      el('td', {}, c.causes.join('; ')))))));
  box.focus();
}

// ---- system ----------------------------------------------------------------------------------------------------

let systemWired = false;
function openSystem() {
  const f = $('#system-form');
  const p = params();
  const sel = $('#system-name');
  sel.replaceChildren(...state.catalogs.catalogs.map(c => el('option', { value: c.name }, c.name + (c.overlay ? ' (overlay)' : ''))));
  sel.value = p.get('system') || (state.catalogs.catalogs.find(c => c.name === 'windows-11') || state.catalogs.catalogs[0]).name;
  if (p.get('access')) f.elements.access.value = p.get('access');
  if (p.get('tokens')) f.elements.tokens.checked = p.get('tokens') === 'true';
  if (!systemWired) {
    systemWired = true;
    sel.addEventListener('change', () => { drawSystem(); });
    f.addEventListener('submit', e => { e.preventDefault(); whoCan(true); });
    $('#reach-form').addEventListener('submit', e => { e.preventDefault(); reach(); });
  }
  drawSystem(p.get('target') || 'lsass.exe');
  whoCan(false);
}

function catalog() {
  return state.catalogs.catalogs.find(c => c.name === $('#system-name').value);
}

function drawSystem(target) {
  const c = catalog();
  const t = $('#system-target');
  const keep = target || t.value;
  t.replaceChildren(...c.processes.map(p => el('option', { value: String(p.pid) }, p.label + ' ' + p.protectionName)));
  const chosen = c.processes.find(p => String(p.pid) === keep || p.image.toLowerCase() === String(keep).toLowerCase());
  if (chosen) t.value = String(chosen.pid);
  // the processes as their parent-child tree (creation order within a parent)
  const children = new Map();
  const pids = new Set(c.processes.map(p => p.pid));
  for (const p of c.processes) {
    const parent = pids.has(p.parent) && p.parent !== p.pid ? p.parent : 0;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(p);
  }
  const branch = parent => el('ul', { class: parent === 0 ? 'tree' : '', role: parent === 0 ? 'tree' : 'group' },
    (children.get(parent) || []).map(p => el('li', { role: 'treeitem' },
      el('span', { class: p.protection === '0x00' ? '' : 'pl' }, p.label), ' ',
      el('span', { class: 'prot' }, p.protection + ' ' + p.protectionName + ', token ' + p.token + (p.kind !== 'normal' ? ', ' + p.kind : '') + ', ' + p.confidence),
      children.has(p.pid) ? branch(p.pid) : '')));
  const from = $('#reach-from');
  const keepFrom = from.value;
  from.replaceChildren(...c.processes.map(p => el('option', { value: String(p.pid) }, p.label + ' ' + p.protectionName)));
  const shell = c.processes.find(p => String(p.pid) === keepFrom) || c.processes.find(p => p.image.toLowerCase() === 'powershell.exe');
  if (shell) from.value = String(shell.pid);
  const builds = $('#reach-build');
  if (!builds.options.length) {
    builds.replaceChildren(el('option', { value: '' }, 'the system\'s own'), ...state.builds.builds.map(b => el('option', { value: b.name }, b.name)));
  }
  $('#system-tree').replaceChildren(el('p', { class: 'muted' }, c.description + ' (build ' + c.build + ', ' + c.cite + ')'), branch(0));
}

async function whoCan(push) {
  const f = $('#system-form');
  const v = { system: $('#system-name').value, target: $('#system-target').value, access: f.elements.access.value.trim(), tokens: f.elements.tokens.checked };
  setParams({ view: 'system', system: v.system, target: v.target, access: v.access, tokens: v.tokens }, push);
  const box = $('#whocan-result');
  pending(box, 'Deciding\u2026');
  try {
    const w = await api('/v1/who-can?' + new URLSearchParams({ system: v.system, target: v.target, access: v.access, tokens: String(v.tokens) }));
    $('#whocan-title').textContent = 'Who can open ' + w.target.label + ' (' + w.target.protectionName + ') for ' + w.desiredName;
    box.replaceChildren(el('p', {}, w.count + ' of ' + w.rows.length + ' processes can.'),
      el('table', { class: 'data', id: 'whocan-table' }, el('thead', {}, el('tr', {}, el('th', {}, 'caller'), el('th', {}, 'protection'), el('th', {}, 'relation'), el('th', {}, 'status'), el('th', {}, 'granted'), el('th', {}, 'rules'))),
        el('tbody', {}, w.rows.map(r => el('tr', { class: isOk(r.status) ? 'yes' : 'no' },
          el('td', {}, r.caller.label), el('td', {}, r.caller.protection + ' ' + r.caller.protectionName), el('td', {}, r.relation),
          el('td', { class: 'st' }, (isOk(r.status) ? '\u2713 ' : '\u2717 ') + r.status), el('td', {}, el('code', {}, r.granted)),
          el('td', {}, el('code', {}, r.rules.join(' '))))))));
    box.dataset.ready = 'true';
  } catch (e) {
    failed(box, e);
  }
}

/** GET /v1/reach: the levels reached and the shortest path to each, every step an engine decision with its rule. */
async function reach() {
  const box = $('#reach-result');
  const q = { system: $('#system-name').value, from: $('#reach-from').value };
  if ($('#reach-build').value) q.build = $('#reach-build').value;
  pending(box, 'Searching\u2026');
  try {
    const r = await api('/v1/reach?' + new URLSearchParams(q));
    const label = new Map(r.nodes.map(n => [n.id, n.label]));
    $('#reach-title').textContent = 'Where code from ' + r.from.process + ' (' + r.from.pid + ') can run (build ' + r.build + ')';
    const steps = l => el('ol', {}, (l.path || []).map(s => el('li', {}, s.primitive + ': ' + (label.get(s.to) || s.to) + ' ',
      el('code', {}, (s.status || '') + (s.mask ? ' ' + s.mask : '')), ' ', el('span', { class: 'muted' }, s.decidedBy + ', ' + s.cite))));
    box.replaceChildren(el('p', {}, r.levels.length + ' protection levels and ' + r.processes.length + ' catalog processes reached.'),
      el('table', { class: 'data', id: 'reach-table' }, el('thead', {}, el('tr', {}, el('th', {}, 'level'), el('th', {}, 'steps'), el('th', {}, 'first place reached, by'))),
        el('tbody', {}, r.levels.map(l => el('tr', {}, el('td', {}, el('code', {}, l.protection), ' ', l.name || ''), el('td', {}, String(l.steps)),
          el('td', {}, label.get(l.place) || l.place || '', steps(l)))))),
      // what the run took for granted, and what it leaves out: a trainee reads the answer with its assumptions
      el('details', { id: 'reach-assumptions', open: true }, el('summary', {}, 'Assumed (policies/reach.yaml) and not modelled'),
        el('ul', {}, (r.assumptions || []).map(a => el('li', {}, a)), (r.notModelled || []).map(a => el('li', { class: 'muted' }, 'not modelled: ' + a)))));
    box.dataset.ready = 'true';
  } catch (e) {
    failed(box, e);
  }
}

// ---- lessons ---------------------------------------------------------------------------------------------------

function progress() {
  try { return JSON.parse(localStorage.getItem(PROGRESS_KEY) || '{}'); } catch (e) { return {}; }
}

function saveProgress(p) {
  localStorage.setItem(PROGRESS_KEY, JSON.stringify(p));
}

let lessonsWired = false;
async function openLessons() {
  if (!state.lessons) {
    try {
      state.lessons = (await api('/v1/lessons')).lessons;
    } catch (e) {
      return failed($('#lesson'), e);
    }
  }
  if (!lessonsWired) {
    lessonsWired = true;
    $('#lesson-reset').addEventListener('click', () => { saveProgress({}); drawLessonIndex(); showLesson(state.lessons[0].id, true); });
  }
  const p = progress();
  const wanted = params().get('lesson');
  const first = state.lessons.find(l => l.id === wanted) || state.lessons.find(l => !p[l.id]) || state.lessons[0];
  drawLessonIndex();
  showLesson(first.id, false);
}

function drawLessonIndex() {
  const p = progress();
  const done = state.lessons.filter(l => p[l.id]).length, right = state.lessons.filter(l => p[l.id] && p[l.id].right).length;
  $('#lesson-progress').textContent = done + ' of ' + state.lessons.length + ' done, ' + right + ' predicted right';
  $('#lesson-index').replaceChildren(...state.lessons.map(l => el('li', { class: p[l.id] ? (p[l.id].right ? 'done' : 'wrong') : '', 'data-id': l.id },
    el('button', { type: 'button', onclick: () => showLesson(l.id, true) }, l.note))));
}

function describeRequest(l) {
  return Object.entries(l.request).map(([k, v]) => el('div', {}, el('span', { class: 'muted' }, k + ': '), el('code', {}, typeof v === 'object' ? JSON.stringify(v) : String(v))));
}

function showLesson(id, push) {
  const i = state.lessons.findIndex(l => l.id === id);
  const l = state.lessons[i];
  setParams({ view: 'lessons', lesson: id }, push);
  $$('#lesson-index li').forEach(li => li.classList.toggle('current', li.dataset.id === id));
  const box = $('#lesson');
  const prev = el('button', { type: 'button', disabled: i === 0, onclick: () => showLesson(state.lessons[i - 1].id, true) }, '\u2190 Previous');
  const next = el('button', { type: 'button', id: 'lesson-next', disabled: i === state.lessons.length - 1, onclick: () => showLesson(state.lessons[i + 1].id, true) }, 'Next \u2192');
  const answer = el('div', { id: 'lesson-answer', 'aria-live': 'polite' });
  const what = l.op === 'open' ? ['Access granted', 'Access refused'] : l.op === 'create' ? ['The process starts', 'The creation fails'] : ['The image maps', 'The load is refused'];
  const predict = el('div', { class: 'predict' },
    el('button', { type: 'button', id: 'predict-yes', onclick: () => reveal(l, true, answer) }, what[0]),
    el('button', { type: 'button', id: 'predict-no', onclick: () => reveal(l, false, answer) }, what[1]));
  box.replaceChildren(el('p', { class: 'muted' }, 'Lesson ' + (i + 1) + ' of ' + state.lessons.length + ' \u00b7 ' + l.file),
    el('h3', {}, l.note), el('div', { class: 'kv-req' }, describeRequest(l)), el('p', { class: 'muted' }, 'Source: ' + l.cite),
    el('p', {}, el('strong', {}, 'Your prediction:')), predict, answer, el('p', { class: 'actions' }, prev, next));
  const done = progress()[id];
  if (done) reveal(l, done.predicted, answer, true);
  if (push) box.focus();
}

async function reveal(l, predictedYes, box, again) {
  pending(box, 'Deciding\u2026');
  let a;
  try {
    a = await api('/v1/lessons/' + l.id.split('/').map(encodeURIComponent).join('/'));
  } catch (e) {
    return failed(box, e);
  }
  const yes = isOk(a.status);
  const right = yes === predictedYes;
  if (!again) {
    const p = progress();
    p[l.id] = { predicted: predictedYes, right };
    saveProgress(p);
    drawLessonIndex();
    $$('#lesson-index li').forEach(li => li.classList.toggle('current', li.dataset.id === l.id));
  }
  box.replaceChildren(el('p', { class: 'result ' + (right ? 'right' : 'wrong'), id: 'lesson-result' }, right ? '\u2713 Right: ' : '\u2717 Not this time: ', 'the kernel answers ', a.status),
    a.lesson ? el('p', { class: 'lesson-text' }, a.lesson) : '',
    ...renderExplanation(a.explanation, 'Why'));
  box.dataset.ready = 'true';
}

// ---- start -----------------------------------------------------------------------------------------------------

async function start() {
  takeToken();
  wireTabs();
  try {
    const s = await api('/v1/status');
    $('#status').textContent = 'Policies and rules: ' + s.source + (s.digest ? ' \u00b7 snapshot ' + s.digest.slice(0, 12) : '') + (s.loaded ? ' loaded ' + s.loaded.slice(0, 19).replace('T', ' ') + ' UTC' : '');
    if (s.error) banner('The policies no longer load: ' + s.error);
    [state.builds, state.catalogs] = await Promise.all([api('/v1/builds'), api('/v1/catalogs')]);
  } catch (e) {
    $('#status').textContent = e.message;
    return;
  }
  for (const sel of [$('#map-build'), ...$$('select.builds')]) {
    sel.replaceChildren(...state.builds.builds.map(b => el('option', { value: b.name }, b.name + (b.overlay ? ' (overlay)' : ''))));
    sel.value = 'windows-10-11';
  }
  const levels = state.builds.builds.find(b => b.name === 'windows-10-11').levels;
  $('#protections').replaceChildren(...levels.map(l => el('option', { value: l.name }, l.protection)));
  $('#rights-list').replaceChildren(...state.builds.rights.map(r => el('option', { value: r.process })));
  $('#token-presets').replaceChildren(...state.builds.tokenPresets.map(t => el('option', { value: t })));
  const form = $('#map-form');
  form.addEventListener('change', e => { if (e.target.name === 'object') fillRights(e.target.value); drawMap(); });
  show(params().get('view') || 'map');
}

// an address with a new token (a restarted server) opened in a tab that has the page already
window.addEventListener('hashchange', () => { if (takeToken()) location.reload(); });
document.addEventListener('DOMContentLoaded', start);

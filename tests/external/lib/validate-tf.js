'use strict';
// validate-tf DIR|FILE...: Terraform configurations using the AWS provider.
// Parses every .tf file with HashiCorp's HCL parser (npm @cdktf/hcl2json, hcl/v2 compiled to WASM)
// and checks, against the provider schemas in schemas/terraform/ (hashicorp/aws, hashicorp/archive):
//   resource / data source types, arguments, nested blocks, required arguments and blocks,
//   read-only (computed) attributes, references to declared resources, data sources, variables,
//   locals and modules (and the attribute names used on them), and that required_providers
//   admits the provider version whose schema is shipped.
// Each DIR is one module (its *.tf files); FILE arguments together form one module.
const fs = require('fs');
const path = require('path');
const hcl = require('@cdktf/hcl2json');
const { EXIT_OK, EXIT_INVALID, EXIT_USAGE, parseArgs, Diagnostics, didYouMean } = require('./common');

const USAGE = `usage: validate-tf DIR|FILE.tf...
Checks Terraform (.tf) files against the provider schemas in schemas/terraform/ (hashicorp/aws, hashicorp/archive).
Output: FILE:LINE:COL: error: message. Exit: 0 valid, 1 invalid, 2 usage/IO error.
`;
const SCHEMA_DIR = path.join(__dirname, '..', 'schemas', 'terraform');
const META_ARGS = new Set(['count', 'for_each', 'provider', 'depends_on', 'lifecycle', 'provisioner', 'connection']);
const SKIP_ROOTS = new Set(['each', 'count', 'path', 'terraform', 'self']);
const VARIABLE_ARGS = new Set(['type', 'default', 'description', 'validation', 'sensitive', 'nullable', 'ephemeral']);
const OUTPUT_ARGS = new Set(['value', 'description', 'sensitive', 'depends_on', 'precondition', 'ephemeral']);

const isObj = v => v && typeof v === 'object' && !Array.isArray(v);

// ------------------------------------------------------------------ provider schemas
function loadSchemas() {
  const byName = {};
  for (const f of fs.readdirSync(SCHEMA_DIR).sort()) {
    const m = /^([a-z0-9]+)-(\d+\.\d+\.\d+)\.json$/.exec(f);
    if (m) (byName[m[1]] = byName[m[1]] || []).push({ version: m[2], file: path.join(SCHEMA_DIR, f) });
  }
  return byName;
}
const parseVersion = s => s.split('.').map(Number).concat([0, 0, 0]).slice(0, 3);
function cmp(a, b) { for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i]; return 0; }
// Terraform version constraint ("~> 6.0", ">= 5.0, < 7.0", "6.25.0") admits version?
function admits(constraint, version) {
  const v = parseVersion(version);
  return constraint.split(',').every(part => {
    const m = /^\s*(=|!=|>=|<=|>|<|~>)?\s*v?(\d+(?:\.\d+){0,2})\s*$/.exec(part);
    if (!m) return true; // unknown syntax: do not judge
    const op = m[1] || '=', n = m[2].split('.').length, c = parseVersion(m[2]);
    const d = cmp(v, c);
    switch (op) {
      case '=': return d === 0;
      case '!=': return d !== 0;
      case '>': return d > 0;
      case '>=': return d >= 0;
      case '<': return d < 0;
      case '<=': return d <= 0;
      default: { // ~>: only the rightmost given component may grow
        if (d < 0) return false;
        const upper = n === 1 ? [c[0] + 1, 0, 0] : n === 2 ? [c[0] + 1, 0, 0] : [c[0], c[1] + 1, 0];
        return cmp(v, upper) < 0;
      }
    }
  });
}

// ------------------------------------------------------------------ source positions
// hcl2json gives no positions; find them in the text (first match inside the block).
class Locator {
  constructor(file, text) { this.file = file; this.lines = text.split('\n'); }
  header(kind, ...labels) {
    const re = new RegExp(`^\\s*${kind}\\b${labels.map(l => `\\s*"${escapeRe(l)}"`).join('')}`);
    const i = this.lines.findIndex(l => re.test(l));
    return i < 0 ? null : i;
  }
  // [line, col] of `name =` / `name {` after the header line (before the next top-level block)
  inBlock(start, name) {
    if (start === null) return [0, 0];
    const re = new RegExp(`^(\\s*)"?${escapeRe(name)}"?\\s*(=|\\{|")`);
    for (let i = start + 1; i < this.lines.length; i++) {
      if (/^[a-z_]+\b/.test(this.lines[i])) break;
      const m = re.exec(this.lines[i]);
      if (m) return [i + 1, m[1].length + 1];
    }
    return [start + 1, 1];
  }
  text(s, start) {
    for (let i = start || 0; i < this.lines.length; i++) {
      const c = this.lines[i].indexOf(s);
      if (c >= 0) return [i + 1, c + 1];
    }
    return start != null ? [start + 1, 1] : [0, 0];
  }
}
const escapeRe = s => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// ------------------------------------------------------------------ checks
function checkBody(body, sch, where, report, meta) {
  const attrs = sch.attrs || {}, blocks = sch.blocks || {}, computed = new Set(sch.computed || []);
  const present = new Set();
  for (const [k, val] of Object.entries(body)) {
    if (meta && meta.has(k)) continue;
    if (k === 'dynamic' && isObj(val)) {
      for (const [b, list] of Object.entries(val)) {
        if (!blocks[b] || blocks[b].attr) { report(b, `${where}: unsupported dynamic block "${b}"${didYouMean(b, Object.keys(blocks), '"')}`); continue; }
        present.add(b);
        for (const d of [].concat(list)) for (const c of [].concat((d && d.content) || [])) if (isObj(c)) checkBody(c, blocks[b], `${where}.${b}`, (a, m) => report(a || b, m));
      }
      continue;
    }
    present.add(k);
    if (k in attrs) continue;
    const b = blocks[k];
    if (b) {
      const items = [].concat(val).filter(isObj);
      if (!b.attr && !Array.isArray(val)) { report(k, `${where}: "${k}" is a block, not an argument (write ${k} { ... } without "=")`); continue; }
      if (b.max1 && !b.attr && items.length > 1) report(k, `${where}: at most one "${k}" block is allowed, found ${items.length}`);
      for (const it of items) checkBody(it, b, `${where}.${k}`, (a, m) => report(a || k, m));
    } else if (computed.has(k)) {
      report(k, `${where}: "${k}" is computed by the provider and cannot be set`);
    } else {
      report(k, `${where}: unsupported argument "${k}"${didYouMean(k, [...Object.keys(attrs), ...Object.keys(blocks)], '"')}`);
    }
  }
  for (const [k, req] of Object.entries(attrs)) if (req === 1 && !present.has(k)) report(null, `${where}: missing required argument "${k}"`);
  for (const [k, b] of Object.entries(blocks)) if (b.required && !present.has(k)) report(null, `${where}: missing required ${b.attr ? 'argument' : 'block'} "${k}"`);
}

function strings(v, out = []) {
  if (typeof v === 'string') { if (v.includes('${')) out.push(v); } else if (Array.isArray(v)) v.forEach(x => strings(x, out));
  else if (isObj(v)) Object.values(v).forEach(x => strings(x, out));
  return out;
}

async function validateModule(files, diags) {
  // parse
  const parsed = [];
  for (const file of files) {
    let text;
    try { text = fs.readFileSync(file, 'utf8'); } catch (e) { throw Object.assign(new Error(`${file}: cannot read: ${e.message}`), { io: true }); }
    try {
      parsed.push({ file, json: await hcl.parse(path.basename(file), text), loc: new Locator(file, text) });
    } catch (e) {
      // "parse config: [main.tf:2,17-3,1: Summary; Detail., main.tf:5,3-4: ...]"
      const msg = String(e.message || e);
      const found = [...msg.matchAll(/([^\s[,]+\.tf):(\d+),(\d+)(?:-\d+(?:,\d+)?)?: (.*?)(?=,?\s+[^\s,[]+\.tf:\d+,\d+|\]\s*$|$)/g)];
      for (const m of found) diags.error(`HCL syntax error: ${m[4].trim()}`, Number(m[2]), Number(m[3]), file);
      if (!found.length) diags.error(`HCL syntax error: ${msg}`, 0, 0, file);
    }
  }
  if (diags.errorCount) return;

  // declarations of the whole module
  const decl = { resource: {}, data: {}, variable: new Set(), local: new Set(), module: new Set() };
  const providerReqs = {};
  for (const { json, file, loc } of parsed) {
    for (const kind of ['resource', 'data']) {
      for (const [type, named] of Object.entries(json[kind] || {})) {
        for (const n of Object.keys(named)) {
          const set = (decl[kind][type] = decl[kind][type] || new Set());
          if (set.has(n)) diags.error(`duplicate ${kind} "${type}" "${n}"`, ...[loc.header(kind, type, n)].map(i => (i === null ? 0 : i + 1)), 1, file);
          set.add(n);
        }
      }
    }
    for (const n of Object.keys(json.variable || {})) decl.variable.add(n);
    for (const n of Object.keys(json.module || {})) decl.module.add(n);
    for (const l of [].concat(json.locals || [])) for (const n of Object.keys(l || {})) decl.local.add(n);
    for (const t of [].concat(json.terraform || [])) {
      for (const rp of [].concat((t && t.required_providers) || [])) Object.assign(providerReqs, rp);
    }
  }

  // provider schemas: the newest shipped version that required_providers admits
  const available = loadSchemas();
  const schemas = {};
  const firstFile = parsed[0];
  const reqAt = name => {
    for (const p of parsed) { const i = p.loc.header('terraform'); if (i !== null) return [...p.loc.inBlock(i, name), p.file]; }
    return [0, 0, firstFile.file];
  };
  const usedProviders = new Set();
  for (const { json } of parsed) for (const kind of ['resource', 'data']) for (const type of Object.keys(json[kind] || {})) usedProviders.add(type.split('_')[0]);
  for (const name of usedProviders) {
    const shipped = available[name];
    if (!shipped) continue;
    const req = providerReqs[name];
    const constraint = isObj(req) ? req.version : typeof req === 'string' ? req : undefined;
    const source = isObj(req) ? req.source : undefined;
    if (source && !new RegExp(`^(registry\\.terraform\\.io/)?hashicorp/${name}$`, 'i').test(source)) {
      diags.warning(`provider "${name}" has source "${source}"; checked against hashicorp/${name}`, ...reqAt(name));
    }
    const ok = shipped.filter(s => !constraint || admits(constraint, s.version)).sort((a, b) => cmp(parseVersion(b.version), parseVersion(a.version)));
    if (!constraint && name === 'aws') diags.warning(`required_providers does not pin "aws"; checked against hashicorp/aws ${ok[0].version}`, ...reqAt(name));
    if (!ok.length) {
      diags.error(`required_providers "${name}" version "${constraint}" does not admit the provider schema shipped with the validator (${shipped.map(s => s.version).join(', ')})`, ...reqAt(name));
      continue;
    }
    schemas[name] = Object.assign(JSON.parse(fs.readFileSync(ok[0].file, 'utf8')), { version: ok[0].version });
  }
  const schemaFor = (kind, type) => {
    const p = schemas[type.split('_')[0]];
    return p && p[kind === 'data' ? 'data_sources' : 'resources'][type];
  };
  const providerOf = type => type.split('_')[0];

  // blocks
  for (const { file, json, loc } of parsed) {
    const at = (start, arg) => (arg ? loc.inBlock(start, arg) : [start === null ? 0 : start + 1, 1]);
    for (const kind of ['resource', 'data']) {
      for (const [type, named] of Object.entries(json[kind] || {})) {
        for (const [name, bodies] of Object.entries(named)) {
          const start = loc.header(kind, type, name);
          const where = `${kind === 'data' ? 'data.' : ''}${type}.${name}`;
          const sch = schemaFor(kind, type);
          if (!sch) {
            const prov = schemas[providerOf(type)];
            if (prov) {
              const all = Object.keys(prov[kind === 'data' ? 'data_sources' : 'resources']);
              diags.error(`unknown ${kind === 'data' ? 'data source' : 'resource'} type "${type}" in hashicorp/${providerOf(type)} ${prov.version}${didYouMean(type, all, '"')}`, ...at(start), file);
            } else if (!(providerOf(type) in available) && type !== 'terraform_data') {
              diags.warning(`no schema shipped for provider "${providerOf(type)}"; ${where} not checked`, ...at(start), file);
            }
            continue;
          }
          for (const body of [].concat(bodies)) checkBody(body || {}, sch, where, (arg, msg) => diags.error(msg, ...at(start, arg), file), META_ARGS);
        }
      }
    }
    for (const [pname, bodies] of Object.entries(json.provider || {})) {
      const prov = schemas[pname];
      if (!prov || !prov.provider) continue;
      const start = loc.header('provider', pname);
      for (const body of [].concat(bodies)) checkBody(body || {}, prov.provider, `provider "${pname}"`, (arg, msg) => diags.error(msg, ...at(start, arg), file), new Set(['alias', 'version']));
    }
    for (const [kind, allowed] of [['variable', VARIABLE_ARGS], ['output', OUTPUT_ARGS]]) {
      for (const [name, bodies] of Object.entries(json[kind] || {})) {
        const start = loc.header(kind, name);
        for (const body of [].concat(bodies)) {
          for (const k of Object.keys(body || {})) if (!allowed.has(k)) diags.error(`${kind} "${name}": unsupported argument "${k}"${didYouMean(k, allowed, '"')}`, ...at(start, k), file);
          if (kind === 'output' && !(body && 'value' in body)) diags.error(`output "${name}": missing required argument "value"`, ...at(start), file);
        }
      }
    }
  }

  // references
  for (const { file, json, loc } of parsed) {
    const sources = [];
    for (const kind of ['resource', 'data']) {
      for (const [type, named] of Object.entries(json[kind] || {})) {
        for (const [name, bodies] of Object.entries(named)) {
          const b = [].concat(bodies).map(x => Object.assign({}, x, { lifecycle: undefined }));
          sources.push({ start: loc.header(kind, type, name), values: strings(b) });
        }
      }
    }
    for (const kind of ['output', 'module', 'provider']) {
      for (const [name, bodies] of Object.entries(json[kind] || {})) sources.push({ start: loc.header(kind, name), values: strings(bodies) });
    }
    for (const l of [].concat(json.locals || [])) sources.push({ start: loc.header('locals'), values: strings(l) });
    for (const [name, bodies] of Object.entries(json.variable || {})) {
      sources.push({ start: loc.header('variable', name), values: strings([].concat(bodies).map(b => ({ validation: b && b.validation }))) });
    }
    const seen = new Set();
    for (const { start, values } of sources) {
      for (const expr of values) {
        let refs;
        try { refs = await hcl.getReferencesInExpression(path.basename(file), expr); } catch { continue; }
        for (const { value } of refs) {
          // for_each keys come quoted (q."a".arn) and count indexes as numbers (r.0.arn): mark both as '#'
          const msg = checkReference(value.split('.').map(p => (/^".*"$|^\d+$/.test(p) ? '#' : p)), decl, schemaFor);
          if (!msg || seen.has(msg)) continue;
          seen.add(msg);
          const shown = value.split('.').slice(0, value.startsWith('data.') ? 3 : 2).join('.');
          diags.error(msg, ...loc.text(shown, start === null ? 0 : start), file);
        }
      }
    }
  }
}

function checkAttr(label, sch, attr) {
  if (!sch || attr === undefined) return null;
  const names = [...Object.keys(sch.attrs || {}), ...Object.keys(sch.blocks || {}), ...(sch.computed || []), 'id'];
  return names.includes(attr) ? null : `${label} has no attribute "${attr}"${didYouMean(attr, names, '"')}`;
}
// parts: reference split at dots, e.g. ["aws_sqs_queue", "q", "arn"]
function checkReference(parts, decl, schemaFor) {
  const [root, a, b] = parts;
  if (SKIP_ROOTS.has(root)) return null;
  if (root === 'var') return decl.variable.has(a) ? null : `reference to undeclared input variable "var.${a}"${didYouMean(a, decl.variable, '"')}`;
  if (root === 'local') return decl.local.has(a) ? null : `reference to undeclared local value "local.${a}"${didYouMean(a, decl.local, '"')}`;
  if (root === 'module') return decl.module.has(a) ? null : `reference to undeclared module "module.${a}"`;
  if (root === 'data') {
    if (!a || !b) return null;
    if (!(decl.data[a] && decl.data[a].has(b))) return `reference to undeclared data source "data.${a}.${b}"`;
    let i = 3; while (parts[i] === '#') i++;
    return checkAttr(`data source "data.${a}.${b}"`, schemaFor('data', a), parts[i]);
  }
  // a resource reference: <type>.<name>...; other roots are iterator / for-expression symbols
  if (!a || !(decl.resource[root] || schemaFor('resource', root))) return null;
  if (!(decl.resource[root] && decl.resource[root].has(a))) {
    const declared = Object.entries(decl.resource).flatMap(([t, ns]) => [...ns].map(n => `${t}.${n}`));
    return `reference to undeclared resource "${root}.${a}"${didYouMean(`${root}.${a}`, declared, '"')}`;
  }
  // skip count index / for_each key
  let i = 2;
  while (parts[i] === '#') i++;
  return checkAttr(`resource "${root}.${a}"`, schemaFor('resource', root), parts[i]);
}

async function main(argv) {
  const opts = parseArgs(argv, [], USAGE);
  const modules = [];
  const loose = [];
  for (const f of opts.files) {
    let st;
    try { st = fs.statSync(f); } catch (e) { console.error(`${f}: error: cannot read: ${e.message}`); return EXIT_USAGE; }
    if (st.isDirectory()) {
      const tf = fs.readdirSync(f).filter(n => n.endsWith('.tf')).sort().map(n => path.join(f, n));
      if (!tf.length) { console.error(`${f}: error: no .tf files in this directory`); return EXIT_USAGE; }
      modules.push({ name: f, files: tf });
    } else loose.push(f);
  }
  if (loose.length) modules.push({ name: loose.join(' '), files: loose });
  let invalid = false;
  for (const m of modules) {
    const diags = new Diagnostics(m.files[0]);
    try { await validateModule(m.files, diags); } catch (e) { if (e.io) { console.error(`error: ${e.message}`); return EXIT_USAGE; } throw e; }
    diags.print();
    const n = diags.errorCount;
    console.log(n ? `INVALID ${m.name}: ${n} error(s)` : `OK ${m.name}`);
    if (n) invalid = true;
  }
  return invalid ? EXIT_INVALID : EXIT_OK;
}

module.exports = { main, admits };

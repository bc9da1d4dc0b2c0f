'use strict';
// The AWS SAM JSON schema (schemas/sam.schema.json, draft-04) completed with the CloudFormation
// resource schemas (schemas/cfn.schema.json.gz), compiled with Ajv.
//
// In memory only (the data files stay verbatim):
// * SAM properties marked `__samPassThrough` get the CloudFormation property schema they point
//   to, as SAM's own schema build does;
// * every value position also accepts an intrinsic function object ({"Ref": ..}, {"Fn::..": ..}),
//   and the scalar coercions CloudFormation performs ("30" for a number, 5 for a string, "true"
//   for a boolean) - see wrap();
// * unions of objects tagged by a `Type` enum (SAM event sources) become Ajv discriminated
//   unions, so only the branch named by `Type` reports errors.
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const Ajv = require('ajv-draft-04');

const DIR = path.join(__dirname, '..', 'schemas');
const INTRINSIC = '__Intrinsic';
const WRAP = 'x-ew-wrapper';   // marks the anyOf added around a value position
const ALT = 'x-ew-alternate';  // marks the coercion alternatives inside it
const NUMERIC = '^\\s*-?[0-9]+(\\.[0-9]+)?\\s*$';
const ANNOTATIONS = new Set(['title', 'description', 'markdownDescription', 'markdownDescriptionOverride']);

function readJson(name) {
  const buf = fs.readFileSync(path.join(DIR, name));
  return JSON.parse(name.endsWith('.gz') ? zlib.gunzipSync(buf) : buf);
}

function load() {
  const sam = readJson('sam.schema.json');
  const cfn = readJson('cfn.schema.json.gz');
  const getatt = readJson('cfn-getatt.json').attributes;
  const defs = Object.assign({}, cfn.definitions);
  for (const [k, v] of Object.entries(sam.definitions)) {
    if (k in defs) throw new Error(`schema definition ${k} in both SAM and CloudFormation schemas`);
    defs[k] = v;
  }
  // SAM pass-through properties -> CloudFormation property schemas
  const lookup = p => p.reduce((o, k) => (o == null ? undefined : o[k]), cfn);
  (function passThrough(o) {
    if (!o || typeof o !== 'object') return;
    for (const [k, v] of Object.entries(o)) {
      if (v && typeof v === 'object' && v.__samPassThrough) {
        const target = lookup(v.__samPassThrough.schemaPath);
        o[k] = target === undefined ? {} : JSON.parse(JSON.stringify(target));
      } else passThrough(v);
    }
  })(sam.definitions);

  // resource type -> definition name
  const typeDef = {};
  for (const { $ref } of sam.properties.Resources.additionalProperties.anyOf) {
    const name = $ref.replace('#/definitions/', '');
    const t = defs[name].properties && defs[name].properties.Type;
    if (t && t.enum) typeDef[t.enum[0]] = name;
  }
  for (const name of Object.keys(cfn.definitions)) if (name.includes('::') && !name.includes('.')) typeDef[name] = name;

  const top = Object.assign({}, cfn.properties, { Globals: sam.properties.Globals });
  top.Resources = {
    type: 'object', minProperties: 1,
    propertyNames: { pattern: '^[a-zA-Z0-9]+$' },
    additionalProperties: { type: 'object', required: ['Type'], properties: { Type: { type: 'string' } } },
  };
  defs.__Template = { type: 'object', additionalProperties: false, required: ['Resources'], properties: top };
  defs[INTRINSIC] = {
    type: 'object', minProperties: 1, maxProperties: 1,
    propertyNames: { pattern: '^(Ref|Condition|Fn::[A-Za-z0-9]+)$' },
  };
  return { defs, typeDef, getatt };
}

// ------------------------------------------------------------------ leniency transform
function isAnything(s) {
  if (!s || typeof s !== 'object') return true;
  const keys = Object.keys(s).filter(k => !ANNOTATIONS.has(k));
  if (!keys.length) return true;
  if (keys.length === 1 && s.$ref === '#/definitions/PassThroughProp') return true;
  if (keys.length === 1 && Array.isArray(s.allOf) && s.allOf.length === 1) return isAnything(s.allOf[0]);
  return false;
}
function coercions(s) {
  if (s.enum || s.$ref || s.const !== undefined) return [];
  if (s.type === 'number' || s.type === 'integer') return [{ type: 'string', pattern: NUMERIC, [ALT]: true }];
  if (s.type === 'boolean') return [{ enum: ['true', 'false', 'True', 'False'], [ALT]: true }];
  if (s.type === 'string' && !s.pattern && !s.format) return [{ type: ['number', 'boolean'], [ALT]: true }];
  return [];
}

function transformer(defs) {
  const seen = new WeakSet();
  const typeTag = s => {
    const r = s && s.$ref ? defs[s.$ref.replace('#/definitions/', '')] : s;
    const t = r && r.properties && r.properties.Type;
    return t && Array.isArray(t.enum) && Array.isArray(r.required) && r.required.includes('Type') ? t.enum : null;
  };
  function discriminate(s) {
    if (!Array.isArray(s.anyOf) || s.anyOf.length < 2) return;
    const tags = s.anyOf.map(typeTag);
    if (tags.some(t => !t)) return;
    const flat = tags.flat();
    if (new Set(flat).size !== flat.length || flat.some(v => typeof v !== 'string')) return;
    s.oneOf = s.anyOf;
    delete s.anyOf;
    Object.assign(s, { type: 'object', required: ['Type'], discriminator: { propertyName: 'Type' } });
  }
  function wrap(s) {
    if (isAnything(s) || s[WRAP]) return s;
    return { anyOf: [walk(s), ...coercions(s), { $ref: `#/definitions/${INTRINSIC}` }], [WRAP]: true };
  }
  function walk(s) {
    if (!s || typeof s !== 'object' || seen.has(s)) return s;
    seen.add(s);
    if (s.properties) {
      for (const [k, v] of Object.entries(s.properties)) {
        if (k === 'Type' && v && (v.enum || v.pattern)) continue; // resource / event type tags
        s.properties[k] = wrap(v);
      }
    }
    if (s.patternProperties) for (const k of Object.keys(s.patternProperties)) s.patternProperties[k] = wrap(s.patternProperties[k]);
    if (s.additionalProperties && typeof s.additionalProperties === 'object') s.additionalProperties = wrap(s.additionalProperties);
    if (Array.isArray(s.items)) s.items = s.items.map(wrap);
    else if (s.items && typeof s.items === 'object') s.items = wrap(s.items);
    for (const k of ['anyOf', 'oneOf', 'allOf']) if (Array.isArray(s[k])) s[k].forEach(walk);
    discriminate(s);
    return s;
  }
  return walk;
}

function reachable(defs, roots) {
  const found = new Set();
  const todo = [...roots];
  const scan = o => {
    if (!o || typeof o !== 'object') return;
    if (typeof o.$ref === 'string' && o.$ref.startsWith('#/definitions/')) todo.push(o.$ref.slice(14));
    for (const v of Object.values(o)) if (v && typeof v === 'object') scan(v);
  };
  while (todo.length) {
    const n = todo.pop();
    if (found.has(n) || !defs[n]) continue;
    found.add(n);
    scan(defs[n]);
  }
  return found;
}

// Compiles validators for the template skeleton and the given resource types.
// -> { template: validateFn, forType(type) -> validateFn | null, defs, typeDef, getatt }
function compile(types) {
  const { defs, typeDef, getatt } = load();
  const defFor = t => typeDef[t] || (/^Custom::/.test(t) || t === 'AWS::CloudFormation::CustomResource' ? 'CustomResource' : null);
  const roots = ['__Template', INTRINSIC, ...types.map(defFor).filter(Boolean)];
  const walk = transformer(defs);
  for (const n of reachable(defs, roots)) walk(defs[n]);
  const subset = { definitions: {} };
  for (const n of reachable(defs, roots)) subset.definitions[n] = defs[n];
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, validateSchema: false, discriminator: true, logger: false });
  ajv.addSchema(subset, 'sam');
  const cache = new Map();
  const get = def => {
    if (!cache.has(def)) cache.set(def, ajv.compile({ $ref: `sam#/definitions/${def}` }));
    return cache.get(def);
  };
  return {
    template: get('__Template'),
    forType: t => (defFor(t) ? get(defFor(t)) : null),
    defs, typeDef, getatt,
  };
}

module.exports = { compile, INTRINSIC, WRAP, ALT };

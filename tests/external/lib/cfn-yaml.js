'use strict';
// Reads a CloudFormation / SAM template (YAML, or JSON which is YAML too) with the `yaml`
// package. The CloudFormation short-form tags (!Ref, !GetAtt, ...) become their long forms
// ({"Ref": ...}, {"Fn::GetAtt": [...]}, ...). Source positions are kept per JSON pointer so that
// later checks can report FILE:LINE:COL.
const YAML = require('yaml');

const SHORT_TAGS = {
  '!Ref': 'Ref', '!Condition': 'Condition', '!GetAtt': 'Fn::GetAtt', '!Sub': 'Fn::Sub',
  '!Join': 'Fn::Join', '!If': 'Fn::If', '!Select': 'Fn::Select', '!Split': 'Fn::Split',
  '!FindInMap': 'Fn::FindInMap', '!Equals': 'Fn::Equals', '!Not': 'Fn::Not', '!And': 'Fn::And',
  '!Or': 'Fn::Or', '!Base64': 'Fn::Base64', '!Cidr': 'Fn::Cidr', '!ImportValue': 'Fn::ImportValue',
  '!GetAZs': 'Fn::GetAZs', '!Transform': 'Fn::Transform', '!ToJsonString': 'Fn::ToJsonString',
  '!Length': 'Fn::Length',
};

const pointer = (parent, key) => `${parent}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;

// -> { data, errors: [{message, line, col}], at(ptr) -> [line, col], keyAt(ptr) -> [line, col] }
function readTemplate(text) {
  const lines = new YAML.LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const errors = [];
  const where = offset => { const p = lines.linePos(offset); return [p.line, p.col]; };
  for (const e of doc.errors) {
    const [line, col] = where(e.pos[0]);
    errors.push({ message: `YAML: ${e.message.split('\n')[0]}`, line, col });
  }
  for (const w of doc.warnings) {
    const m = /Unresolved tag: (\S+)/.exec(w.message);
    if (m && SHORT_TAGS[m[1]]) continue; // converted below
    const [line, col] = where(w.pos[0]);
    errors.push({ message: m ? `YAML: unknown tag ${m[1]} (not a CloudFormation intrinsic function)` : `YAML: ${w.message.split('\n')[0]}`, line, col });
  }
  const valuePos = new Map(), keyPos = new Map();

  function convert(node, ptr) {
    if (YAML.isAlias(node)) node = node.resolve(doc);
    if (!node) return null;
    if (node.range) valuePos.set(ptr, where(node.range[0]));
    let value;
    if (YAML.isMap(node)) {
      value = {};
      for (const pair of node.items) {
        const key = String(YAML.isScalar(pair.key) ? pair.key.value : pair.key);
        const p = pointer(ptr, key);
        if (pair.key && pair.key.range) keyPos.set(p, where(pair.key.range[0]));
        value[key] = convert(pair.value, p);
      }
    } else if (YAML.isSeq(node)) {
      value = node.items.map((item, i) => convert(item, pointer(ptr, i)));
    } else if (YAML.isScalar(node)) {
      value = node.value;
    } else {
      value = node.toJSON();
    }
    const fn = node.tag && SHORT_TAGS[node.tag];
    if (fn) {
      if (fn === 'Fn::GetAtt' && typeof value === 'string') {
        const dot = value.indexOf('.');
        value = dot > 0 ? [value.slice(0, dot), value.slice(dot + 1)] : [value];
      } else if (fn === 'Fn::GetAZs' && value === null) value = '';
      else if (YAML.isScalar(node) && value !== null && typeof value !== 'string') value = String(value);
      value = { [fn]: value };
    }
    return value;
  }

  const data = errors.length || !doc.contents ? null : convert(doc.contents, '');
  const nearest = (map, ptr) => {
    for (let p = ptr; ; p = p.slice(0, p.lastIndexOf('/'))) {
      if (map.has(p)) return map.get(p);
      if (!p) return [0, 0];
    }
  };
  return {
    data,
    errors,
    at: ptr => nearest(valuePos, ptr),
    keyAt: ptr => (keyPos.has(ptr) ? keyPos.get(ptr) : nearest(valuePos, ptr)),
  };
}

module.exports = { readTemplate, SHORT_TAGS, pointer };

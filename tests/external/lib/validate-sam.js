'use strict';
// validate-sam FILE...: AWS SAM / CloudFormation templates (YAML or JSON).
//  1. YAML with CloudFormation short tags (lib/cfn-yaml.js)
//  2. the SAM + CloudFormation JSON schema with Ajv (lib/sam-schema.js)
//  3. Ref / Fn::GetAtt / Fn::Sub / DependsOn / Condition targets
//  4. AWS's cfn-lint (runs the real SAM transform), when installed
const fs = require('fs');
const { spawnSync } = require('child_process');
const { readTemplate, pointer } = require('./cfn-yaml');
const schema = require('./sam-schema');
const { EXIT_OK, EXIT_INVALID, EXIT_USAGE, parseArgs, Diagnostics, didYouMean } = require('./common');

const USAGE = `usage: validate-sam [--no-cfn-lint] [--require-cfn-lint] FILE...
Checks AWS SAM / CloudFormation templates: YAML, SAM + CloudFormation JSON schema, references,
then AWS's cfn-lint when installed (errors fail, warnings are printed only).
  --no-cfn-lint       do not run cfn-lint
  --require-cfn-lint  exit 2 if cfn-lint is not installed
Output: FILE:LINE:COL: error: message. Exit: 0 valid, 1 invalid, 2 usage/IO error.
`;

const PSEUDO = ['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition',
  'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix'];
// GetAtt on a SAM resource resolves on the CloudFormation resource SAM generates under its name
const SAM_AS_CFN = {
  'AWS::Serverless::Function': 'AWS::Lambda::Function', 'AWS::Serverless::SimpleTable': 'AWS::DynamoDB::Table',
  'AWS::Serverless::StateMachine': 'AWS::StepFunctions::StateMachine', 'AWS::Serverless::LayerVersion': 'AWS::Lambda::LayerVersion',
  'AWS::Serverless::Api': 'AWS::ApiGateway::RestApi', 'AWS::Serverless::HttpApi': 'AWS::ApiGatewayV2::Api',
  'AWS::Serverless::Application': 'AWS::CloudFormation::Stack', 'AWS::Serverless::GraphQLApi': 'AWS::AppSync::GraphQLApi',
};
const ESM_EVENTS = new Set(['SQS', 'Kinesis', 'DynamoDB', 'MQ', 'MSK', 'SelfManagedKafka', 'DocumentDB']);
const RULE_EVENTS = new Set(['Schedule', 'CloudWatchEvent', 'EventBridgeRule']);

const isObj = v => v && typeof v === 'object' && !Array.isArray(v);
const isIntrinsic = v => isObj(v) && Object.keys(v).length === 1 && /^(Ref|Condition|Fn::.+)$/.test(Object.keys(v)[0]);
const label = ptr => ptr.split('/').slice(1).map(k => k.replace(/~1/g, '/').replace(/~0/g, '~')).join('.') || '(template)';
const valueAt = (data, ptr) => ptr.split('/').slice(1).reduce((o, k) => (o == null ? undefined : o[k.replace(/~1/g, '/').replace(/~0/g, '~')]), data);

// ------------------------------------------------------------------ schema errors -> messages
function schemaMessages(errors, data, base, v) {
  const dataAt = p => valueAt(data, p);
  const insideIntrinsic = p => { for (let q = p; ; q = q.slice(0, q.lastIndexOf('/'))) { if (isIntrinsic(dataAt(q))) return true; if (!q) return false; } };
  let errs = errors.filter(e => !e.schemaPath.startsWith(`#/definitions/${schema.INTRINSIC}`)
    && !(e.parentSchema && (e.parentSchema[schema.ALT] || e.parentSchema[schema.WRAP]))
    && !insideIntrinsic(base + e.instancePath));
  // unions: if some branch got past the type check (deeper errors), keep those; else say which types fit
  const out = [];
  const unions = errs.filter(e => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const dropped = new Set(unions);
  for (const u of unions) {
    const at = u.instancePath;
    const shallow = errs.filter(e => e.instancePath === at && ['type', 'enum', 'const'].includes(e.keyword));
    const deeper = errs.some(e => e.instancePath.startsWith(at + '/') || (e.instancePath === at && !dropped.has(e) && !shallow.includes(e)));
    shallow.forEach(e => dropped.add(e));
    if (!deeper) {
      const types = [...new Set(shallow.flatMap(e => (e.keyword === 'type' ? [].concat(e.params.type) : [])))];
      out.push({ ptr: base + at, msg: `${label(base + at)}: must be ${types.length ? types.join(' or ') : 'one of the allowed forms'}` });
    }
  }
  for (const e of errs) {
    if (dropped.has(e)) continue;
    const ptr = base + e.instancePath;
    const where = label(ptr);
    switch (e.keyword) {
      case 'additionalProperties': {
        const known = Object.keys((e.parentSchema && e.parentSchema.properties) || {});
        out.push({ ptr: pointer(ptr, e.params.additionalProperty), key: true,
          msg: `${where}: unknown property '${e.params.additionalProperty}'${didYouMean(e.params.additionalProperty, known)}` });
        break;
      }
      case 'required':
        out.push({ ptr, key: true, msg: `${where}: missing required property '${e.params.missingProperty}'` });
        break;
      case 'discriminator': {
        const tags = (e.parentSchema.oneOf || []).flatMap(s => {
          const d = s.$ref ? v.defs[s.$ref.replace('#/definitions/', '')] : s;
          return (d && d.properties && d.properties.Type && d.properties.Type.enum) || [];
        });
        const val = e.params.tagValue;
        out.push({ ptr: pointer(ptr, 'Type'), msg: `${where}: unsupported Type '${val}'${didYouMean(String(val), tags)}` });
        break;
      }
      case 'enum':
        out.push({ ptr, msg: `${where}: must be one of ${e.params.allowedValues.slice(0, 12).join(', ')}${e.params.allowedValues.length > 12 ? ', ...' : ''}` });
        break;
      case 'propertyNames':
        break; // reported by the nested 'pattern' error
      case 'pattern':
        if (e.params && e.propertyName !== undefined) out.push({ ptr: pointer(ptr, e.propertyName), key: true, msg: `${where}: name '${e.propertyName}' must match ${e.params.pattern}` });
        else out.push({ ptr, msg: `${where}: ${e.message}` });
        break;
      default:
        out.push({ ptr, msg: `${where}: ${e.message}` });
    }
  }
  return out;
}

// ------------------------------------------------------------------ reference checks
function samGeneratedIds(resources) {
  const ids = new Map(); // logical id -> CloudFormation type (or null)
  for (const [name, r] of Object.entries(resources)) {
    if (!isObj(r)) continue;
    const p = isObj(r.Properties) ? r.Properties : {};
    const events = isObj(p.Events) ? p.Events : {};
    if (r.Type === 'AWS::Serverless::Function') {
      if (p.Role === undefined) ids.set(`${name}Role`, 'AWS::IAM::Role');
      if (p.FunctionUrlConfig) ids.set(`${name}Url`, 'AWS::Lambda::Url');
      if (typeof p.AutoPublishAlias === 'string') ids.set(`${name}Alias${p.AutoPublishAlias}`, 'AWS::Lambda::Alias');
      for (const [ev, e] of Object.entries(events)) {
        const t = isObj(e) ? e.Type : undefined;
        const ep = isObj(e) && isObj(e.Properties) ? e.Properties : {};
        if (ESM_EVENTS.has(t)) ids.set(`${name}${ev}`, 'AWS::Lambda::EventSourceMapping');
        else ids.set(`${name}${ev}Permission`, 'AWS::Lambda::Permission');
        if (RULE_EVENTS.has(t)) ids.set(`${name}${ev}`, 'AWS::Events::Rule');
        if (t === 'SNS') ids.set(`${name}${ev}`, 'AWS::SNS::Subscription');
        if (t === 'Api' && ep.RestApiId === undefined) {
          ids.set('ServerlessRestApi', 'AWS::ApiGateway::RestApi');
          ids.set('ServerlessRestApiProdStage', 'AWS::ApiGateway::Stage');
        }
        if (t === 'HttpApi' && ep.ApiId === undefined) {
          ids.set('ServerlessHttpApi', 'AWS::ApiGatewayV2::Api');
          ids.set('ServerlessHttpApiApiGatewayDefaultStage', 'AWS::ApiGatewayV2::Stage');
        }
      }
    } else if (r.Type === 'AWS::Serverless::StateMachine') {
      if (p.Role === undefined) ids.set(`${name}Role`, 'AWS::IAM::Role');
      for (const [ev, e] of Object.entries(events)) {
        ids.set(`${name}${ev}`, isObj(e) && RULE_EVENTS.has(e.Type) ? 'AWS::Events::Rule' : null);
        ids.set(`${name}${ev}Role`, 'AWS::IAM::Role');
      }
    } else if (r.Type === 'AWS::Serverless::Api' && typeof p.StageName === 'string') {
      ids.set(`${name}${p.StageName}Stage`, 'AWS::ApiGateway::Stage');
    } else if (r.Type === 'AWS::Serverless::HttpApi') {
      ids.set(typeof p.StageName === 'string' ? `${name}${p.StageName}Stage` : `${name}ApiGatewayDefaultStage`, 'AWS::ApiGatewayV2::Stage');
    }
  }
  for (const n of Object.keys(resources)) ids.delete(n);
  return ids;
}

function checkReferences(data, getatt, report) {
  const params = new Set(Object.keys(isObj(data.Parameters) ? data.Parameters : {}));
  const resources = isObj(data.Resources) ? data.Resources : {};
  const conditions = new Set(Object.keys(isObj(data.Conditions) ? data.Conditions : {}));
  const mappings = new Set(Object.keys(isObj(data.Mappings) ? data.Mappings : {}));
  const generated = samGeneratedIds(resources);
  const typeOf = n => (resources[n] ? resources[n].Type : generated.get(n));
  const isResource = n => Object.prototype.hasOwnProperty.call(resources, n) || generated.has(n);
  const refable = [...params, ...Object.keys(resources), ...PSEUDO];

  function checkRef(name, ptr, what) {
    if (typeof name !== 'string') return;
    if (params.has(name) || PSEUDO.includes(name) || isResource(name)) return;
    const dot = name.indexOf('.');  // SAM: !Ref MyFunction.Alias, MyApi.Stage, ...
    if (dot > 0 && /^AWS::Serverless::/.test(String(typeOf(name.slice(0, dot))))) return;
    report(ptr, `${what || `Ref target '${name}'`} is not a declared parameter, resource or pseudo parameter${didYouMean(name, refable)}`);
  }
  function checkGetAtt(res, attr, ptr, fn) {
    if (typeof res !== 'string') return;
    if (!isResource(res)) {
      report(ptr, `${fn} target '${res}' is not a declared resource${didYouMean(res, Object.keys(resources))}`);
      return;
    }
    if (typeof attr !== 'string') return;
    const type = SAM_AS_CFN[typeOf(res)] || typeOf(res);
    const attrs = getatt[type];
    if (!attrs || type === 'AWS::CloudFormation::Stack' && attr.startsWith('Outputs.')) return;
    if (!attrs.includes(attr)) report(ptr, `${fn}: ${typeOf(res)} '${res}' has no attribute '${attr}'${didYouMean(attr, attrs)}`);
  }
  function checkCondition(name, ptr, what) {
    if (typeof name === 'string' && !conditions.has(name)) report(ptr, `${what} '${name}' is not declared in Conditions${didYouMean(name, conditions)}`);
  }
  function checkSub(arg, ptr) {
    const [text, vars] = Array.isArray(arg) ? arg : [arg, {}];
    if (typeof text !== 'string') return;
    const local = new Set(Object.keys(isObj(vars) ? vars : {}));
    for (const m of text.matchAll(/\$\{([^}]*)\}/g)) {
      const name = m[1].trim();
      if (name.startsWith('!') || local.has(name)) continue;
      const dot = name.indexOf('.');
      if (dot > 0 && !PSEUDO.includes(name)) checkGetAtt(name.slice(0, dot), name.slice(dot + 1), ptr, `Fn::Sub \${${name}}`);
      else checkRef(name, ptr, `Fn::Sub variable '\${${name}}'`);
    }
  }
  function walk(v, ptr) {
    if (Array.isArray(v)) { v.forEach((x, i) => walk(x, pointer(ptr, i))); return; }
    if (!isObj(v)) return;
    if (isIntrinsic(v)) {
      const [fn] = Object.keys(v);
      const arg = v[fn];
      if (fn === 'Ref') checkRef(arg, ptr);
      else if (fn === 'Fn::GetAtt') {
        const [res, attr] = typeof arg === 'string' ? [arg.slice(0, arg.indexOf('.')), arg.slice(arg.indexOf('.') + 1)] : Array.isArray(arg) ? arg : [];
        checkGetAtt(res, attr, ptr, 'Fn::GetAtt');
      } else if (fn === 'Fn::Sub') checkSub(arg, ptr);
      else if (fn === 'Fn::If' && Array.isArray(arg)) checkCondition(arg[0], ptr, 'Fn::If condition');
      else if (fn === 'Condition' && typeof arg === 'string') checkCondition(arg, ptr, 'condition');
      else if (fn === 'Fn::FindInMap' && Array.isArray(arg) && typeof arg[0] === 'string' && !mappings.has(arg[0])) {
        report(ptr, `Fn::FindInMap: mapping '${arg[0]}' is not declared in Mappings${didYouMean(arg[0], mappings)}`);
      }
    }
    for (const [k, x] of Object.entries(v)) walk(x, pointer(ptr, k));
  }

  for (const [name, r] of Object.entries(resources)) {
    if (!isObj(r)) continue;
    const base = pointer('/Resources', name);
    for (const d of [].concat(r.DependsOn || [])) {
      if (typeof d === 'string' && !isResource(d)) report(pointer(base, 'DependsOn'), `DependsOn target '${d}' is not a declared resource${didYouMean(d, Object.keys(resources))}`);
    }
    if (r.Condition !== undefined) checkCondition(r.Condition, pointer(base, 'Condition'), 'condition');
    for (const k of ['Properties', 'DependsOn', 'DeletionPolicy', 'UpdateReplacePolicy']) if (r[k] !== undefined) walk(r[k], pointer(base, k));
  }
  for (const sec of ['Globals', 'Conditions', 'Outputs', 'Rules']) if (data[sec] !== undefined) walk(data[sec], `/${sec}`);
  for (const [name, o] of Object.entries(isObj(data.Outputs) ? data.Outputs : {})) {
    if (isObj(o) && o.Condition !== undefined) checkCondition(o.Condition, `/Outputs/${name}/Condition`, 'condition');
  }
}

// ------------------------------------------------------------------ cfn-lint
function findCfnLint() {
  const tries = [['cfn-lint', []], ['python3', ['-m', 'cfnlint']]];
  for (const [cmd, pre] of tries) {
    const r = spawnSync(cmd, [...pre, '--version'], { encoding: 'utf8' });
    if (r.status === 0 && /cfn-lint/.test(r.stdout + r.stderr)) return { cmd, pre, version: (r.stdout + r.stderr).trim() };
  }
  return null;
}

// Runs cfn-lint on one file. Its exit status is a bit mask: 2 error, 4 warning, 8 informational.
function runCfnLint(tool, file, diags) {
  const r = spawnSync(tool.cmd, [...tool.pre, '--format', 'json', '--', file], { encoding: 'utf8', maxBuffer: 64 << 20 });
  let matches;
  try { matches = JSON.parse(r.stdout || '[]'); } catch { matches = null; }
  if (r.status === null || (r.status & 1) || !Array.isArray(matches)) {
    diags.error(`cfn-lint did not run properly (exit ${r.status}): ${(r.stderr || r.stdout || '').trim().split('\n').slice(-1)[0]}`);
    return;
  }
  for (const m of matches) {
    const start = (m.Location && m.Location.Start) || {};
    const level = m.Level === 'Error' ? 'error' : m.Level === 'Warning' ? 'warning' : 'note';
    diags.add(level, `[cfn-lint ${m.Rule && m.Rule.Id}] ${m.Message}`, start.LineNumber, start.ColumnNumber);
  }
  if ((r.status & 2) && !matches.some(m => m.Level === 'Error')) diags.error('cfn-lint reported errors (exit status bit 2) but listed none');
}

// ------------------------------------------------------------------ main
async function main(argv) {
  const opts = parseArgs(argv, ['no-cfn-lint', 'require-cfn-lint'], USAGE);
  const inputs = [];
  for (const file of opts.files) {
    let text;
    try { text = fs.readFileSync(file, 'utf8'); } catch (e) { console.error(`${file}: error: cannot read: ${e.message}`); return EXIT_USAGE; }
    inputs.push({ file, parsed: readTemplate(text), diags: new Diagnostics(file) });
  }
  const types = new Set();
  for (const { parsed } of inputs) {
    const res = isObj(parsed.data) && isObj(parsed.data.Resources) ? parsed.data.Resources : {};
    for (const r of Object.values(res)) if (isObj(r) && typeof r.Type === 'string') types.add(r.Type);
  }
  const v = schema.compile([...types]);
  const allTypes = Object.keys(v.typeDef);

  for (const { parsed, diags } of inputs) {
    const report = (ptr, msg, key) => diags.error(msg, ...(key ? parsed.keyAt(ptr) : parsed.at(ptr)));
    for (const e of parsed.errors) diags.error(e.message, e.line, e.col);
    const data = parsed.data;
    if (parsed.errors.length) continue;
    if (!isObj(data)) { diags.error('template must be a mapping'); continue; }
    if (!v.template(data)) for (const m of schemaMessages(v.template.errors, data, '', v)) report(m.ptr, m.msg, m.key);
    for (const [name, r] of Object.entries(isObj(data.Resources) ? data.Resources : {})) {
      if (!isObj(r) || typeof r.Type !== 'string') continue;
      const base = pointer('/Resources', name);
      const fn = v.forType(r.Type);
      if (!fn) { report(pointer(base, 'Type'), `Resources.${name}.Type: unknown resource type '${r.Type}'${didYouMean(r.Type, allTypes)}`); continue; }
      if (!fn(r)) for (const m of schemaMessages(fn.errors, data, base, v)) report(m.ptr, m.msg, m.key);
    }
    const serverless = Object.values(isObj(data.Resources) ? data.Resources : {}).some(r => isObj(r) && /^AWS::Serverless::/.test(r.Type));
    const transforms = [].concat(data.Transform || []);
    if (serverless && !transforms.includes('AWS::Serverless-2016-10-31')) report('/Transform', "AWS::Serverless::* resources need 'Transform: AWS::Serverless-2016-10-31'");
    checkReferences(data, v.getatt, (ptr, msg) => report(ptr, msg));
  }

  let tool = null;
  if (!opts['no-cfn-lint']) {
    tool = findCfnLint();
    if (!tool && opts['require-cfn-lint']) { console.error('validate-sam: error: cfn-lint is not installed (pip install cfn-lint, or run tests/external/setup)'); return EXIT_USAGE; }
  }
  let invalid = false;
  for (const { file, parsed, diags } of inputs) {
    let lintNote;
    if (opts['no-cfn-lint']) lintNote = 'cfn-lint: skipped (--no-cfn-lint)';
    else if (!tool) lintNote = 'cfn-lint: not installed, skipped';
    else if (parsed.errors.length) lintNote = 'cfn-lint: skipped (YAML errors)';
    else {
      const before = diags.items.length;
      runCfnLint(tool, file, diags);
      const found = diags.items.slice(before);
      lintNote = `cfn-lint: ran (${tool.version}): ${found.filter(d => d.level === 'error').length} error(s), ${found.filter(d => d.level !== 'error').length} warning(s)/note(s)`;
    }
    diags.print();
    console.log(`${file}: ${lintNote}`);
    const n = diags.errorCount;
    console.log(n ? `INVALID ${file}: ${n} error(s)` : `OK ${file}`);
    if (n) invalid = true;
  }
  return invalid ? EXIT_INVALID : EXIT_OK;
}

module.exports = { main };

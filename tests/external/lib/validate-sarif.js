'use strict';
// validate-sarif FILE...: checks SARIF logs against the official SARIF 2.1.0 JSON schema
// (draft-04, validated with Ajv's draft-04 build), plus the cross-references the schema
// cannot express: every result's ruleId names a rule of its run's driver.
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv-draft-04');
const { parseArgs, Diagnostics, EXIT_OK, EXIT_INVALID } = require('./common');

const USAGE = 'Usage: validate-sarif FILE...\n';

function main(argv) {
  const opts = parseArgs(argv, ['quiet'], USAGE);
  const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8'));
  // The published schema has a pattern ("language") that is invalid as a Unicode regular
  // expression; SARIF's own validators compile it without the u flag, and so do we.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false, validateFormats: false });
  const validate = ajv.compile(schema);
  let failed = false;
  for (const file of opts.files) {
    const diags = new Diagnostics(file);
    let log;
    try {
      log = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      diags.error(`not valid JSON: ${e.message}`);
    }
    if (log !== undefined) {
      if (!validate(log)) {
        for (const err of validate.errors)
          diags.error(`${err.instancePath || '/'} ${err.message}${err.params && err.params.additionalProperty ? ` ('${err.params.additionalProperty}')` : ''}`);
      }
      for (const [i, run] of (log.runs || []).entries()) {
        const rules = new Set(((run.tool && run.tool.driver && run.tool.driver.rules) || []).map(r => r.id));
        for (const [j, result] of (run.results || []).entries()) {
          if (result.ruleId && !rules.has(result.ruleId))
            diags.error(`/runs/${i}/results/${j}: ruleId '${result.ruleId}' is not a rule of the driver`);
        }
      }
    }
    diags.print();
    if (diags.errorCount) failed = true;
  }
  return failed ? EXIT_INVALID : EXIT_OK;
}

module.exports = { main };

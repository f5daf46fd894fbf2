// The API contract check, run by scripts/test after the C++ suites:
//   node check-contract.mjs <docs/openapi.yaml> [recorded.jsonl]
// 1. The document is valid OpenAPI 3.1 (@seriousme/openapi-schema-validator), and parses with the
//    npm `yaml` package (YAML 1.2, duplicate keys refused) to the same value the build embedded.
// 2. Every answer the integration suite really got (tests/support/http_recording.hpp) is described:
//    its route and status are in the document, and a JSON body matches the schema declared for that
//    status (Ajv, JSON Schema 2020-12, the dialect of OpenAPI 3.1).
// Exit status 1 on any failure, with one line per failure.
import { readFileSync } from "node:fs";
import { Validator } from "@seriousme/openapi-schema-validator";
import { parse } from "yaml";
import { loadDocument, checkExchanges, checkServedDocument } from "./contract.mjs";

const [documentPath, recordedPath] = process.argv.slice(2);
if (!documentPath) {
  console.error("usage: node check-contract.mjs <openapi.yaml> [recorded.jsonl]");
  process.exit(2);
}
const failures = [];
const source = readFileSync(documentPath, "utf8");
let document;
try {
  document = parse(source);
} catch (error) {
  console.error(`openapi: ${documentPath} does not parse as YAML 1.2: ${error.message}`);
  process.exit(1);
}
const validation = await new Validator().validate(document);
if (!validation.valid) {
  for (const error of validation.errors)
    failures.push(`document: ${error.instancePath || "/"} ${error.message} ${JSON.stringify(error.params)}`);
}

let summary = "document valid";
if (recordedPath) {
  const exchanges = readFileSync(recordedPath, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line));
  const contract = loadDocument(document);
  const result = checkExchanges(contract, exchanges);
  failures.push(...result.failures);
  failures.push(...checkServedDocument(document, exchanges));
  summary += `; ${result.checked} recorded answers checked (${result.bodies} JSON bodies against schemas), ` +
    `${result.operationsSeen.size} of ${contract.operationCount} operations exercised`;
}
if (failures.length > 0) {
  console.error(`openapi contract: ${failures.length} failure(s):`);
  for (const failure of failures) console.error(`  - ${failure}`);
  process.exit(1);
}
console.log(`openapi contract: ${summary}`);

// Matching recorded HTTP exchanges to docs/openapi.yaml's operations and checking their bodies.
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { isDeepStrictEqual } from "node:util";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

// Paths the contract covers: the API and the operational endpoints (the rest is the web app and
// the Plivo simulator's own routes, which tests call with the same client).
export function isApiPath(path) {
  return path.startsWith("/api/") || ["/healthz", "/readyz", "/metrics"].includes(path);
}

function templateToRegExp(template) {
  const pattern = template.split("/").map((segment) =>
    /^\{[^}]+\}$/.test(segment) ? "[^/]+" : segment.replace(/[.*+?^$()|[\]\\]/g, "\\$&")).join("/");
  return new RegExp(`^${pattern}$`);
}

export function loadDocument(document) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  // The whole document as one schema resource, so "#/components/schemas/…" refs resolve.
  ajv.addSchema({ $id: "mmsgate-openapi", ...document, $schema: undefined });
  const routes = [];
  let operationCount = 0;
  for (const [template, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      if (item[method]) operationCount++;
    }
    // Literal paths win over templated ones (/api/messages/export.csv before /api/messages/{id}).
    routes.push({ template, item, regexp: templateToRegExp(template), literal: !template.includes("{") });
  }
  routes.sort((a, b) => Number(b.literal) - Number(a.literal));
  return { document, ajv, routes, operationCount, validators: new Map() };
}

function resolve(document, node) {
  let current = node;
  for (let depth = 0; current && current.$ref && depth < 10; depth++) {
    const pointer = current.$ref.replace(/^#\//, "").split("/").map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"));
    current = pointer.reduce((value, key) => value?.[key], document);
  }
  return current;
}

// The key of the response declared for `status`: exact, then its range (2XX), then default.
function responseKey(operation, status) {
  const responses = operation.responses ?? {};
  return [String(status), `${String(status)[0]}XX`, "default"].find((key) => responses[key] !== undefined);
}

function validatorFor(contract, pointer) {
  if (!contract.validators.has(pointer)) contract.validators.set(pointer, contract.ajv.getSchema(`mmsgate-openapi#${pointer}`));
  return contract.validators.get(pointer);
}

// Answers every signed-in operation may give whatever it documents (info.description): 401 (no
// session or key), 403 (role, key scope, cross-site write), 429 (an API key over its rate limit)
// and 503 (the database is down), each with the Error body.
const kSignedInAnswers = new Set([401, 403, 429, 503]);
const signedIn = (document, operation) =>
  (operation.security ?? document.security ?? []).some((requirement) => Object.keys(requirement).length > 0);

const escape = (text) => text.replace(/~/g, "~0").replace(/\//g, "~1");

export function checkExchanges(contract, exchanges) {
  const failures = new Set();
  const operationsSeen = new Set();
  let checked = 0;
  let bodies = 0;
  for (const exchange of exchanges) {
    const { method, path, status, contentType, body, test } = exchange;
    if (!isApiPath(path)) continue;
    const where = `${method} ${path} → ${status} (${test || "?"})`;
    const route = contract.routes.find((candidate) => candidate.regexp.test(path));
    const lower = method.toLowerCase();
    if (!route) {
      // The router's answer to a path it does not have (documented once, in info.description).
      if (status !== 404) failures.add(`undocumented route: ${method} ${path} (answered ${status}; ${test || "?"})`);
      continue;
    }
    const operation = route.item[lower];
    if (!operation) {
      if (status !== 405) failures.add(`undocumented operation: ${method} ${route.template} (answered ${status}; ${test || "?"})`);
      continue;
    }
    checked++;
    operationsSeen.add(`${method} ${route.template}`);
    // Answers the server gives before any route runs (info.description): wrong Host, bad framing.
    if (status === 421) continue;
    let key = responseKey(operation, status);
    let declared = key && operation.responses[key];
    if (!declared && signedIn(contract.document, operation) && kSignedInAnswers.has(Number(status))) {
      key = String(status);
      declared = { $ref: "#/components/responses/Error" };
    }
    const response = declared && resolve(contract.document, declared);
    if (!response) {
      failures.add(`undocumented status: ${method} ${route.template} → ${status} (${test || "?"})`);
      continue;
    }
    if (!contentType.startsWith("application/json") || body === undefined) continue;
    const media = response.content?.["application/json"];
    if (!media?.schema) continue; // documented without a schema: nothing to compare
    let value;
    try {
      value = JSON.parse(body);
    } catch {
      failures.add(`not JSON: ${where}`);
      continue;
    }
    const pointer = declared.$ref
      ? `${declared.$ref.replace(/^#/, "")}/content/application~1json/schema`
      : `/paths/${escape(route.template)}/${lower}/responses/${key}/content/application~1json/schema`;
    const validate = validatorFor(contract, pointer);
    bodies++;
    if (!validate(value)) {
      const errors = validate.errors.slice(0, 3).map((error) => `${error.instancePath || "/"} ${error.message}`).join("; ");
      failures.add(`schema mismatch: ${where}: ${errors}; body ${body.slice(0, 200)}`);
    }
  }
  return { failures: [...failures], checked, bodies, operationsSeen };
}

// GET /api/openapi.json's recorded body is the YAML's content (the build converts it with PyYAML,
// this side with the npm `yaml` package: a YAML 1.1/1.2 difference shows here).
export function checkServedDocument(document, exchanges) {
  const served = exchanges.find((exchange) => exchange.path === "/api/openapi.json" && exchange.status === 200 && exchange.body);
  if (!served) return ["GET /api/openapi.json was never answered 200 in the recorded suite"];
  return isDeepStrictEqual(JSON.parse(served.body), JSON.parse(JSON.stringify(document)))
    ? [] : ["GET /api/openapi.json does not serve docs/openapi.yaml's content (rebuild? YAML 1.1 vs 1.2?)"];
}

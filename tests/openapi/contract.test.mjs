// The checker itself: it must catch what it exists for (node --test).
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadDocument, checkExchanges, checkServedDocument } from "./contract.mjs";

const document = {
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  components: {
    schemas: { Error: { type: "object", required: ["success", "error"], properties: { success: { const: false }, error: { type: "string" } } } },
    responses: { Error: { description: "e", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } } },
  },
  paths: {
    "/api/things/{id}": {
      get: {
        responses: {
          200: { description: "ok", content: { "application/json": { schema: { type: "object", required: ["id"], properties: { id: { type: "string" }, note: { type: ["string", "null"] } } } } } },
          404: { $ref: "#/components/responses/Error" },
        },
      },
    },
    "/api/things/export.csv": { get: { responses: { 200: { description: "csv" } } } },
  },
};
const json = (method, path, status, body) =>
  ({ method, path, status, contentType: "application/json", body: JSON.stringify(body), test: "T.t" });

test("accepts answers that match their schemas", () => {
  const result = checkExchanges(loadDocument(document), [
    json("GET", "/api/things/a", 200, { id: "a", note: null }),
    json("GET", "/api/things/b", 404, { success: false, error: "No such thing" }),
    { method: "GET", path: "/api/things/export.csv", status: 200, contentType: "text/csv", test: "T.t" },
    json("GET", "/api/unknown", 404, { success: false, error: "Not found" }),
    json("POST", "/api/things/a", 405, { success: false, error: "Method not allowed" }),
    json("GET", "/v1/Account/X/Message/", 200, { simulator: true }),
  ]);
  assert.deepEqual(result.failures, []);
  assert.equal(result.bodies, 2);
  assert.equal(result.operationsSeen.size, 2);
});

test("reports mismatching bodies, undocumented statuses, routes and operations", () => {
  const { failures } = checkExchanges(loadDocument(document), [
    json("GET", "/api/things/a", 200, { id: 7 }),
    json("GET", "/api/things/a", 404, { success: true }),
    json("GET", "/api/things/a", 409, { success: false, error: "x" }),
    json("GET", "/api/other", 200, {}),
    json("DELETE", "/api/things/a", 204, {}),
  ]);
  assert.equal(failures.length, 5, failures.join("\n"));
  assert.match(failures[0], /^schema mismatch: GET \/api\/things\/a → 200/);
  assert.match(failures[1], /^schema mismatch: GET \/api\/things\/a → 404/);
  assert.match(failures[2], /^undocumented status: GET \/api\/things\/\{id\} → 409/);
  assert.match(failures[3], /^undocumented route: GET \/api\/other/);
  assert.match(failures[4], /^undocumented operation: DELETE \/api\/things\/\{id\}/);
});

test("the served document must equal the YAML's content", () => {
  const served = (body) => [{ method: "GET", path: "/api/openapi.json", status: 200, contentType: "application/json", body: JSON.stringify(body) }];
  assert.deepEqual(checkServedDocument(document, served(document)), []);
  assert.equal(checkServedDocument(document, served({ ...document, openapi: "3.0.3" })).length, 1);
  assert.equal(checkServedDocument(document, []).length, 1);
});

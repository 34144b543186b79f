// A short journey through the ChainAtlas API with a TypeScript client: types generated from
// docs/openapi.json by openapi-typescript (generate.mjs), requests sent by openapi-fetch. What a
// procurement system or a dashboard does first. CI generates the types, checks this file with
// `tsc --noEmit` (strict) and runs it with node against a live `chainatlas serve`
// (tests/api/test_typescript_client.py).
//
// Usage: node journey.js BASE_URL VIEWER_KEY EDITOR_KEY BUNDLE_ZIP
// Prints one line per step; exits non-zero on the first answer that is not what the document
// promised.
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import createClient from "openapi-fetch";
import type { components, paths } from "./schema";

type Schemas = components["schemas"];
type ProblemDetails = Schemas["ProblemDetails"];

// Checked by tsc, not at run time: the answers are typed down to their items, and errors are
// typed problems, never `any`.
type IsAny<T> = 0 extends 1 & T ? true : false;
type Expect<T extends true> = T;

const PROBLEMS = "https://chainatlas.dev/problems/";

/** A 422 `validation` problem: its `errors` name each invalid value. */
function isValidation(
  problem: ProblemDetails | undefined,
): problem is Schemas["ValidationProblem"] {
  return problem?.type === PROBLEMS + "validation";
}

function step(name: string, ok: boolean): void {
  console.log(`${ok ? "ok  " : "FAIL"} ${name}`);
  if (!ok) {
    process.exit(1);
  }
}

async function read(baseUrl: string, key: string): Promise<void> {
  const api = createClient<paths>({ baseUrl, headers: { "X-API-Key": key } });

  const health = await api.GET("/api/health");
  step("health", health.data?.status === "ok");

  const stats = await api.GET("/api/stats");
  const figures: Schemas["Stats"] | undefined = stats.data;
  step("stats", (figures?.enterprises ?? 0) > 0 && (figures?.supply_edges ?? 0) > 0);

  const hits = await api.GET("/api/search", { params: { query: { q: "化纤" } } });
  step("search", (hits.data?.total ?? 0) > 0 && hits.data?.items[0]?.id !== undefined);

  const firm = await api.GET("/api/enterprises/{id}", { params: { path: { id: "E3" } } });
  step("get_enterprise", firm.data?.enterprise.id === "E3");

  const match = await api.GET("/api/match/suppliers", {
    params: { query: { enterprise: "E5", limit: 5 } },
  });
  const best: Schemas["Candidate"] | undefined = match.data?.candidates[0];
  step("match_suppliers", best !== undefined && best.score > 0 && best.reasons.length > 0);

  const supply = await api.GET("/api/paths/supply", {
    params: { query: { source: "E1", target: "E5" } },
  });
  const hop = supply.data?.paths[0]?.hops[0];
  step("supply_paths", supply.data?.paths[0]?.nodes[0] === "E1" && hop?.from === "E1");

  const impact = await api.GET("/api/risk/impact", { params: { query: { enterprise: "E1" } } });
  const tier1 = impact.data?.affected.filter((a) => a.tier === 1) ?? [];
  step("impact", impact.data?.removed.id === "E1" && tier1.length > 0);

  // an unknown firm: `error` is the 404's ProblemDetails, typed (not any, not undefined-only)
  const missing = await api.GET("/api/enterprises/{id}", { params: { path: { id: "E9" } } });
  const problem: ProblemDetails | undefined = missing.error;
  type _typed = Expect<IsAny<typeof missing.error> extends false ? true : false>;
  step(
    "unknown firm is a typed ProblemDetails",
    missing.response.status === 404 &&
      missing.response.headers.get("content-type") === "application/problem+json" &&
      problem?.type === PROBLEMS + "unknown-entity" &&
      problem.status === 404,
  );

  // an invalid parameter: a validation problem listing the field
  const invalid = await api.GET("/api/paths/supply", {
    params: { query: { source: "E1", target: "E5", k: 0 } },
  });
  const fields = isValidation(invalid.error) ? invalid.error.errors : [];
  step("invalid parameter lists its field", fields.some((f) => f.name === "k"));
}

async function load(baseUrl: string, key: string, bundle: string): Promise<void> {
  const api = createClient<paths>({ baseUrl, headers: { "X-API-Key": key } });
  const file = new Blob([await readFile(bundle)], { type: "application/zip" });
  const loaded = await api.POST("/api/bundles", {
    // dry_run and strict may be form fields beside the file, as an HTML form sends them
    body: { file, dry_run: true, strict: false },
    // multipart/form-data, the file part with its name
    bodySerializer(body) {
      const form = new FormData();
      form.append("file", body.file, basename(bundle));
      form.append("dry_run", String(body.dry_run));
      form.append("strict", String(body.strict));
      return form;
    },
  });
  const result: Schemas["LoadResult"] | undefined = loaded.data;
  step("upload_bundle (dry run)", result?.dry_run === true && result.total > 0);
}

const [baseUrl, viewer, editor, bundle] = process.argv.slice(2);
if (!baseUrl || !viewer || !editor || !bundle) {
  console.error("usage: node journey.js BASE_URL VIEWER_KEY EDITOR_KEY BUNDLE_ZIP");
  process.exit(2);
}
await read(baseUrl, viewer);
await load(baseUrl, editor, bundle);
console.log("journey complete");

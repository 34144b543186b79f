// Generate the TypeScript types of the ChainAtlas API from its OpenAPI document with
// openapi-typescript (pinned in package.json):
//
//   node generate.mjs ../../docs/openapi.json schema.d.ts
//
// File parts and file answers (`format: binary`) become `Blob`, so a bundle upload sends a file
// and an export read with `parseAs: "blob"` is typed as one. openapi-fetch then needs nothing
// else: `createClient<paths>()` (see journey.ts).
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: node generate.mjs OPENAPI_JSON OUTPUT_D_TS");
  process.exit(2);
}
const BLOB = ts.factory.createTypeReferenceNode(ts.factory.createIdentifier("Blob"));
const ast = await openapiTS(pathToFileURL(input), {
  transform(schema) {
    return schema.format === "binary" ? BLOB : undefined;
  },
});
writeFileSync(output, astToString(ast));

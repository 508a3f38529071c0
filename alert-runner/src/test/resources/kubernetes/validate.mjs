// Validates each object of a multi-document YAML on stdin against the Kubernetes API schemas of kubernetes-models,
// and prints them as one JSON array. Exits 1 naming the object and what is wrong.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const objects = parseAllDocuments(readFileSync(0, "utf8")).map((doc) => {
  if (doc.errors.length > 0) {
    throw new Error(`not YAML: ${doc.errors[0].message}`);
  }
  return doc.toJS();
}).filter((object) => object !== null);
let bad = 0;
for (const object of objects) {
  const name = `${object.kind} ${object.metadata?.name}`;
  try {
    // "batch/v1" is the module kubernetes-models/batch/v1; the core group's "v1" is kubernetes-models/v1
    const models = await import(`kubernetes-models/${object.apiVersion}`);
    const Model = models[object.kind];
    if (Model === undefined) {
      throw new Error(`no such kind in ${object.apiVersion}`);
    }
    new Model(object).validate();
  } catch (e) {
    console.error(`${name}: ${e.message}`);
    bad++;
  }
}
if (bad > 0) {
  process.exit(1);
}
console.log(JSON.stringify(objects));

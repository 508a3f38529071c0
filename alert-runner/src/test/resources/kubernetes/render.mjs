// Renders a kustomization the way `kubectl kustomize DIR` does, for machines without kubectl: only the fields
// that deploy/kubernetes uses (resources, configMapGenerator with files, images, JSON 6902 patches by kind and
// name, replacements of a field by kind and name into fields of dotted paths with [name=X] items); any other field stops it, naming the field. Generated ConfigMaps keep their names (kustomize adds a
// hash of the content), so their references stay as written. Prints the objects as multi-document YAML.
import { readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { parse, parseAllDocuments, stringify } from "yaml";
import jsonpatch from "fast-json-patch";

const KNOWN = new Set(["apiVersion", "kind", "resources", "configMapGenerator", "images", "patches", "replacements"]);

function render(dir) {
  const kustomization = parse(readFileSync(join(dir, "kustomization.yaml"), "utf8"));
  for (const field of Object.keys(kustomization)) {
    if (!KNOWN.has(field)) {
      throw new Error(`${dir}/kustomization.yaml: render.mjs does not implement "${field}"; use kubectl kustomize`);
    }
  }
  const objects = [];
  for (const resource of kustomization.resources ?? []) {
    const path = join(dir, resource);
    if (statSync(path).isDirectory()) {
      objects.push(...render(path));
    } else {
      objects.push(...parseAllDocuments(readFileSync(path, "utf8")).map((d) => d.toJS()).filter((o) => o !== null));
    }
  }
  for (const generator of kustomization.configMapGenerator ?? []) {
    const data = {};
    for (const file of generator.files) {
      data[basename(file)] = readFileSync(join(dir, file), "utf8");
    }
    objects.unshift({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: generator.name }, data });
  }
  for (const patch of kustomization.patches ?? []) {
    jsonpatch.applyPatch(only(objects, patch.target, dir), parse(patch.patch), true);
  }
  for (const image of kustomization.images ?? []) {
    for (const object of objects) {
      const pod = object.spec?.jobTemplate?.spec?.template?.spec ?? object.spec?.template?.spec;
      for (const container of [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])]) {
        if (container.image === image.name || container.image.startsWith(`${image.name}:`)) {
          const tag = image.newTag ?? container.image.split(":")[1];
          container.image = (image.newName ?? image.name) + (tag === undefined ? "" : `:${tag}`);
        }
      }
    }
  }
  for (const replacement of kustomization.replacements ?? []) {
    const source = only(objects, replacement.source, dir);
    const value = field(source, replacement.source.fieldPath, dir);
    for (const target of replacement.targets) {
      const object = only(objects, target.select, dir);
      for (const path of target.fieldPaths) {
        const segments = path.split(".");
        const parent = field(object, segments.slice(0, -1).join("."), dir);
        const last = segments[segments.length - 1];
        // as kustomize: the target keeps its type, so a number copied into a string field stays a string
        parent[last] = typeof parent[last] === "string" ? String(value) : value;
      }
    }
  }
  return objects;
}

function only(objects, { kind, name }, dir) {
  const found = objects.filter((o) => o.kind === kind && o.metadata.name === name);
  if (found.length !== 1) {
    throw new Error(`${dir}/kustomization.yaml: ${kind} ${name} matches ${found.length} objects`);
  }
  return found[0];
}

/** The value at a kustomize field path: dotted names, list indices, and [name=X] for the list item named X. */
function field(object, path, dir) {
  let value = object;
  for (const segment of path.split(".")) {
    const byName = segment.match(/^\[name=(.*)\]$/);
    value = byName ? value?.find?.((item) => item.name === byName[1]) : value?.[segment];
    if (value === undefined) {
      throw new Error(`${dir}/kustomization.yaml: no field ${path}`);
    }
  }
  return value;
}

console.log(render(process.argv[2]).map((o) => stringify(o)).join("---\n"));

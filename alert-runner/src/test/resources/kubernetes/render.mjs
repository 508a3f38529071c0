// Renders a kustomization the way `kubectl kustomize DIR` does, for machines without kubectl: only the fields
// that deploy/kubernetes uses (resources, configMapGenerator with files, images, JSON 6902 patches by kind and
// name); any other field stops it, naming the field. Generated ConfigMaps keep their names (kustomize adds a
// hash of the content), so their references stay as written. Prints the objects as multi-document YAML.
import { readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { parse, parseAllDocuments, stringify } from "yaml";
import jsonpatch from "fast-json-patch";

const KNOWN = new Set(["apiVersion", "kind", "resources", "configMapGenerator", "images", "patches"]);

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
    const targets = objects.filter((o) => o.kind === patch.target.kind && o.metadata.name === patch.target.name);
    if (targets.length !== 1) {
      throw new Error(`${dir}/kustomization.yaml: a patch's target ${patch.target.kind} ${patch.target.name} matches ${targets.length} objects`);
    }
    jsonpatch.applyPatch(targets[0], parse(patch.patch), true);
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
  return objects;
}

console.log(render(process.argv[2]).map((o) => stringify(o)).join("---\n"));

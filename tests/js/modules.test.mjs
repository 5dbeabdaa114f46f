// The pages' modules hang together: every import names a file that exists and a name it exports,
// every page's template loads an entry from pages/, and no page script defines its own `$`. A
// browser would find a broken import only on the page that loads it; this finds it in a second.

import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const JS = join(ROOT, "api", "static", "js");
const TEMPLATES = join(ROOT, "api", "templates");

const filesIn = (dir, ending) => readdirSync(dir, { recursive: true })
  .filter((name) => name.endsWith(ending)).map((name) => join(dir, name));
const modules = filesIn(JS, ".js");

function exportsOf(file) {
  const source = readFileSync(file, "utf8");
  const names = new Set();
  for (const [, name] of source.matchAll(/export (?:async )?(?:function\*?|const|let|class) ([\w$]+)/g)) names.add(name);
  for (const [, list] of source.matchAll(/export \{([^}]*)\}/g)) {
    for (const item of list.split(",")) if (item.trim()) names.add(item.trim().split(/\s+as\s+/).at(-1));
  }
  return names;
}

describe("the pages' modules", () => {
  it("live in pages/ and lib/ only", () => {
    for (const file of modules) assert.match(relative(JS, file), /^(pages|lib)\/[\w-]+\.js$/);
  });

  it("import only what exists", () => {
    let imports = 0;
    for (const file of modules) {
      const source = readFileSync(file, "utf8");
      for (const [, list, specifier] of source.matchAll(/import \{([^}]*)\} from "([^"]+)"/g)) {
        const target = join(dirname(file), specifier);
        assert.ok(modules.includes(target), `${relative(JS, file)} imports ${specifier}, which is not there`);
        const exported = exportsOf(target);
        for (const item of list.split(",").map((name) => name.trim()).filter(Boolean)) {
          const name = item.split(/\s+as\s+/)[0];
          assert.ok(exported.has(name), `${relative(JS, file)} imports ${name} from ${specifier}, which does not export it`);
          imports += 1;
        }
      }
    }
    assert.ok(imports > 100, `only ${imports} imports found`);
  });

  it("define $ once, in lib/ui.js", () => {
    const defining = modules.filter((file) => /^(?:export )?const \$ =/m.test(readFileSync(file, "utf8")));
    assert.deepEqual(defining.map((file) => relative(JS, file)), ["lib/ui.js"]);
  });

  it("are entered only through pages/, one module per template that has a script", () => {
    const entries = [];
    for (const template of filesIn(TEMPLATES, ".html")) {
      for (const [, src] of readFileSync(template, "utf8").matchAll(/<script type="module" src="\/static\/js\/([^"]+)"/g)) {
        assert.match(src, /^pages\//, relative(ROOT, template));
        assert.ok(modules.includes(join(JS, src)), `${relative(ROOT, template)} loads ${src}, which is not there`);
        entries.push(src);
      }
    }
    const pages = modules.filter((file) => relative(JS, file).startsWith("pages/")).map((file) => relative(JS, file));
    assert.deepEqual([...entries].sort(), [...pages].sort()); // every page module is some page's entry, once
  });
});

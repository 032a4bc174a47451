// Builds the site's static front end into cop_site/static/dist:
//   main.css               GOV.UK Frontend components plus project styles, compressed
//   govuk-frontend.min.js  GOV.UK Frontend's ES module bundle, as shipped
//   init.mjs               starts the components the templates use
//   search-autocomplete.mjs  title suggestions for search boxes, through a native <datalist>
//   webauthn-errors.mjs    shows why a security key or passkey could not be used
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

import * as sass from "sass";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const nodeModules = path.join(root, "node_modules");
const sourceDir = path.join(root, "cop_site", "static_src");
const outputDir = path.join(root, "cop_site", "static", "dist");

async function buildCss() {
  const result = sass.compile(path.join(sourceDir, "scss", "main.scss"), {
    style: "compressed",
    loadPaths: [nodeModules],
    // GOV.UK Frontend's own deprecation notices are theirs to fix; ours still show.
    quietDeps: true,
    sourceMap: false,
  });
  const target = path.join(outputDir, "main.css");
  await writeFile(target, result.css);
  return target;
}

async function copyScripts() {
  const copies = [
    [
      path.join(nodeModules, "govuk-frontend", "dist", "govuk", "govuk-frontend.min.js"),
      path.join(outputDir, "govuk-frontend.min.js"),
    ],
    [path.join(sourceDir, "js", "init.mjs"), path.join(outputDir, "init.mjs")],
    [
      path.join(sourceDir, "js", "search-autocomplete.mjs"),
      path.join(outputDir, "search-autocomplete.mjs"),
    ],
    [
      path.join(sourceDir, "js", "webauthn-errors.mjs"),
      path.join(outputDir, "webauthn-errors.mjs"),
    ],
  ];
  await Promise.all(copies.map(([from, to]) => copyFile(from, to)));
  return copies.map(([, to]) => to);
}

async function main() {
  await mkdir(outputDir, { recursive: true });
  const written = [await buildCss(), ...(await copyScripts())];
  for (const file of written) {
    console.log(`built ${path.relative(root, file)}`);
  }
}

main().catch((error) => {
  console.error(error.message ?? error);
  process.exitCode = 1;
});

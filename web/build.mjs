// Builds the dashboard into ../src/polemos/api/static (committed, so a machine without node
// still serves it). Everything, including the country outlines, is bundled: no CDN at run time.
import * as esbuild from "esbuild";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";

const out = "../src/polemos/api/static";
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await esbuild.build({
  entryPoints: { app: "src/main.js" },
  bundle: true,
  minify: true,
  sourcemap: false,
  target: ["es2020"],
  outdir: out,
  loader: { ".png": "file", ".svg": "file" },
  assetNames: "assets/[name]-[hash]",
  legalComments: "linked",
  logLevel: "warning",
});
copyFileSync("src/index.html", `${out}/index.html`);
copyFileSync("NOTICE.md", `${out}/NOTICE.md`);
console.log(`built ${out}`);

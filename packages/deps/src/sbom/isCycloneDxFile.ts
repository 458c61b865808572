/** File names CycloneDX tools write by default or by convention (`*.cdx.json` is the spec's). */
const SBOM_NAME = /^(?:s?bom|.+\.(?:cdx|s?bom))\.json$/i;
const BOM_FORMAT = /"bomFormat"\s*:\s*"CycloneDX"/;

/**
 * Whether a file is a CycloneDX JSON SBOM. Given only a path, answers by name (`bom.json`,
 * `sbom.json`, `*.cdx.json`, `*.bom.json`, `*.sbom.json`): worth reading. Given the text too,
 * the content decides for any `.json` file: it must say `"bomFormat": "CycloneDX"`, which every
 * CycloneDX JSON document does, so a `bom.json` of another format is not taken for one.
 *
 * @example
 * isCycloneDxFile('dist/app.cdx.json') // true
 * isCycloneDxFile('bom.json', '{"bomFormat": "SPDX"}') // false
 */
export function isCycloneDxFile(path: string, text?: string): boolean {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  if (text === undefined) return SBOM_NAME.test(name);
  return name.toLowerCase().endsWith('.json') && BOM_FORMAT.test(text);
}

const apiVersionKey = /^[ \t]*(?:-[ \t]+)?["']?apiVersion["']?[ \t]*:/m;
const kindKey = /^[ \t]*(?:-[ \t]+)?["']?kind["']?[ \t]*:/m;
const jsonKeys = /"apiVersion"\s*:[\s\S]*"kind"\s*:|"kind"\s*:[\s\S]*"apiVersion"\s*:/;

/** Kubernetes files are recognized by content, whatever their name: an `apiVersion` and a `kind`. */
export function looksLikeManifest(text: string): boolean {
  return (apiVersionKey.test(text) && kindKey.test(text)) || jsonKeys.test(text);
}

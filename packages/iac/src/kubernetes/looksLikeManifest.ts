const apiVersionKey = /^[ \t]*(?:-[ \t]+)?["']?apiVersion["']?[ \t]*:/m;
const kindKey = /^[ \t]*(?:-[ \t]+)?["']?kind["']?[ \t]*:/m;

/** Kubernetes files are recognized by content, whatever their name: an `apiVersion` and a `kind`. */
export function looksLikeManifest(text: string): boolean {
  if (text.includes('"apiVersion"') && text.includes('"kind"')) return true;
  return apiVersionKey.test(text) && kindKey.test(text);
}

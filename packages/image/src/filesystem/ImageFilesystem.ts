import type { TarEntryKind } from '../archive/tarHeader.js';

/** A file of the image as the container would see it: which layer put it there, and what it is. */
export interface ImageEntry {
  /** Path inside the image, without a leading `/` (`etc/os-release`). */
  path: string;
  kind: TarEntryKind;
  /** Index of the layer the entry comes from (0 is the bottom layer). */
  layer: number;
  size: number;
  mode: number;
  /** Symbolic link target as written; for hard links, the image path of the linked file. */
  linkTarget?: string;
}

/** What one layer does to the filesystem below it. */
export interface LayerChanges {
  /** Paths a `.wh.<name>` file deletes from the layers below. */
  whiteouts: string[];
  /** Directories a `.wh..wh..opq` file empties of everything the layers below put in them. */
  opaqueDirectories: string[];
  /** Entries the layer adds or replaces, in archive order (a later one wins). */
  entries: ImageEntry[];
}

interface DirectoryNode {
  entry: ImageEntry | undefined;
  children: Map<string, Node>;
}

type Node = { entry: ImageEntry; children?: undefined } | DirectoryNode;

/** How many symbolic links one lookup follows before giving up (Linux's own limit). */
const MAX_LINK_HOPS = 40;

/**
 * The union filesystem of an image's layers, metadata only: layers are applied in order as an
 * overlay mount would apply them, so whited-out files and the lower contents of opaque
 * directories are really gone, and a file replacing a directory drops everything under it.
 */
export class ImageFilesystem {
  private readonly root: DirectoryNode = { entry: undefined, children: new Map() };

  /** Applies one layer: its deletions act on the layers below, then its entries are added. */
  applyLayer(changes: LayerChanges): void {
    for (const path of changes.opaqueDirectories) {
      const node = this.lookup(splitPath(path));
      if (node?.children) node.children.clear();
    }
    for (const path of changes.whiteouts) {
      const parts = splitPath(path);
      const name = parts.pop();
      const parent = this.lookup(parts);
      if (name !== undefined) parent?.children?.delete(name);
    }
    for (const entry of changes.entries) this.add(entry);
  }

  /** The entry at a path, without following links. */
  get(path: string): ImageEntry | undefined {
    return this.lookup(splitPath(path))?.entry;
  }

  /**
   * The entry a path leads to with every symbolic link followed, as inside the container: `..`
   * stops at the root and absolute targets start from the image root, never the host's.
   */
  resolve(path: string): ImageEntry | undefined {
    let pending = splitPath(path);
    const done: string[] = [];
    let hops = 0;
    while (pending.length > 0) {
      const [name, ...rest] = pending as [string, ...string[]];
      pending = rest;
      if (name === '..') {
        done.pop();
        continue;
      }
      const node = this.lookup([...done, name]);
      const entry = node?.entry;
      if (entry?.kind === 'symlink' && entry.linkTarget !== undefined) {
        if (++hops > MAX_LINK_HOPS) return undefined;
        const target = entry.linkTarget;
        if (target.startsWith('/')) done.length = 0;
        pending = [...splitPath(target, true), ...pending];
        continue;
      }
      if (!node) return undefined;
      done.push(name);
    }
    return this.lookup(done)?.entry;
  }

  /** Every entry, depth first, in name order. */
  *entries(): Generator<ImageEntry> {
    yield* walk(this.root);
  }

  private add(entry: ImageEntry): void {
    const parts = splitPath(entry.path);
    const name = parts.pop();
    if (name === undefined) return;
    let directory = this.root;
    const walked: string[] = [];
    for (const part of parts) {
      walked.push(part);
      let child = directory.children.get(part);
      if (!child?.children) {
        // A missing parent, or a file a higher layer puts a directory over: implied directory.
        child = {
          entry: {
            path: walked.join('/'),
            kind: 'directory',
            layer: entry.layer,
            size: 0,
            mode: 0o755,
          },
          children: new Map(),
        };
        directory.children.set(part, child);
      }
      directory = child;
    }
    const existing = directory.children.get(name);
    if (entry.kind === 'directory') {
      directory.children.set(name, { entry, children: existing?.children ?? new Map() });
    } else {
      directory.children.set(name, { entry });
    }
  }

  private lookup(parts: readonly string[]): Node | undefined {
    let node: Node = this.root;
    for (const part of parts) {
      const child: Node | undefined = node.children?.get(part);
      if (!child) return undefined;
      node = child;
    }
    return node;
  }
}

function* walk(directory: DirectoryNode): Generator<ImageEntry> {
  const names = [...directory.children.keys()].sort();
  for (const name of names) {
    const node = directory.children.get(name);
    if (!node) continue;
    yield node.entry ?? { path: name, kind: 'directory', layer: 0, size: 0, mode: 0 };
    if (node.children) yield* walk(node);
  }
}

/** Path components; `..` is kept only for link targets, which {@link ImageFilesystem.resolve} walks. */
function splitPath(path: string, keepParent = false): string[] {
  return path
    .split('/')
    .filter((part) => part !== '' && part !== '.' && (keepParent || part !== '..'));
}

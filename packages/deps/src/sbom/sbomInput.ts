import type { InventoryPackage } from '../inventory/inventoryPackage.js';

/** The project an SBOM describes: named after its manifest or its directory. */
export interface SbomRoot {
  name: string;
  version?: string;
  /** The project's own purl when its manifest gives one (a published npm package, say). */
  purl?: string;
}

/** What an SBOM is written from: the project and the packages of all its lockfiles. */
export interface SbomInput {
  root: SbomRoot;
  packages: readonly InventoryPackage[];
}

/** The tool that wrote the SBOM, recorded in its metadata. */
export interface SbomTool {
  name: string;
  version: string;
}

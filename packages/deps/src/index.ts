export { compareVersions, parseEcosystem, type Ecosystem } from './versions/compareVersions.js';
export {
  compareAlpineVersions,
  parseAlpineVersion,
  type AlpineSuffix,
  type AlpineSuffixName,
  type AlpineVersion,
} from './versions/alpineVersion.js';
export { compareCranVersions } from './versions/cranVersion.js';
export { compareDebianVersions } from './versions/debianVersion.js';
export { compareGoVersions } from './versions/goVersion.js';
export { compareHackageVersions } from './versions/hackageVersion.js';
export { compareMavenVersions } from './versions/mavenVersion.js';
export { compareNuGetVersions } from './versions/nugetVersion.js';
export { comparePackagistVersions } from './versions/packagistVersion.js';
export { comparePubVersions } from './versions/pubVersion.js';
export { comparePyPIVersions } from './versions/pypiVersion.js';
export { compareRpmVersions } from './versions/rpmVersion.js';
export { compareRubyGemsVersions } from './versions/rubyGemsVersion.js';
export { compareSemverVersions } from './versions/semverVersion.js';
export {
  parseOsvRecord,
  type OsvAffected,
  type OsvEvent,
  type OsvPackage,
  type OsvRange,
  type OsvRangeType,
  type OsvRecord,
  type OsvRecordParse,
  type OsvReference,
  type OsvSeverity,
} from './osv/osvRecord.js';
export { checkAffected, isAffected, type AffectedCheck } from './osv/affectedVersions.js';
export { smallestFix } from './osv/fixVersion.js';
export { cvssBaseScore, cvssRating, type CvssRating, type CvssScore } from './osv/cvss.js';
export { cvss4Score, type Cvss4Nomenclature } from './osv/cvss4.js';
export { severityFromRecord } from './osv/severityFromRecord.js';
export { parsePackageLock } from './inventory/parsePackageLock.js';
export { parseYarnLock } from './inventory/parseYarnLock.js';
export { npmPurl } from './inventory/npmPurl.js';
export type {
  DependencyScope,
  DistroEcosystem,
  InventoryPackage,
  LanguageEcosystem,
  LockfileError,
  LockfileResult,
  PackageSource,
  RootManifest,
} from './inventory/inventoryPackage.js';
export { parseRequirementsTxt, type ReadInclude } from './inventory/python/parseRequirementsTxt.js';
export { parsePipfileLock } from './inventory/python/parsePipfileLock.js';
export { parsePoetryLock } from './inventory/python/parsePoetryLock.js';
export { parseUvLock } from './inventory/python/parseUvLock.js';
export { parsePdmLock } from './inventory/python/parsePdmLock.js';
export { pypiPurl } from './inventory/python/pypiPurl.js';
export { parsePnpmLock } from './inventory/parsePnpmLock.js';
export { parseBunLock } from './inventory/parseBunLock.js';
export { parseGoMod } from './inventory/go/parseGoMod.js';
export { golangPurl } from './inventory/go/golangPurl.js';
export { parseCargoLock } from './inventory/rust/parseCargoLock.js';
export { parseGemfileLock } from './inventory/ruby/parseGemfileLock.js';
export { parseComposerLock } from './inventory/php/parseComposerLock.js';
export { parseNugetPackagesLock } from './inventory/dotnet/parseNugetPackagesLock.js';
export { parsePubspecLock } from './inventory/dart/parsePubspecLock.js';
export { parseMixLock } from './inventory/elixir/parseMixLock.js';
export { parseGradleLockfile } from './inventory/java/parseGradleLockfile.js';
export { depsScanner } from './depsScanner.js';
export {
  isInventoryFile,
  isInventorySource,
  readInventory,
  type Inventory,
  type InventoryWarning,
  type ReadTreeFile,
} from './inventory/readInventory.js';
export {
  findVulnerabilities,
  type MatchProblem,
  type MatchResult,
  type RecordLookup,
  type VulnerabilityMatch,
} from './match/findVulnerabilities.js';
export { vulnerabilityFinding, type FindingOptions } from './match/vulnerabilityFinding.js';
export { OsvDatabase, type DbOpen } from './db/OsvDatabase.js';
export { defaultDbDirectory } from './db/defaultDbDirectory.js';
export { openScanDatabase } from './db/openScanDatabase.js';
export {
  importOsvData,
  type ImportOptions,
  type ImportSummary,
  type ImportWarning,
} from './db/importOsvData.js';
export {
  updateOsvDatabase,
  DEFAULT_ECOSYSTEMS,
  DEFAULT_OSV_BASE_URL,
  type EcosystemUpdate,
  type UpdateOptions,
} from './db/updateOsvDatabase.js';
export type { DbManifest, SegmentEntry } from './db/dbManifest.js';
export { parsePurl, type Purl, type PurlParse } from './inventory/parsePurl.js';
export { formatPurl } from './inventory/formatPurl.js';
export { packageFromPurl, type PurlPackage } from './sbom/packageFromPurl.js';
export type { SbomInput, SbomRoot, SbomTool } from './sbom/sbomInput.js';
export {
  toCycloneDx,
  type CycloneDxBom,
  type CycloneDxComponent,
  type CycloneDxDependency,
  type CycloneDxOptions,
  type CycloneDxProperty,
} from './sbom/toCycloneDx.js';
export {
  toSpdx,
  type SpdxDocument,
  type SpdxOptions,
  type SpdxPackage,
  type SpdxRelationship,
  type SpdxRelationshipType,
} from './sbom/toSpdx.js';
export { readCycloneDx } from './sbom/readCycloneDx.js';
export { isCycloneDxFile } from './sbom/isCycloneDxFile.js';
export { parsePomXml, type ReadParentPom } from './inventory/java/parsePomXml.js';
export { mavenPurl } from './inventory/java/mavenPurl.js';
export { detectLockfileKind, type LockfileKind } from './inventory/detectLockfileKind.js';
export { treeFileReader } from './inventory/treeFileReader.js';

export {
  openImage,
  type ImageFormat,
  type ImageLayer,
  type OpenedImage,
  type OpenImageOptions,
} from './archive/openImage.js';
export {
  parseImageConfig,
  type ImageConfig,
  type ImageConfigParse,
} from './archive/imageConfig.js';
export { indexTar, type TarIndex, type TarMember } from './archive/indexTar.js';
export {
  ImageFilesystem,
  type ImageEntry,
  type LayerChanges,
} from './filesystem/ImageFilesystem.js';
export {
  ImageLayerReader,
  DEFAULT_READ_LIMITS,
  type CaptureTarget,
  type CapturedFile,
  type ImageContents,
  type LayerFile,
  type ReadImageOptions,
  type ReadLimits,
} from './readImageLayers.js';
export {
  distroEcosystem,
  parseOsRelease,
  purlDistro,
  type OsRelease,
} from './inventory/osRelease.js';
export type { OsPackage, OsPackageParse } from './inventory/osPackage.js';
export { parseDpkgStatus } from './inventory/parseDpkgStatus.js';
export { parseApkInstalled } from './inventory/parseApkInstalled.js';
export { parseRpmHeader, type RpmHeaderParse } from './inventory/rpm/parseRpmHeader.js';
export {
  readSqliteTable,
  type SqliteTableRead,
  type SqliteValue,
} from './inventory/rpm/readSqliteTable.js';
export { readNdbPackages, type NdbRead } from './inventory/rpm/readNdbPackages.js';
export { bufferAccess, fileAccess, type RandomAccess } from './inventory/rpm/RandomAccess.js';
export {
  parseGoBuildInfo,
  type GoBuildInfo,
  type GoBuildInfoParse,
  type GoModule,
} from './inventory/parseGoBuildInfo.js';
export { parsePythonMetadata } from './inventory/parsePythonMetadata.js';
export { parsePomProperties } from './inventory/parsePomProperties.js';
export { readJarPackages, type JarArtifact } from './inventory/readJarPackages.js';
export {
  inventoryCaptureTarget,
  readImageInventory,
  type ImageInventory,
  type ImagePackage,
} from './inventory/readImageInventory.js';
export { matchImagePackages, type ImageMatchResult } from './matchImagePackages.js';
export { checkImageConfig, CONFIG_PATH } from './checks/checkImageConfig.js';
export {
  IMAGE_RULES,
  imageRuleDescriptors,
  type ImageRule,
  type ImageRuleId,
} from './checks/imageRules.js';
export { ImageScan, type ImageScanOptions } from './ImageScan.js';

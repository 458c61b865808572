import type { TerraformRule } from '../terraformRule.js';
import {
  awsEbsUnencrypted,
  awsRdsUnencrypted,
  azureManagedDiskEncryptionDisabled,
  azureStorageHttpAllowed,
  gcpSqlUnencryptedConnections,
} from './encryption.js';
import {
  awsIamWildcardPolicy,
  azureRoleDefinitionWildcard,
  gcpIamBasicRole,
} from './iamWildcard.js';
import { awsLoggingDisabled, azureLoggingDisabled, gcpLoggingDisabled } from './loggingDisabled.js';
import { openPortRules } from './openPorts.js';
import {
  awsRdsPublic,
  azureDatabaseFirewallOpen,
  azureDatabasePublicNetworkAccess,
  gcpSqlOpenToInternet,
} from './publicDatabase.js';
import {
  awsS3PublicAccessBlockDisabled,
  awsS3PublicAcl,
  azureStorageAccountPublicBlobs,
  azureStorageContainerPublic,
  gcpStoragePublicAccess,
} from './publicStorage.js';
import { awsWeakTlsPolicy, azureTlsBelow12, gcpWeakSslPolicy } from './tlsPolicy.js';

/**
 * Every Terraform rule. S3 bucket encryption is deliberately absent: since January 2023 S3
 * encrypts every new object (SSE-S3) and the setting cannot be turned off, so a bucket without
 * an `aws_s3_bucket_server_side_encryption_configuration` is not unencrypted. Likewise GCP
 * disks are always encrypted (Google-managed keys) and only explicit Azure disablement exists.
 */
export const terraformRules: readonly TerraformRule[] = [
  awsS3PublicAcl,
  awsS3PublicAccessBlockDisabled,
  gcpStoragePublicAccess,
  azureStorageContainerPublic,
  azureStorageAccountPublicBlobs,
  ...openPortRules,
  awsEbsUnencrypted,
  awsRdsUnencrypted,
  gcpSqlUnencryptedConnections,
  azureManagedDiskEncryptionDisabled,
  azureStorageHttpAllowed,
  awsRdsPublic,
  gcpSqlOpenToInternet,
  azureDatabasePublicNetworkAccess,
  azureDatabaseFirewallOpen,
  awsIamWildcardPolicy,
  gcpIamBasicRole,
  azureRoleDefinitionWildcard,
  awsWeakTlsPolicy,
  gcpWeakSslPolicy,
  azureTlsBelow12,
  awsLoggingDisabled,
  gcpLoggingDisabled,
  azureLoggingDisabled,
];

// Public API of @ksmkit/config/aws: device configs kept in AWS Secrets Manager (separate entry: loads the AWS SDK).

export { awsOptionsFromProfile, awsProfileSettings, openAwsProfile } from './aws-profile.js';
export type { AwsCredentialSource, AwsSecretStorage, AwsSecretStorageOptions } from './aws-secret-storage.js';
export { createAwsSecretStorage, DEFAULT_AWS_SECRET } from './aws-secret-storage.js';

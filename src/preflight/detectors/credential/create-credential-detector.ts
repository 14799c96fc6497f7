import type { DetectorFactory } from '../../detector.js';
import { classifyPath } from '../text-scan/classify-path.js';
import { describeCredential } from './describe-credential.js';
import { findCredentials } from './find-credentials.js';

/** Reports secrets written into text files of the package; binary files are not read. */
export const createCredentialDetector: DetectorFactory = () => ({
  id: 'credential',
  scanText(file) {
    const inDocumentation = classifyPath(file.meta.name).documentation;
    return findCredentials(file.text, file.firstLine).map((match) =>
      describeCredential(match, file.meta.path, inDocumentation),
    );
  },
});

export { detectDockerfile, type IacResult } from './dockerfile/detectDockerfile.js';
export {
  parseDockerfile,
  type DockerfileInstruction,
  type ParsedDockerfile,
} from './dockerfile/parseDockerfile.js';

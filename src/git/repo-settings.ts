/** One configured GitOps repository, as the git layer needs it (main.ts maps config onto it). */
export interface GitRepoSettings {
  name: string;
  url: string;
  branch: string;
  /** `Name <email>` of Shipmate's commits. */
  author: string;
  token?: string | undefined;
  /** PATH and proxies for the git child process (RuntimeEnv.gitEnv). */
  env?: Record<string, string> | undefined;
}

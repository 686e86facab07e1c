/** The namespaces a cluster runs its own components in: quota findings skip them unless config says otherwise. */
export const SYSTEM_NAMESPACES: readonly string[] = ['kube-system', 'kube-public', 'kube-node-lease'];

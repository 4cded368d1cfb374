/** Where things are inside every sandbox. Labs and the platform may rely on these paths. */

/** The learner's home inside the sandbox. */
export const SANDBOX_HOME = '/home/learner';
/** The learner's user name, uid and gid inside the sandbox. */
export const SANDBOX_USER = 'learner';
export const SANDBOX_UID = 1000;
/** Where the learner's cluster API socket is bound inside the sandbox. */
export const SANDBOX_API_SOCKET = '/run/podium/api.sock';
/** The loopback port the forwarder listens on; kubeconfigs say `https://127.0.0.1:6443` (a lab's further clusters add `/clusters/<id>`). */
export const SANDBOX_API_PORT = 6443;
/** Base URL of the learner's cluster API as seen from inside the sandbox. */
export const SANDBOX_API_URL = `https://127.0.0.1:${SANDBOX_API_PORT}`;
/** Folder of the generated, read-only files (bash rc, kubectl completion). */
export const SANDBOX_PODIUM_ETC = '/etc/podium';
export const SANDBOX_PATH = '/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin';

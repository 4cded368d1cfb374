/** busybox and Alpine bases: every tool is a busybox applet, `sh` is ash. */
import { inDir, type Family } from './types.ts';

const APPLETS = [
  'ash', 'sh', 'cat', 'ls', 'echo', 'env', 'printenv', 'id', 'whoami', 'uname', 'date', 'sleep', 'head', 'tail', 'wc', 'sort', 'uniq', 'cut',
  'tr', 'mkdir', 'touch', 'rm', 'cp', 'mv', 'ln', 'pwd', 'basename', 'dirname', 'true', 'false', 'test', '[', 'seq', 'tee', 'nproc', 'stty',
  'df', 'du', 'chmod', 'chown', 'readlink', 'realpath', 'yes', 'nohup', 'timeout', 'expr', 'printf', 'base64', 'md5sum', 'sha256sum', 'stat',
  'grep', 'egrep', 'sed', 'awk', 'find', 'xargs', 'tar', 'gzip', 'gunzip', 'mount', 'hostname', 'clear', 'reset', 'which', 'kill', 'killall',
  'ps', 'top', 'free', 'wget', 'nslookup', 'nc', 'ping', 'ip', 'ifconfig', 'netstat', 'route', 'vi', 'less', 'more', 'watch', 'hexdump', 'od',
  'busybox', 'uptime',
];

const busyboxPasswd =
  'root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nbin:x:2:2:bin:/bin:/bin/false\nsys:x:3:3:sys:/dev:/bin/false\nsync:x:4:100:sync:/bin:/bin/sync\n' +
  'mail:x:8:8:mail:/var/spool/mail:/bin/false\nwww-data:x:33:33:www-data:/var/www:/bin/false\noperator:x:37:37:Operator:/var:/bin/false\nnobody:x:65534:65534:nobody:/home:/bin/false\n';
const busyboxGroup = 'root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\ntty:x:5:\ndisk:x:6:\nwheel:x:10:root\nmail:x:8:\nwww-data:x:33:\noperator:x:37:\nstaff:x:50:\nusers:x:100:\nnogroup:x:65534:\n';

export const busybox: Family = {
  name: 'busybox',
  dirs: ['bin', 'dev', 'etc', 'home', 'lib', 'proc', ['root', 0o700], 'sys', ['tmp', 0o1777], 'usr', 'usr/sbin', 'var', 'var/spool', 'var/www'],
  links: [['/lib64', 'lib']],
  files: { '/etc/passwd': busyboxPasswd, '/etc/group': busyboxGroup },
  programs: inDir('/bin', APPLETS),
  sh: 'ash',
  style: 'busybox',
  bash: { version: '5.2', prompt: 'plain' },
  built: Date.parse('2024-09-26T21:31:42Z'),
};

const alpinePasswd =
  'root:x:0:0:root:/root:/bin/sh\nbin:x:1:1:bin:/bin:/sbin/nologin\ndaemon:x:2:2:daemon:/sbin:/sbin/nologin\nlp:x:4:7:lp:/var/spool/lpd:/sbin/nologin\nsync:x:5:0:sync:/sbin:/bin/sync\n' +
  'shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown\nhalt:x:7:0:halt:/sbin:/sbin/halt\nmail:x:8:12:mail:/var/mail:/sbin/nologin\nnews:x:9:13:news:/usr/lib/news:/sbin/nologin\n' +
  'uucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin\ncron:x:16:16:cron:/var/spool/cron:/sbin/nologin\nftp:x:21:21::/var/lib/ftp:/sbin/nologin\nsshd:x:22:22:sshd:/dev/null:/sbin/nologin\n' +
  'games:x:35:35:games:/usr/games:/sbin/nologin\nntp:x:123:123:NTP:/var/empty:/sbin/nologin\nguest:x:405:100:guest:/dev/null:/sbin/nologin\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n';
const alpineGroup =
  'root:x:0:root\nbin:x:1:root,bin,daemon\ndaemon:x:2:root,bin,daemon\nsys:x:3:root,bin\nadm:x:4:root,daemon\ntty:x:5:\ndisk:x:6:root\nlp:x:7:lp\nkmem:x:9:\nwheel:x:10:root\nfloppy:x:11:root\n' +
  'mail:x:12:mail\nnews:x:13:news\nuucp:x:14:uucp\ncron:x:16:cron\naudio:x:18:\ncdrom:x:19:\ndialout:x:20:root\nftp:x:21:\nsshd:x:22:\ninput:x:23:\ntape:x:26:root\nvideo:x:27:root\n' +
  'netdev:x:28:\nkvm:x:34:kvm\ngames:x:35:\nshadow:x:42:\nwww-data:x:82:\nusers:x:100:games\nntp:x:123:\nabuild:x:300:\nutmp:x:406:\nping:x:999:\nnogroup:x:65533:\nnobody:x:65534:\n';

export const alpine: Family = {
  name: 'alpine',
  dirs: ['bin', 'dev', 'etc', 'home', 'lib', 'media', 'mnt', 'opt', 'proc', ['root', 0o700], 'run', 'sbin', 'srv', 'sys', ['tmp', 0o1777], 'usr', 'usr/bin', 'usr/sbin', 'usr/lib', 'usr/local', 'usr/local/bin', 'usr/share', 'var', 'var/log', 'var/cache', 'var/lib', 'etc/ssl', 'etc/ssl/certs', 'etc/apk'],
  links: [],
  files: {
    '/etc/os-release': 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.21.3\nPRETTY_NAME="Alpine Linux v3.21"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n',
    '/etc/alpine-release': '3.21.3\n',
    '/etc/passwd': alpinePasswd,
    '/etc/group': alpineGroup,
    '/etc/shells': '# valid login shells\n/bin/sh\n/bin/ash\n',
  },
  programs: { ...inDir('/bin', APPLETS), ...inDir('/usr/bin', ['getent', 'ssl_client', 'scanelf']), apk: '/sbin' },
  sh: 'ash',
  style: 'busybox',
  bash: { version: '5.2', prompt: 'plain' },
  built: Date.parse('2025-02-14T00:00:00Z'),
};
